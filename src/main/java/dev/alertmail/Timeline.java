package dev.alertmail;

import org.jspecify.annotations.Nullable;

/**
 * Events per time bucket since an incident was first seen, kept by the worker thread from the
 * incident's count at each tick (so application threads pay nothing for it). A fixed set of
 * {@value #BUCKETS} counters: when the span outgrows them, neighbours merge and buckets double in
 * size. The buckets always add up to the count last observed.
 */
final class Timeline {

    static final int BUCKETS = 24;
    static final long FIRST_BUCKET_MILLIS = 1_000;

    /** A copy for one email. */
    record Snapshot(long origin, long bucketMillis, long[] counts) {
        long total() {
            long n = 0;
            for (long c : counts) {
                n += c;
            }
            return n;
        }
    }

    private final long origin;
    private long bucketMillis = FIRST_BUCKET_MILLIS;
    private long observed;
    // Memory per tracked incident matters: one number while a single bucket has events, then ints,
    // then longs only if a bucket outgrows an int.
    private long firstBucket;
    private int @Nullable [] ints;
    private long @Nullable [] longs;

    Timeline(long origin) {
        this.origin = origin;
    }

    /** Attributes what the count grew by since the last observation to the bucket of {@code lastSeen}. */
    void observe(long count, long lastSeen) {
        long delta = count - observed;
        if (delta > 0) {
            observed = count;
            int b = bucket(lastSeen);
            set(b, get(b) + delta);
        }
    }

    /** Buckets from first seen up to {@code now}. */
    Snapshot snapshot(long now) {
        long[] copy = new long[bucket(now) + 1];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = get(i);
        }
        return new Snapshot(origin, bucketMillis, copy);
    }

    private int bucket(long at) {
        long i = Math.max(0, at - origin) / bucketMillis;
        while (i >= BUCKETS) {
            for (int j = 0; j < BUCKETS / 2; j++) {
                set(j, get(2 * j) + get(2 * j + 1));
            }
            for (int j = BUCKETS / 2; j < BUCKETS; j++) {
                set(j, 0);
            }
            bucketMillis *= 2;
            i = Math.max(0, at - origin) / bucketMillis;
        }
        return (int) i;
    }

    private long get(int i) {
        return longs != null ? longs[i] : ints != null ? ints[i] : i == 0 ? firstBucket : 0;
    }

    private void set(int i, long value) {
        if (longs == null && ints == null) {
            if (i == 0) {
                firstBucket = value;
                return;
            }
            if (value == 0) {
                return;
            }
            if (firstBucket <= Integer.MAX_VALUE) {
                ints = new int[BUCKETS];
                ints[0] = (int) firstBucket;
            } else {
                widen();
            }
        }
        if (longs == null && value > Integer.MAX_VALUE) {
            widen();
        }
        if (longs != null) {
            longs[i] = value;
        } else {
            ints[i] = (int) value;
        }
    }

    private void widen() {
        longs = new long[BUCKETS];
        for (int j = 0; j < BUCKETS; j++) {
            longs[j] = ints != null ? ints[j] : j == 0 ? firstBucket : 0;
        }
        ints = null;
    }
}
