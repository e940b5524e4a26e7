package dev.alertmail.internal.delivery;

import dev.alertmail.internal.config.StatusReporter;

/** One status error (or warning), then at most one per {@value #PERIOD_MILLIS} ms saying how many were suppressed. */
public final class Throttle {

    static final long PERIOD_MILLIS = 600_000;

    private final StatusReporter status;
    private long lastAt = Long.MIN_VALUE;
    private long suppressed;

    Throttle(StatusReporter status) {
        this.status = status;
    }

    void error(long now, String message) {
        report(now, message, true);
    }

    void warn(long now, String message) {
        report(now, message, false);
    }

    private synchronized void report(long now, String message, boolean error) {
        if (lastAt != Long.MIN_VALUE && now - lastAt < PERIOD_MILLIS) {
            suppressed++;
            return;
        }
        String line = suppressed == 0 ? message : message + " (" + suppressed + " more like it since the last report)";
        if (error) {
            status.error(line);
        } else {
            status.warn(line);
        }
        lastAt = now;
        suppressed = 0;
    }
}
