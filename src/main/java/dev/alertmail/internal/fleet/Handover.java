package dev.alertmail.internal.fleet;

import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.IncidentSource;
import dev.alertmail.internal.plan.Planner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What this member hands to the fleet, tick by tick: what each incident gained since the last
 * batch Redis took, each incident's sample once, and a batch whose reply was lost — sent again as
 * it was until Redis answers (Redis applies a sequence number once). Under {@code Delivery}'s lock.
 */
final class Handover {

    /** One tick's increments, under a sequence number. */
    record Batch(long seq, List<Incident> incidents, long[] deltas) {
        long events() {
            long n = 0;
            for (long d : deltas) {
                n += d;
            }
            return n;
        }
    }

    private final Set<Incident> sampleSent = Collections.newSetFromMap(new WeakHashMap<>());
    private long seq;
    /** Batches Redis applied that the fleet's mailer has not read yet: {place among all applied, events}. */
    private final ArrayDeque<long[]> unread = new ArrayDeque<>();
    /** Events this member handed to the fleet in its life (an upper bound of what may wait in Redis). */
    private long handedOver;

    private @Nullable Batch inDoubt;
    /** The batch of the exchange in flight (set by the worker before the call, cleared when it is settled). */
    private volatile @Nullable Batch inFlight;

    /** The batch to send now: the one in doubt, or what each incident gained since it was last handed over. */
    Batch next(IncidentSource local, Planner planner) {
        Batch doubt = inDoubt;
        if (doubt != null) {
            return doubt;
        }
        List<Incident> incidents = new ArrayList<>();
        List<Long> deltas = new ArrayList<>();
        for (Incident inc : local.incidents()) {
            add(inc, planner, incidents, deltas);
        }
        add(local.overflow(), planner, incidents, deltas);
        long[] d = new long[deltas.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = deltas.get(i);
        }
        return new Batch(++seq, incidents, d);
    }

    private static void add(Incident inc, Planner planner, List<Incident> incidents, List<Long> deltas) {
        long delta = inc.count() - planner.reported(inc);
        if (delta > 0) {
            incidents.add(inc);
            deltas.add(delta);
        }
    }

    /** The batch's entries as tick.lua reads them, six arguments each; times on the wall clock. */
    void appendEntries(Batch batch, List<String> args, long wallOffset) {
        args.add(Integer.toString(batch.incidents().size()));
        for (int i = 0; i < batch.incidents().size(); i++) {
            Incident inc = batch.incidents().get(i);
            args.add(inc.fingerprint.toHex());
            args.add(Long.toString(batch.deltas()[i]));
            args.add(
                    Long.toString(inc.firstSeen + wallOffset)); // Redis keeps wall-clock times: every member reads them
            args.add(Long.toString(inc.lastSeen() + wallOffset));
            args.add(inc.immediate() ? "1" : "0");
            args.add(sampleSent.contains(inc) ? "" : SampleCodec.encode(inc.sample)); // a sample leaves once, redacted
        }
    }

    /** The worker sends {@code batch} now (before the round trip, outside the lock); {@code null} once settled. */
    void sending(@Nullable Batch batch) {
        inFlight = batch;
    }

    /**
     * Under the lock, on a stop that could not wait for the exchange in flight: its batch may reach
     * Redis after this member mailed alone what it has, so it is handed over in doubt now — never
     * announced twice; if Redis never confirms it, it is reported with its count.
     */
    void abandonInFlight(Planner planner, long now) {
        Batch b = inFlight;
        if (b != null) {
            unanswered(b, true, planner, now);
        }
    }

    /** Redis answered: the batch is the fleet's (a batch in doubt was handed over already). */
    void taken(Batch batch, Planner planner, long now) {
        inFlight = null;
        if (batch == inDoubt) {
            inDoubt = null; // applied now, or already the first time
        } else {
            handOver(batch, planner, now);
        }
    }

    /**
     * Redis did not answer. A batch that may have arrived is handed over all the same (never mailed
     * alone) and sent again until Redis answers; one that surely did not arrive stays this member's.
     */
    void unanswered(Batch batch, boolean mayHaveArrived, Planner planner, long now) {
        if (batch == inFlight) {
            inFlight = null;
        }
        if (mayHaveArrived && batch != inDoubt && !batch.incidents().isEmpty()) {
            handOver(batch, planner, now);
            inDoubt = batch;
        }
    }

    /** Redis no longer has this incident's sample (it forgot the incident meanwhile): it goes again. */
    void sampleForgotten(Batch batch, String fingerprintHex) {
        batch.incidents().stream()
                .filter(inc -> inc.fingerprint.toHex().equals(fingerprintHex))
                .forEach(sampleSent::remove);
    }

    /** Redis applied {@code batch} at place {@code applied} at most; the mailer's copy holds all up to {@code readAt}. */
    void applied(Batch batch, long applied, long readAt) {
        long events = batch.events();
        if (events > 0) {
            unread.addLast(new long[] {applied, events});
        }
        while (!unread.isEmpty() && unread.peekFirst()[0] <= readAt) {
            unread.removeFirst();
        }
    }

    /** Events handed over that the fleet's mailer had not read at this member's last tick (taken: said once). */
    long takeUnread() {
        long n = unreadEvents();
        unread.clear();
        return n;
    }

    long unreadEvents() {
        long n = 0;
        for (long[] u : unread) {
            n += u[1];
        }
        return n;
    }

    /** Events in a batch Redis never confirmed. */
    long unconfirmedEvents() {
        Batch doubt = inDoubt;
        return doubt == null ? 0 : doubt.events();
    }

    long handedOverEvents() {
        return handedOver;
    }

    private void handOver(Batch batch, Planner planner, long now) {
        handedOver += batch.events();
        for (int i = 0; i < batch.incidents().size(); i++) {
            Incident inc = batch.incidents().get(i);
            planner.handOver(inc, batch.deltas()[i], now);
            sampleSent.add(inc);
        }
    }
}
