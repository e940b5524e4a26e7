package dev.alertmail.internal.journal;

import dev.alertmail.internal.capture.IncidentSample;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.delivery.Delivery;
import dev.alertmail.internal.delivery.EmailLedger;
import dev.alertmail.internal.delivery.KeyHistory;
import dev.alertmail.internal.delivery.OutgoingEmail;
import dev.alertmail.internal.delivery.Ticker;
import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.IncidentStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An engine's memory across restarts: {@link #start} adopts what earlier lives left, {@link #save}
 * journals this life after each tick when something changed, {@link #stop} writes the last one.
 * Worker thread only (the stopping thread once the worker is done); never the logging thread.
 * Every failure is a status line and the engine goes on without memory: never an exception.
 */
public final class Journal {

    private static final Delivery.Unsent NOTHING = new Delivery.Unsent(Map.of(), List.of());

    private final StatusReporter status;
    private final Clock clock;
    private final Ticker ticker;
    private final EmailLedger ledger;
    private final @Nullable StateDirectory dir;
    /**
     * With {@code redisUri} what a member counted is the fleet's once handed over, and Redis keeps
     * it (another member, or this one restarted, mails a killed member's counts): journaling it too
     * would announce it twice. The journal then keeps the key history and the releases.
     */
    private final boolean fleet;

    private final JournaledKeys keys;
    private final long startedAt;
    private final ReleaseMemory known;
    private final Map<IncidentSample, byte[]> samples = new IdentityHashMap<>();
    private boolean started;
    private boolean usable;
    private boolean stopped;
    private boolean failing;
    private long written = Long.MIN_VALUE;
    private long memoryChanges;

    public Journal(AlertConfig config, StatusReporter status, Clock clock, Ticker ticker, EmailLedger ledger) {
        this.status = status;
        this.clock = clock;
        this.ticker = ticker;
        this.ledger = ledger;
        Path root = config.stateDir();
        String id = pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.dir = root == null ? null : new StateDirectory(root, config, id);
        this.fleet = config.redisUri() != null;
        this.keys = new JournaledKeys(ledger, clock);
        this.known = new ReleaseMemory(config.release());
        this.startedAt = clock.millis();
    }

    /** On the application thread that starts the engine: nothing here may throw. */
    private static String pid() {
        try {
            return Long.toString(ProcessHandle.current().pid());
        } catch (RuntimeException e) { // a sandbox without process handles
            return "0";
        }
    }

    /** The key history emails are built with: the ledger, noted for the journal when there is one. */
    public KeyHistory keys() {
        return dir == null ? ledger : keys;
    }

    /**
     * Worker thread, first task (or the stopping thread, if it comes first): lock, adopt, write,
     * delete the adopted.
     *
     * @return the emails earlier lives built and never sent: to send again, byte for byte
     */
    public synchronized List<OutgoingEmail> start(IncidentStore store) {
        StateDirectory d = dir;
        if (started || d == null) {
            started = true;
            return List.of();
        }
        started = true;
        List<StateDirectory.Claim> adopted;
        Adoption adoption = new Adoption(clock, ticker, status);
        try {
            d.open();
            adopted = adoption.adopt(d, store, keys, known);
        } catch (IOException | RuntimeException e) {
            status.warn("alertmail: stateDir " + d.dir + " is not usable (" + e
                    + "): running without memory across restarts (what a crash interrupts is not mailed by the next"
                    + " start); make it a writable directory of this user's, or set stateDir to 'off'");
            close(d);
            return List.of();
        }
        usable = true;
        known.started();
        mark(store);
        write(fleet ? NOTHING : new Delivery.Unsent(unmailed(store), adoption.emails), false);
        for (StateDirectory.Claim c : adopted) {
            try {
                StateDirectory.release(c, true);
            } catch (IOException e) {
                status.warn("alertmail: could not delete the adopted journal " + c.journal() + " (" + e + ")");
            }
        }
        return adoption.emails;
    }

    /** Worker thread, before each tick's planning: marks incidents new to this service or back in a later release. */
    public synchronized void mark(IncidentStore store) {
        if (usable && !stopped && known.mark(store, clock.millis(), clock.millis() - ticker.monotonicMillis())) {
            memoryChanges++;
        }
    }

    /** Worker thread, after each tick: journals this life when what it holds changed since the last write. */
    public synchronized void save(Supplier<Delivery.Unsent> unmailed) {
        if (usable && !stopped) {
            write(fleet ? NOTHING : unmailed.get(), false);
        }
    }

    /**
     * Stopping thread, once the worker is done: the last write, then unlocked. It keeps the key
     * history and the releases, nothing pending: the stop's loss report already told what it could
     * not deliver, and an alert is either mailed or reported, never both.
     */
    public synchronized void stop(IncidentStore store) {
        StateDirectory d = dir;
        if (usable && !stopped && d != null) {
            known.mark(store, clock.millis(), clock.millis() - ticker.monotonicMillis()); // the last resolutions
            written = Long.MIN_VALUE;
            write(NOTHING, true);
            close(d);
        }
        stopped = true;
    }

    /** Tests: what a kill leaves: the journal as last written, its lock released by the "dead" process. */
    public synchronized void abandon() {
        StateDirectory d = dir;
        if (usable && !stopped && d != null) {
            close(d);
        }
        stopped = true;
    }

    private void write(Delivery.Unsent unsent, boolean stop) {
        StateDirectory d = dir;
        if (d == null) {
            return;
        }
        try {
            long change = keys.changes() * 31 + memoryChanges * 7 + (stop ? 1 : 0);
            for (OutgoingEmail e : unsent.emails()) {
                change += e.key().hashCode();
            }
            for (Map.Entry<Incident, Long> e : unsent.events().entrySet()) { // in any order: a sum
                Incident inc = e.getKey();
                change += (inc.fingerprint.hashCode() * 31L + e.getValue()) * 31L
                        + inc.lastSeen()
                        + inc.restarts().count();
            }
            if (change == written) {
                return; // nothing new since the last write
            }
            byte[] bytes = JournalCodec.encode(state(unsent, stop), samples);
            d.write(bytes);
            written = change;
            if (failing) {
                failing = false;
                status.info("alertmail: journal " + d.journal + " written again");
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                status.warn("alertmail: could not write the journal " + d.journal + " (" + e
                        + "); alerting goes on, and a crash now loses what was not yet mailed");
            }
        }
    }

    private JournalState state(Delivery.Unsent unsent, boolean stop) {
        long now = clock.millis();
        long toWall = now - ticker.monotonicMillis();
        List<JournalState.Pending> pending = new ArrayList<>(unsent.events().size());
        for (Map.Entry<Incident, Long> e : unsent.events().entrySet()) {
            Incident inc = e.getKey();
            pending.add(new JournalState.Pending(
                    inc.fingerprint,
                    inc.sample,
                    e.getValue(),
                    inc.firstSeen + toWall,
                    inc.lastSeen() + toWall,
                    inc.restarts()));
        }
        pending.sort((a, b) -> Long.compare(b.events(), a.events())); // the size bound keeps the largest
        java.util.Set<IncidentSample> live = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        pending.forEach(p -> live.add(p.sample()));
        samples.keySet().retainAll(live);
        List<JournalState.Email> emails = new ArrayList<>();
        for (OutgoingEmail e : unsent.emails()) {
            emails.add(new JournalState.Email(
                    e.key(), e.subject(), e.createdAt() + toWall, e.incidents(), e.events(), e.mime()));
        }
        return new JournalState(
                startedAt, now, stop, pending, emails, keys.mailed(), keys.keys(), known.known(), known.releases());
    }

    /** At start nothing is mailed yet: every count is pending. */
    private static Map<Incident, Long> unmailed(IncidentStore store) {
        Map<Incident, Long> all = new LinkedHashMap<>();
        store.incidents().forEach(i -> all.put(i, i.count()));
        if (store.overflow().count() > 0) {
            all.put(store.overflow(), store.overflow().count());
        }
        return all;
    }

    private void close(StateDirectory d) {
        usable = false;
        try {
            d.close();
        } catch (IOException e) {
            status.warn("alertmail: could not unlock the journal " + d.journal + " (" + e + ")");
        }
    }
}
