package dev.alertmail.internal.delivery;

import dev.alertmail.internal.config.StatusReporter;

/** One status error, then at most one per {@value #PERIOD_MILLIS} ms saying how many were suppressed. */
public final class Throttle {

    static final long PERIOD_MILLIS = 600_000;

    private final StatusReporter status;
    private long lastAt = Long.MIN_VALUE;
    private long suppressed;

    Throttle(StatusReporter status) {
        this.status = status;
    }

    synchronized void error(long now, String message) {
        if (lastAt != Long.MIN_VALUE && now - lastAt < PERIOD_MILLIS) {
            suppressed++;
            return;
        }
        status.error(suppressed == 0 ? message : message + " (" + suppressed + " more like it since the last report)");
        lastAt = now;
        suppressed = 0;
    }
}
