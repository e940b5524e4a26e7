package dev.alertmail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fingerprint → incident, bounded. A repeat costs one cache read and one counter increment; past
 * {@code maxIncidents} distinct fingerprints, new ones are counted in a single overflow incident,
 * so memory stays bounded and every event is still counted.
 */
final class IncidentStore {

    static final Fingerprint OVERFLOW = new Fingerprint(0, 0);

    private final Cache<Fingerprint, Incident> cache;
    private final int maxIncidents;
    private final Incident overflow;
    private final LongAdder created = new LongAdder();

    IncidentStore(int maxIncidents, long now) {
        this.maxIncidents = maxIncidents;
        // maximumSize is a backstop only: admission below keeps the size at maxIncidents, and
        // incidents leave through remove() once they are mailed and quiet.
        this.cache = Caffeine.newBuilder()
                .initialCapacity(Math.min(maxIncidents, 1024))
                .maximumSize(maxIncidents + 64L)
                // maintenance inline (amortised, under a tryLock): handing it to the common pool woke
                // threads on every few reads and put 20 µs spikes into append's p99 (see README, Performance)
                .executor(Runnable::run)
                .build();
        this.overflow = new Incident(OVERFLOW, new IncidentSample(now, "ERROR", "alertmail", "-",
                "More distinct errors than maxIncidents (" + maxIncidents + ") were logged; the surplus is counted here",
                null, null, List.of(), Map.of(), List.of()), now);
    }

    /** Counts one occurrence; captures a sample only for a new fingerprint. Never throws. */
    <E> void record(Fingerprint fp, E event, SampleCapture<E> capture, long now) {
        Incident incident = cache.getIfPresent(fp);
        if (incident == null) {
            if (cache.estimatedSize() >= maxIncidents) {
                overflow.hit(now);
                return;
            }
            Incident fresh = new Incident(fp, sample(event, capture, now), now);
            incident = cache.asMap().putIfAbsent(fp, fresh);
            if (incident == null) {
                incident = fresh;
                created.increment();
            }
        }
        incident.hit(now);
    }

    /** A failing capture still yields a countable incident: losing the count would be worse. */
    private static <E> IncidentSample sample(E event, SampleCapture<E> capture, long now) {
        try {
            return capture.capture(event);
        } catch (RuntimeException | StackOverflowError e) {
            return new IncidentSample(now, "ERROR", "unknown", "unknown",
                    "alertmail could not copy this event: " + e, null, null, List.of(), Map.of(), List.of());
        }
    }

    Collection<Incident> incidents() {
        return cache.asMap().values();
    }

    Incident overflow() {
        return overflow;
    }

    void remove(Incident incident) {
        cache.asMap().remove(incident.fingerprint(), incident);
    }

    /** Puts a retired incident back; returns the one now in the store (another may have taken its place). */
    Incident reinstate(Incident incident) {
        Incident existing = cache.asMap().putIfAbsent(incident.fingerprint(), incident);
        return existing == null ? incident : existing;
    }

    long size() {
        return cache.estimatedSize();
    }

    long created() {
        return created.sum();
    }
}
