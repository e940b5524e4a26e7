package dev.alertmail.testing;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.core.time.PreciseClock;

/**
 * Log4j2's clock in the tests ({@code log4j2.clock} in the surefire configuration; Log4j2 reads it
 * once per JVM). Precise system time, as Log4j2's own, unless a test pins it: then every event gets
 * the same millisecond and no nanoseconds — a millisecond-precision clock at its worst.
 */
public final class PinnedLog4jClock implements PreciseClock {

    private static final long UNPINNED = Long.MIN_VALUE;
    private static volatile long pinned = UNPINNED;
    private static final AtomicLong pinnedReads = new AtomicLong();

    /** Every event from now on carries {@code epochMillis}, nanoseconds 0, until {@link #unpin()}. */
    public static void pin(long epochMillis) {
        pinned = epochMillis;
    }

    public static void unpin() {
        pinned = UNPINNED;
    }

    /** How many times an event took the pinned time: proof that Log4j2 uses this clock. */
    public static long pinnedReads() {
        return pinnedReads.get();
    }

    @Override
    public long currentTimeMillis() {
        long p = pinned;
        if (p != UNPINNED) {
            pinnedReads.incrementAndGet();
            return p;
        }
        return System.currentTimeMillis();
    }

    @Override
    public void init(MutableInstant instant) {
        long p = pinned;
        if (p != UNPINNED) {
            pinnedReads.incrementAndGet();
            instant.initFromEpochMilli(p, 0);
        } else {
            java.time.Instant now = java.time.Instant.now();
            instant.initFromEpochSecond(now.getEpochSecond(), now.getNano());
        }
    }
}
