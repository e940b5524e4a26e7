package dev.alertmail.internal.journal;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.IncidentStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which release first had each fingerprint and when it was last resolved, and the releases this
 * service ran: so that, with {@code release} set, an incident first seen in the running release
 * (an earlier one being known) is marked {@code new in <release>}, and one resolved before and back
 * in a later release {@code regressed in <release>}. Bounded: the oldest fingerprints go first.
 */
final class ReleaseMemory {

    static final int MAX_KNOWN = 10_000;
    static final int MAX_RELEASES = 50;

    private final String release;
    private final Map<Fingerprint, JournalState.Known> known = new LinkedHashMap<>();
    private final List<String> releases = new ArrayList<>();
    private long admittedSeen = -1;

    ReleaseMemory(String release) {
        this.release = release;
    }

    /** An earlier life's memory; the earliest sighting of a fingerprint wins, its latest resolution too. */
    void adopt(JournalState s) {
        for (JournalState.Known k : s.known()) {
            known.merge(k.fingerprint(), k, (a, b) -> {
                JournalState.Known first = a.firstSeen() <= b.firstSeen() ? a : b;
                JournalState.Known resolved = a.resolvedAt() >= b.resolvedAt() ? a : b;
                return new JournalState.Known(
                        first.fingerprint(),
                        first.firstRelease(),
                        first.firstSeen(),
                        resolved.resolvedAt(),
                        resolved.resolvedIn());
            });
        }
        s.releases().forEach(this::ran);
    }

    /** This life's release joins the list once the earlier lives' are in. */
    void started() {
        ran(release);
    }

    private void ran(String r) {
        if (!r.isEmpty()) {
            releases.remove(r);
            releases.add(r); // the latest last
            if (releases.size() > MAX_RELEASES) {
                releases.remove(0);
            }
        }
    }

    /**
     * Worker thread, before planning: notes resolutions, and marks incidents new to this memory.
     *
     * @return whether the memory changed (the journal is then written)
     */
    boolean mark(IncidentStore store, long wallNow, long toWall) {
        boolean changed = false;
        for (Fingerprint fp : store.drainResolved()) {
            changed |= known.computeIfPresent(
                            fp, (f, k) -> new JournalState.Known(f, k.firstRelease(), k.firstSeen(), wallNow, release))
                    != null;
        }
        if (store.admitted() == admittedSeen) {
            return changed; // no incident was admitted since the last look: nothing to mark
        }
        admittedSeen = store.admitted();
        boolean earlierRelease = releases.stream().anyMatch(r -> !r.equals(release));
        for (Incident inc : store.incidents()) {
            JournalState.Known k = known.get(inc.fingerprint);
            if (k == null) {
                if (!release.isEmpty() && earlierRelease) {
                    inc.markRelease("new in " + release);
                }
                known.put(
                        inc.fingerprint,
                        new JournalState.Known(inc.fingerprint, release, inc.firstSeen + toWall, 0, ""));
                changed = true;
            } else if (k.resolvedAt() > 0) { // resolved, and back
                if (!release.isEmpty() && !release.equals(k.resolvedIn())) {
                    inc.markRelease("regressed in " + release);
                }
                known.put(
                        inc.fingerprint,
                        new JournalState.Known(inc.fingerprint, k.firstRelease(), k.firstSeen(), 0, ""));
                changed = true;
            }
        }
        for (var it = known.keySet().iterator(); known.size() > MAX_KNOWN; ) {
            it.next();
            it.remove(); // oldest out
        }
        return changed;
    }

    List<JournalState.Known> known() {
        return new ArrayList<>(known.values());
    }

    List<String> releases() {
        return List.copyOf(releases);
    }
}
