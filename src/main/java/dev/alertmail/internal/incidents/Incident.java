package dev.alertmail.internal.incidents;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.capture.IncidentSample;
import java.lang.ref.Reference;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * One distinct error: its first sample, when it was seen, and an exact count. Application threads
 * only {@link #hit} it; what has been reported is the planner's business, not the incident's.
 */
public final class Incident {

    public final Fingerprint fingerprint;
    public final IncidentSample sample;
    /** Only ever moved earlier, by the journal's adoption of an earlier life's counts (worker thread). */
    public volatile long firstSeen;

    public final LongAdder count;
    private volatile long lastSeen;
    private volatile boolean immediate;
    /** Fleet: which hosts saw it, with their counts (set by the fleet's mailer; empty otherwise). */
    private volatile Map<String, Long> hosts = Map.of();
    /** Earlier lives of this process that counted it and died without a stop (journal adoption). */
    private volatile Restarts restarts = Restarts.NONE;
    /** "new in 1.4.2" or "regressed in 1.4.2", from the journal's memory of releases; {@code null}: neither. */
    private volatile @Nullable String releaseMark;

    public Incident(Fingerprint fingerprint, IncidentSample sample, long now) {
        this(fingerprint, sample, now, new LongAdder());
    }

    private Incident(Fingerprint fingerprint, IncidentSample sample, long now, LongAdder count) {
        this.fingerprint = fingerprint;
        this.sample = sample;
        this.firstSeen = now;
        this.lastSeen = now;
        this.count = count;
    }

    public void hit(long now, boolean skipGroupWait) {
        count.increment();
        if (lastSeen < now) { // one shared write per millisecond at most, not one per event
            lastSeen = now;
        }
        if (skipGroupWait && !immediate) {
            immediate = true;
        }
        // Until the increment is done this incident must stay strongly reachable: the store learns
        // from its weak reference when no thread can count into a retired incident any more.
        Reference.reachabilityFence(this);
    }

    /** Events counted on a retired copy after it left the store. */
    void addLate(long events, long at) {
        count.add(events);
        if (lastSeen < at) {
            lastSeen = at;
        }
    }

    /** Worker thread: an earlier life's unmailed events of this incident join it, with their first sighting. */
    void adopt(long events, long earlierFirstSeen, long earlierLastSeen, Restarts lives) {
        count.add(events);
        firstSeen = Math.min(firstSeen, earlierFirstSeen);
        if (lastSeen < earlierLastSeen) {
            lastSeen = earlierLastSeen;
        }
        restarts = restarts.plus(lives);
    }

    public Restarts restarts() {
        return restarts;
    }

    public @Nullable String releaseMark() {
        return releaseMark;
    }

    /** Worker thread, before it is planned: what the memory of releases says of this incident. */
    public void markRelease(String mark) {
        releaseMark = mark;
    }

    /** The fleet's mailer: its copy of a fleet incident now reads these absolute values (worker thread only). */
    public void mirror(long fleetCount, long fleetLastSeen, boolean fleetImmediate, Map<String, Long> fleetHosts) {
        long delta = fleetCount - count.sum();
        if (delta != 0) {
            count.add(delta);
        }
        if (lastSeen < fleetLastSeen) {
            lastSeen = fleetLastSeen;
        }
        if (fleetImmediate) {
            immediate = true;
        }
        if (!fleetHosts.isEmpty()) {
            hosts = fleetHosts;
        }
    }

    public Map<String, Long> hosts() {
        return hosts;
    }

    public long count() {
        return count.sum();
    }

    public long lastSeen() {
        return lastSeen;
    }

    /** An event carried the immediate marker: this incident does not wait for {@code groupWait}. */
    public boolean immediate() {
        return immediate;
    }
}
