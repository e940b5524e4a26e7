package dev.alertmail.internal.plan;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.IncidentStore;
import dev.alertmail.internal.incidents.Timeline;
import java.util.List;

/**
 * What the planner decided one email reports, with every count read once: the email is built
 * from exactly this, and the planner books exactly this once the email exists. Its times are the
 * engine's monotonic milliseconds (like every time the planner sees); {@link #wall} turns one into
 * the wall clock's reading for the email, with the offset between the two when it was planned.
 *
 * @param entries    incidents in email order: new ones first, then repeats, each by count
 * @param resolved   incidents mailed before and quiet since, listed once
 * @param heldBack   emails the hourly cap held back since the previous one (their counts are in here)
 * @param wallOffset the wall clock's reading minus the engine's time, when the email was planned
 */
public record EmailPlan(
        long createdAt,
        long windowStart,
        List<Entry> entries,
        List<Resolved> resolved,
        long heldBack,
        long wallOffset) {

    /** A plan whose times are the wall clock's already (no offset). */
    public EmailPlan(long createdAt, long windowStart, List<Entry> entries, List<Resolved> resolved, long heldBack) {
        this(createdAt, windowStart, entries, resolved, heldBack, 0);
    }

    /** This plan with its times placed on the wall clock, which reads {@code wallNow} at {@link #createdAt}. */
    public EmailPlan onWallClock(long wallNow) {
        return new EmailPlan(createdAt, windowStart, entries, resolved, heldBack, wallNow - createdAt);
    }

    /** An engine time of this plan (first/last seen, the window, a timeline's origin) as the wall clock's. */
    public long wall(long engineMillis) {
        return engineMillis + wallOffset;
    }

    /**
     * @param count  events since the incident was last mailed (all of them for a new incident)
     * @param total  events since the incident was first seen
     * @param repeat the incident was mailed before and is still firing
     * @param timeline events per bucket since first seen; adds up to {@code total}
     */
    public record Entry(
            Incident incident, long count, long total, long lastSeen, boolean repeat, Timeline.Snapshot timeline) {
        public Fingerprint fingerprint() {
            return incident.fingerprint;
        }

        boolean overflow() {
            return incident.fingerprint.equals(IncidentStore.OVERFLOW);
        }
    }

    /** A mailed incident that went quiet, as the next email lists it. */
    public record Resolved(Fingerprint fingerprint, String title, long total, long firstSeen, long lastSeen) {}

    public long eventCount() {
        long n = 0;
        for (Entry e : entries) {
            n += e.count();
        }
        return n;
    }
}
