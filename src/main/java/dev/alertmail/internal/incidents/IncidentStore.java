package dev.alertmail.internal.incidents;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.capture.FingerprintProbe;
import dev.alertmail.internal.capture.IncidentSample;
import dev.alertmail.internal.capture.SampleBuilder;
import dev.alertmail.internal.capture.SampleCapture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Fingerprint → incident. A repeat costs one map read and one counter increment, and allocates
 * nothing. At most {@code maxIncidents} are tracked, exactly: a new fingerprint past that is
 * counted in the one overflow incident, so memory stays bounded and every event is counted.
 *
 * <p>The Caffeine cache is unbounded on purpose: admission below is the bound, so nothing is ever
 * evicted with counts not yet mailed, and no read buffer is drained on application threads.
 * Incidents leave only through {@link #retire}, on the worker thread (or the stopping thread at
 * the final flush, under {@code Delivery}'s lock).
 */
public final class IncidentStore implements IncidentSource {

    public static final Fingerprint OVERFLOW = new Fingerprint(0, 0);

    private final Cache<Fingerprint, Incident> cache;
    private final int maxIncidents;
    private final AtomicInteger tracked = new AtomicInteger();
    private final Incident overflow;
    private final RetirementWatch retirements = new RetirementWatch();
    /** Grows with every incident admitted: the journal looks for new incidents only when it moved. */
    private final AtomicLong admitted = new AtomicLong();
    /** Retired (resolved) since the journal last asked; bounded, only a journal reads it. */
    private final List<Fingerprint> resolved = new ArrayList<>();

    public IncidentStore(int maxIncidents, long now) {
        this.maxIncidents = maxIncidents;
        this.cache = Caffeine.newBuilder()
                .initialCapacity(Math.min(maxIncidents, 1024))
                .build();
        this.overflow = new Incident(OVERFLOW, IncidentSample.overflow(maxIncidents, now), now);
    }

    /** Counts one occurrence; creates the incident (and captures its sample) only for a new fingerprint. */
    @SuppressWarnings("CollectionIncompatibleType") // a probe equals its Fingerprint: a lookup that allocates nothing
    public <E> void record(
            FingerprintProbe probe,
            E event,
            SampleCapture<E> capture,
            SampleBuilder.Factory samples,
            long now,
            boolean immediate) {
        Incident incident = cache.asMap().get(probe); // Map.get(Object): the probe is looked up, never stored
        if (incident == null) {
            incident = admit(probe.toFingerprint(), () -> samples.capture(event, capture, now), now);
        }
        incident.hit(now, immediate);
    }

    private Incident admit(Fingerprint fp, Supplier<IncidentSample> sample, long now) {
        if (tracked.incrementAndGet() > maxIncidents) {
            tracked.decrementAndGet();
            return overflow;
        }
        Incident fresh;
        try {
            fresh = new Incident(fp, sample.get(), now);
        } catch (RuntimeException | Error e) {
            tracked.decrementAndGet(); // the slot stays free for the next try
            throw e;
        }
        Incident existing = cache.asMap().putIfAbsent(fp, fresh);
        if (existing != null) {
            tracked.decrementAndGet();
            return existing;
        }
        admitted.incrementAndGet();
        return fresh;
    }

    /** Removes a mailed, quiet incident; hits that still land on it are folded back by {@link #foldLateHits}. */
    @Override
    public void retire(Incident incident, long reported) {
        if (cache.asMap().remove(incident.fingerprint, incident)) {
            tracked.decrementAndGet();
            retirements.add(incident, reported);
            synchronized (resolved) {
                if (resolved.size() < 1_000) {
                    resolved.add(incident.fingerprint);
                }
            }
        }
    }

    /** Worker thread every tick (the stopping thread at the final flush): counts that reached retired incidents go to the live one (created if needed). */
    @Override
    public void foldLateHits(long now) {
        retirements.fold((fp, sample, events) -> {
            Incident live = cache.getIfPresent(fp);
            if (live == null) {
                live = admit(fp, () -> sample, now);
            }
            live.addLate(events, now);
        });
    }

    /**
     * Worker thread, at start: an earlier life's unmailed events (from its journal) join the live
     * incident, created with the earlier sample if needed, keeping the earlier first sighting.
     */
    public void adopt(
            Fingerprint fp, IncidentSample sample, long events, long firstSeen, long lastSeen, Restarts restarts) {
        Incident live = fp.equals(OVERFLOW) ? overflow : cache.getIfPresent(fp);
        if (live == null) {
            live = admit(fp, () -> sample, firstSeen);
        }
        live.adopt(events, firstSeen, lastSeen, restarts);
    }

    /** Incidents admitted so far (a count that only grows). */
    public long admitted() {
        return admitted.get();
    }

    /** The fingerprints retired since the last call. */
    public List<Fingerprint> drainResolved() {
        synchronized (resolved) {
            List<Fingerprint> out = List.copyOf(resolved);
            resolved.clear();
            return out;
        }
    }

    @Override
    public Collection<Incident> incidents() {
        return cache.asMap().values();
    }

    @Override
    public Incident overflow() {
        return overflow;
    }

    public int size() {
        return tracked.get();
    }

    /** Retired incidents still watched for late hits. */
    public int watchedRetirements() {
        return retirements.watched();
    }

    /** Events counted on retired incidents and not yet folded back (normally 0). */
    public long unfolded() {
        return retirements.pending();
    }
}
