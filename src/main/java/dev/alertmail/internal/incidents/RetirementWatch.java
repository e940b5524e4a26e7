package dev.alertmail.internal.incidents;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.capture.IncidentSample;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Incidents removed from the store while an application thread may still hold one and count into
 * it. Each is watched through a weak reference with a strong hold on its counter: every tick the
 * late hits are folded back, and once the incident is unreachable (no thread can count into it
 * any more) the last fold is final and it is forgotten. Exact, and bounded by what the GC frees.
 * Worker thread, or the stopping thread once the worker has stopped (under {@code Delivery}'s lock).
 */
public final class RetirementWatch {

    /** Where late hits go. */
    interface Sink {
        void accept(Fingerprint fingerprint, IncidentSample sample, long events);
    }

    private static final class Retired extends WeakReference<Incident> {
        final Fingerprint fingerprint;
        final IncidentSample sample;
        final LongAdder count;
        long folded;

        Retired(Incident incident, long reported) {
            super(incident);
            this.fingerprint = incident.fingerprint;
            this.sample = incident.sample;
            this.count = incident.count;
            this.folded = reported;
        }
    }

    private final List<Retired> watched = new ArrayList<>();

    void add(Incident incident, long reported) {
        watched.add(new Retired(incident, reported));
    }

    void fold(Sink sink) {
        for (Iterator<Retired> it = watched.iterator(); it.hasNext(); ) {
            Retired r = it.next();
            boolean gone = r.refersTo(null); // read before the count: then no increment can follow
            long late = r.count.sum() - r.folded;
            if (late > 0) {
                r.folded += late;
                sink.accept(r.fingerprint, r.sample, late);
            }
            if (gone) {
                it.remove();
            }
        }
    }

    int watched() {
        return watched.size();
    }

    long pending() {
        long n = 0;
        for (Retired r : watched) {
            n += Math.max(0, r.count.sum() - r.folded);
        }
        return n;
    }
}
