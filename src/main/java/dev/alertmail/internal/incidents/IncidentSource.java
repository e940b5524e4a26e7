package dev.alertmail.internal.incidents;

import java.util.Collection;

/**
 * What a planner mails from: this process's {@link IncidentStore}, or, on a fleet's mailer, its
 * copy of the fleet's incidents.
 */
public interface IncidentSource {

    Collection<Incident> incidents();

    /** Where fingerprints past {@code maxIncidents} are counted. */
    Incident overflow();

    /** Each tick before planning: counts that reached retired incidents go back to live ones. */
    void foldLateHits(long now);

    /** A mailed, quiet incident leaves (listed once as resolved). */
    void retire(Incident incident, long reported);
}
