package dev.alertmail.internal.incidents;

import java.util.ArrayList;
import java.util.List;

/**
 * Lives of this process that ended without a stop while an incident was counted and not yet
 * mailed: how many, and when the last few ended (wall-clock milliseconds, the last journal write
 * of each). A crash loop's lives add up into one incident, and its email says so.
 */
public record Restarts(int count, List<Long> recent) {

    public static final Restarts NONE = new Restarts(0, List.of());
    /** Ends kept for the email; the count goes on. */
    public static final int KEPT = 10;

    public Restarts {
        recent = List.copyOf(recent);
    }

    /** One more life that ended at {@code endedAt}. */
    public Restarts plus(long endedAt) {
        List<Long> r = new ArrayList<>(recent);
        r.add(endedAt);
        return new Restarts(count + 1, r.subList(Math.max(0, r.size() - KEPT), r.size()));
    }

    /** Both histories (an incident adopted from two journals). */
    public Restarts plus(Restarts other) {
        if (other.count == 0) {
            return this;
        }
        List<Long> r = new ArrayList<>(recent);
        r.addAll(other.recent);
        r.sort(null);
        return new Restarts(count + other.count, r.subList(Math.max(0, r.size() - KEPT), r.size()));
    }
}
