package dev.alertmail.testing;

import dev.alertmail.internal.config.StatusReporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects status lines as "LEVEL message". */
public final class RecordingStatus implements StatusReporter {

    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void error(String message) {
        lines.add("ERROR " + message);
    }

    public List<String> errors() {
        return lines.stream().filter(l -> l.startsWith("ERROR ")).toList();
    }

    /** The WARN lines, without their level. */
    public List<String> warnings() {
        return lines.stream()
                .filter(l -> l.startsWith("WARN "))
                .map(l -> l.substring(5))
                .toList();
    }

    public String all() {
        return String.join("\n", lines);
    }
}
