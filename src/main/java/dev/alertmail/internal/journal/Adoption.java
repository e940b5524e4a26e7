package dev.alertmail.internal.journal;

import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.delivery.OutgoingEmail;
import dev.alertmail.internal.delivery.Ticker;
import dev.alertmail.internal.incidents.IncidentStore;
import dev.alertmail.internal.incidents.Restarts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * At start, on the worker: the journals no live process holds are earlier lives of this process
 * (or of a replica that died on this machine). Their unmailed counts join the store with their
 * first sighting (so they are mailed once groupWait has passed since the first error in any
 * life), their key history joins the ledger. The files stay locked until this life's own journal
 * holds what they held; then they are deleted.
 */
final class Adoption {

    private final Clock clock;
    private final Ticker ticker;
    private final StatusReporter status;
    /** Emails the adopted lives built and never sent. */
    final List<OutgoingEmail> emails = new ArrayList<>();

    Adoption(Clock clock, Ticker ticker, StatusReporter status) {
        this.clock = clock;
        this.ticker = ticker;
        this.status = status;
    }

    /** @return the journals taken over, still locked: delete them once this life's journal is written */
    List<StateDirectory.Claim> adopt(StateDirectory dir, IncidentStore store, JournaledKeys keys, ReleaseMemory known)
            throws IOException {
        List<StateDirectory.Claim> taken = new ArrayList<>();
        for (Path journal : dir.others()) {
            StateDirectory.Claim claim;
            try {
                claim = dir.claim(journal);
            } catch (IOException e) { // this one cannot be locked (another user's file): the others still can
                status.warn("alertmail: could not lock the journal " + journal + " to adopt it (" + e + ")");
                continue;
            }
            if (claim == null) {
                continue; // a live process's: never touched
            }
            JournalState s;
            try {
                s = JournalCodec.decode(Files.readAllBytes(journal));
            } catch (NoSuchFileException gone) { // another process adopted it meanwhile
                StateDirectory.release(claim, true);
                continue;
            } catch (IOException damaged) {
                setAside(claim, damaged);
                continue;
            }
            merge(s, store, keys, known);
            taken.add(claim);
        }
        return taken;
    }

    private void merge(JournalState s, IncidentStore store, JournaledKeys keys, ReleaseMemory known) {
        long offset = ticker.monotonicMillis() - clock.millis(); // wall clock → this engine's time
        long events = 0;
        for (JournalState.Pending p : s.pending()) {
            Restarts lives = s.stopped() ? p.restarts() : p.restarts().plus(s.writtenAt());
            store.adopt(p.fingerprint(), p.sample(), p.events(), p.firstSeen() + offset, p.lastSeen() + offset, lives);
            events += p.events();
        }
        for (JournalState.Email e : s.emails()) {
            emails.add(OutgoingEmail.fromJournal(
                    e.mime(), e.key(), e.subject(), e.createdAt() + offset, e.incidents(), e.events()));
        }
        keys.adopt(s);
        known.adopt(s);
        status.info("alertmail: took over the journal of an earlier life ("
                + (s.stopped() ? "stopped" : "ended without a stop") + " at " + Instant.ofEpochMilli(s.writtenAt())
                + "): " + events + " events in " + s.pending().size() + " incidents not yet mailed, "
                + s.emails().size() + " emails built and not yet sent (sent again under their keys), "
                + s.mailed().size() + " entries of key history");
    }

    private void setAside(StateDirectory.Claim claim, IOException damaged) throws IOException {
        String where;
        try {
            where = "set aside as " + StateDirectory.setAside(claim.journal(), clock.millis());
        } catch (IOException e) {
            where = "could not be set aside (" + e + "), deleted";
        }
        try {
            StateDirectory.release(claim, true); // never read twice: the next start warns no more
        } catch (IOException e) {
            where += "; not deleted either (" + e + ")";
        }
        status.warn("alertmail: journal " + claim.journal() + " is damaged (" + damaged.getMessage() + "): " + where
                + "; what it held is lost, alerting goes on");
    }
}
