package dev.alertmail;

import java.util.List;
import java.util.regex.Pattern;

/** Replaces every match of the configured patterns with {@code [redacted]}, before escaping. */
final class Redactor {

    static final String REPLACEMENT = "[redacted]";

    private final List<Pattern> patterns;

    Redactor(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    String apply(String s) {
        if (s == null || patterns.isEmpty()) {
            return s;
        }
        String out = s;
        for (Pattern p : patterns) {
            out = p.matcher(out).replaceAll(REPLACEMENT);
        }
        return out;
    }
}
