package dev.alertmail.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TickerTest {

    /** A hand-moved clock that keeps no monotonic time of its own. */
    private static final class WallOnly extends Clock {
        long millis = 1_000_000;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
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

    @Test
    void theSystemClockGetsNanoTimeStartedAtTheWallClocksReading() {
        assertSame(Ticker.SYSTEM, Ticker.of(Clock.systemUTC()));
        assertSame(Ticker.SYSTEM, Ticker.of(Clock.systemDefaultZone()));
        long drift = Math.abs(Ticker.SYSTEM.monotonicMillis() - System.currentTimeMillis());
        assertTrue(drift < 60_000, "agrees with the wall clock until it is stepped: " + drift + " ms");
    }

    @Test
    void anotherClockIsFollowedForwardAndItsStepsBackAreAbsorbed() {
        WallOnly wall = new WallOnly();
        Ticker t = Ticker.of(wall);
        long start = t.monotonicMillis();
        wall.millis += 5_000;
        assertEquals(start + 5_000, t.monotonicMillis());
        wall.millis -= 3_600_000; // stepped back an hour
        assertEquals(start + 5_000, t.monotonicMillis(), "never goes back");
        wall.millis += 2_000;
        assertEquals(start + 7_000, t.monotonicMillis(), "then moves on with the clock");
    }
}
