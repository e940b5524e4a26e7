package dev.alertmail;

import java.util.concurrent.atomic.LongAdder;

/**
 * One distinct error: its first sample, when it was seen, and an exact count. Application threads
 * only {@link #hit(long)} it; everything else belongs to the single worker thread.
 */
public final class Incident {

    private final Fingerprint fingerprint;
    private final IncidentSample sample;
    private final long firstSeen;
    private volatile long lastSeen;
    private final LongAdder count = new LongAdder();

    // Worker-thread state: what has already been put into an email.
    long reported;
    long lastMailedAt = -1;

    Incident(Fingerprint fingerprint, IncidentSample sample, long now) {
        this.fingerprint = fingerprint;
        this.sample = sample;
        this.firstSeen = now;
        this.lastSeen = now;
    }

    void hit(long now) {
        count.increment();
        if (lastSeen < now) { // skip the shared write when the millisecond has not moved
            lastSeen = now;
        }
    }

    /** Folds in events counted on a copy of this incident that was being retired. */
    void add(long events) {
        count.add(events);
    }

    public Fingerprint fingerprint() { return fingerprint; }
    public IncidentSample sample() { return sample; }
    public long firstSeen() { return firstSeen; }
    public long lastSeen() { return lastSeen; }
    public long count() { return count.sum(); }
    boolean wasMailed() { return lastMailedAt >= 0; }
}
