package dev.alertmail.internal.plan;

import java.util.ArrayDeque;

/** At most {@code max} events in any window of {@code windowMillis}: the hourly cap and the per-second pace. */
public final class SlidingWindowLimit {

    private final int max;
    private final long windowMillis;
    private final ArrayDeque<Long> times = new ArrayDeque<>();

    public SlidingWindowLimit(int max, long windowMillis) {
        this.max = max;
        this.windowMillis = windowMillis;
    }

    public boolean allows(long now) {
        while (!times.isEmpty() && (now - times.peekFirst() >= windowMillis || now < times.peekFirst())) {
            times.pollFirst();
        }
        return times.size() < max;
    }

    public void record(long now) {
        times.addLast(now);
    }
}
