package dev.alertmail.internal.journal;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.capture.IncidentSample;
import dev.alertmail.internal.incidents.Restarts;
import java.util.List;

/**
 * One life's journal as written: every time on the wall clock (milliseconds), since the engine's
 * own time means nothing to another process.
 *
 * @param startedAt when this life started
 * @param writtenAt its last write: a life that ended without a stop ended about then
 * @param stopped   it stopped cleanly (what is pending, SMTP could not take at the stop)
 * @param pending   incidents counted and in no email yet
 * @param emails    emails built and not yet sent: the next life sends them byte for byte, under their keys
 * @param mailed    how many times each incident was mailed to an audience: the key history
 * @param keys      idempotency keys issued within Resend's memory of a key
 * @param known     fingerprints this service has seen, with the release that first had them
 * @param releases  the releases this service ran, oldest first (a "new in" needs an earlier one)
 */
record JournalState(
        long startedAt,
        long writtenAt,
        boolean stopped,
        List<Pending> pending,
        List<Email> emails,
        List<Mailed> mailed,
        List<Issued> keys,
        List<Known> known,
        List<String> releases) {

    /** Events in no email yet, the sample as an email would show it (already redacted). */
    record Pending(
            Fingerprint fingerprint,
            IncidentSample sample,
            long events,
            long firstSeen,
            long lastSeen,
            Restarts restarts) {}

    /** An email as built: its MIME bytes are what is sent again (a record of arrays compares by identity). */
    record Email(String key, String subject, long createdAt, int incidents, long events, byte[] mime) {}

    record Mailed(String audience, Fingerprint fingerprint, long times) {}

    record Issued(String key, long issuedAt) {}

    /**
     * @param resolvedAt when it was last resolved (0: never, or it came back since)
     * @param resolvedIn the release it was resolved in
     */
    record Known(Fingerprint fingerprint, String firstRelease, long firstSeen, long resolvedAt, String resolvedIn) {}
}
