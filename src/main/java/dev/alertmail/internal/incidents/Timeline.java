package dev.alertmail.internal.incidents;

import org.jspecify.annotations.Nullable;

/**
 * Events per time bucket since an incident was first seen, kept by the worker (or, at the final
 * flush, the stopping thread) from the incident's count at each tick (so application threads pay
 * nothing for it). A fixed set of
 * {@value #BUCKETS} counters: when the span outgrows them, neighbours merge into the next bucket
 * size a reader takes in at a glance (1 s, 2 s, 10 s, 20 s, 1 min, 2 min, 10 min, 20 min, 1 h,
 * 2 h, 6 h, 12 h, 1 day, then doubling). The buckets always add up to the count last observed.
 */
public final class Timeline {

    public static final int BUCKETS = 24;
    /** Each a whole multiple of the one before, so merging is exact. */
    private static final long[] SIZES = {
        1_000,
        2_000,
        10_000,
        20_000,
        60_000,
        120_000,
        600_000,
        1_200_000,
        3_600_000,
        7_200_000,
        21_600_000,
        43_200_000,
        86_400_000
    };

    /** A copy for one email. */
    public record Snapshot(long origin, long bucketMillis, long[] counts) {
        public long total() {
            long n = 0;
            for (long c : counts) {
                n += c;
            }
            return n;
        }
    }

    private final long origin;
    private long bucketMillis = SIZES[0];
    private long observed;
    // Memory per tracked incident matters: one number while a single bucket has events, then ints,
    // then longs only if a bucket outgrows an int.
    private long firstBucket;
    private int @Nullable [] ints;
    private long @Nullable [] longs;

    public Timeline(long origin) {
        this.origin = origin;
    }

    /** Attributes what the count grew by since the last observation to the bucket of {@code lastSeen}. */
    public void observe(long count, long lastSeen) {
        long delta = count - observed;
        if (delta > 0) {
            observed = count;
            int b = bucket(lastSeen);
            set(b, get(b) + delta);
        }
    }

    /** Buckets from first seen up to {@code now}. */
    public Snapshot snapshot(long now) {
        long[] copy = new long[bucket(now) + 1];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = get(i);
        }
        return new Snapshot(origin, bucketMillis, copy);
    }

    private int bucket(long at) {
        long i = Math.max(0, at - origin) / bucketMillis;
        while (i >= BUCKETS) {
            long next = nextSize(bucketMillis);
            int ratio = (int) (next / bucketMillis);
            for (int j = 0; j < BUCKETS; j++) {
                long sum = 0;
                for (int k = j * ratio; k < Math.min(BUCKETS, (j + 1) * ratio); k++) {
                    sum += get(k);
                }
                set(j, sum); // reads only buckets at j or later, which are not written yet
            }
            bucketMillis = next;
            i = Math.max(0, at - origin) / bucketMillis;
        }
        return (int) i;
    }

    private static long nextSize(long size) {
        for (long s : SIZES) {
            if (s > size) {
                return s;
            }
        }
        return size * 2;
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
        int[] small = ints;
        if (longs != null) {
            longs[i] = value;
        } else if (small != null) {
            small[i] = (int) value;
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
