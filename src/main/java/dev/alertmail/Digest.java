package dev.alertmail;

import java.util.List;

/**
 * What one alert email reports, fixed at the moment it is built: later counts go into the next
 * email, so a retry re-sends exactly this.
 *
 * @param entries     incidents shown in full (at most {@code maxIncidentsPerEmail})
 * @param summarised  further incidents, listed in one line each
 * @param heldBack    emails the hourly cap held back since the previous email (their counts are in here)
 */
public record Digest(long createdAt, long windowStart, String application, String environment,
                     List<Entry> entries, List<Entry> summarised, long heldBack, String idempotencyKey) {

    /**
     * @param count events since the incident was last mailed (all of them for a new incident)
     * @param total events since the incident was first seen
     * @param repeat true when the incident was mailed before and is still firing
     */
    public record Entry(Fingerprint fingerprint, IncidentSample sample, long count, long total,
                        long firstSeen, long lastSeen, boolean repeat, boolean overflow) {
    }

    public long eventCount() {
        long n = 0;
        for (Entry e : entries) {
            n += e.count();
        }
        for (Entry e : summarised) {
            n += e.count();
        }
        return n;
    }

    public int incidentCount() {
        return entries.size() + summarised.size();
    }
}
