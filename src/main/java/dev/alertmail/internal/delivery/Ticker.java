package dev.alertmail.internal.delivery;

import java.time.Clock;

/**
 * The engine's time for its timers (groupWait, groupInterval, repeatInterval, resolveAfter, the
 * hourly cap, backoff, give-up): milliseconds that only move forward, by the time that really
 * passed, whatever happens to the wall clock. The wall clock ({@link Clock}) is only read to show
 * times and to name the idempotency key's window: a wall clock stepped back an hour by NTP must
 * not hold an alert, a retry or a repeat for that hour.
 *
 * <p>In production {@link System#nanoTime()}, started at the wall clock's reading so the two agree
 * until the wall clock is stepped. A test clock implements this interface as well and moves both.
 */
public interface Ticker {

    /** Monotonic milliseconds; comparable only with other readings of this ticker. */
    long monotonicMillis();

    /** {@code System.nanoTime()} in milliseconds, from the wall clock's reading when this class was loaded. */
    Ticker SYSTEM = new Ticker() {
        private final long originNanos = System.nanoTime();
        private final long originMillis = System.currentTimeMillis();

        @Override
        public long monotonicMillis() {
            return originMillis + (System.nanoTime() - originNanos) / 1_000_000;
        }
    };

    /**
     * The ticker for an engine given {@code clock}: the clock itself when it keeps monotonic time
     * too (a test clock), {@link #SYSTEM} for the system clock, and otherwise one that follows the
     * clock forward and absorbs its steps back.
     */
    static Ticker of(Clock clock) {
        if (clock instanceof Ticker t) {
            return t;
        }
        if (clock.getClass() == Clock.systemUTC().getClass()) {
            return SYSTEM;
        }
        return new Ticker() {
            private long last = Long.MIN_VALUE;
            private long offset;

            @Override
            public synchronized long
                    monotonicMillis() { // only for a clock injected by hand: never the hot path in production
                long wall = clock.millis();
                if (last != Long.MIN_VALUE && wall + offset < last) {
                    offset = last - wall; // stepped back: hold here, then move on with the clock
                }
                last = wall + offset;
                return last;
            }
        };
    }
}
