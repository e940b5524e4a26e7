package dev.alertmail.internal.config;

import java.util.ArrayList;
import java.util.List;

/** Every problem of a configuration, one message each, each naming its property; none contains a secret. */
public final class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InvalidConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    /**
     * The status lines both adapters report for an appender that did not start: one per problem,
     * then what happened. Same words whichever framework runs it.
     */
    public List<String> statusLines(String appenderName) {
        List<String> lines = new ArrayList<>(problems.size() + 1);
        for (String p : problems) {
            lines.add("alertmail appender [" + appenderName + "]: " + p);
        }
        lines.add("alertmail appender [" + appenderName + "] not started: fix the configuration above");
        return lines;
    }
}
