package dev.alertmail;

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
    private final long[] counts = new long[BUCKETS];
    private long observed;

    Timeline(long origin) {
        this.origin = origin;
    }

    /** Attributes what the count grew by since the last observation to the bucket of {@code lastSeen}. */
    void observe(long count, long lastSeen) {
        long delta = count - observed;
        if (delta > 0) {
            observed = count;
            counts[bucket(lastSeen)] += delta;
        }
    }

    /** Buckets from first seen up to {@code now}. */
    Snapshot snapshot(long now) {
        int last = bucket(now);
        long[] copy = new long[last + 1];
        System.arraycopy(counts, 0, copy, 0, last + 1);
        return new Snapshot(origin, bucketMillis, copy);
    }

    private int bucket(long at) {
        long i = Math.max(0, at - origin) / bucketMillis;
        while (i >= BUCKETS) {
            for (int j = 0; j < BUCKETS / 2; j++) {
                counts[j] = counts[2 * j] + counts[2 * j + 1];
            }
            java.util.Arrays.fill(counts, BUCKETS / 2, BUCKETS, 0);
            bucketMillis *= 2;
            i = Math.max(0, at - origin) / bucketMillis;
        }
        return (int) i;
    }
}
