package dev.alertmail.testing;

import dev.alertmail.internal.delivery.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests move by hand, so timers fire without sleeping. It keeps the time that really
 * passed too (the engine's {@link Ticker}): {@link #advance} moves both, {@link #stepWallClock}
 * only the wall clock, as NTP or an operator does.
 */
public final class MutableClock extends Clock implements Ticker {

    private final AtomicLong millis;
    private final AtomicLong ticks;

    public MutableClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
        this.ticks = new AtomicLong(start.toEpochMilli());
    }

    public static MutableClock at(String instant) {
        return new MutableClock(Instant.parse(instant));
    }

    /** Time passes: the wall clock and the engine's monotonic time move forward by {@code d}. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time does not pass backwards; stepWallClock moves the wall clock back");
        }
        ticks.addAndGet(d.toMillis());
        millis.addAndGet(d.toMillis());
    }

    /** The wall clock is stepped (NTP, an operator) by {@code d}, which may be negative; no time passes. */
    public void stepWallClock(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public long monotonicMillis() {
        return ticks.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
