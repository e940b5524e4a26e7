package dev.alertmail.internal.delivery;

import dev.alertmail.FleetStatus;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.Setting;
import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.IncidentSource;
import dev.alertmail.internal.incidents.IncidentStore;
import dev.alertmail.internal.plan.EmailPlan;
import dev.alertmail.internal.plan.Planner;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's worker side: on each tick, plan ({@link Planner}), build once ({@link EmailFactory})
 * and send ({@link Outbox}, {@link EmailTransport}); on stop, flush, drain and report. Planner,
 * outbox and retirements are touched under one lock (the worker, and the stopping thread), which is
 * never held during I/O. Every timer runs on the {@link Ticker}; the wall clock only places an
 * email's times for display and its key's window.
 */
public final class Delivery {

    private final AlertConfig config;
    private final Clock clock;
    private final Ticker ticker;
    private final StatusReporter status;
    private final Counters counters;
    private final IncidentStore store;
    private final Planner planner;
    private final Outbox outbox;
    private final EmailFactory emails;
    private final EmailTransport transport;
    private final Throttle buildErrors;
    private final Throttle saltedKeys;
    private final Consumer<EmailPlan> beforeBuild;
    private final @Nullable FleetLink fleet;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closing;
    private volatile long reportedUnmailed = -1; // events reported not mailed (stop, then late); -1 before the stop
    private final ReentrantLock lateLock = new ReentrantLock(); // tryLock only: an app thread never waits
    private volatile boolean lateDirty;

    public Delivery(
            AlertConfig config,
            Clock clock,
            Ticker ticker,
            StatusReporter status,
            Counters counters,
            IncidentStore store,
            EmailFactory emails,
            EmailTransport transport,
            Consumer<EmailPlan> beforeBuild,
            @Nullable FleetLink fleet) {
        this.config = config;
        this.clock = clock;
        this.ticker = ticker;
        this.status = status;
        this.counters = counters;
        this.store = store;
        this.planner = new Planner(config);
        this.outbox = new Outbox(config.maxEmailsPerSecond(), counters, status, clock);
        this.emails = emails;
        this.transport = transport;
        this.buildErrors = new Throttle(status);
        this.saltedKeys = new Throttle(status);
        this.beforeBuild = beforeBuild;
        this.fleet = fleet;
    }

    /** Worker thread, every tick and on {@code runDueWork()}. */
    public void tick() {
        if (closing) {
            return;
        }
        try {
            long now = ticker.monotonicMillis();
            // in a fleet, while Redis answers, this member's counts are the fleet's: its own planner mails nothing
            boolean alone = fleet == null || !fleet.sync(now, store, planner, lock);
            locked(() -> {
                if (!closing) { // the stopping thread owns the last plan
                    planAndBuild(store, planner, emails, null, now, false, alone);
                    planFleet(now, false);
                }
            });
            while (!closing) {
                OutgoingEmail e = locked(() -> closing ? null : outbox.next(now, false));
                if (e == null) {
                    return;
                }
                FleetLink f = fleet;
                SendResult r = attempt(transport, e, f == null ? Long.MAX_VALUE : f.sendCapMillis(e.bookedInFleet));
                long after = ticker.monotonicMillis(); // a send may take as long as the timeouts: back off from its end
                locked(() -> outbox.record(e, r, after));
                if (f != null && f.attempted(e.bookedInFleet, r, after)) {
                    return; // the fleet's lease and heartbeat first: the rest is sent on the next tick
                }
            }
        } catch (RuntimeException | Error e) {
            status.error("alertmail: internal error in the sender thread: " + e);
        }
    }

    /** Any thread: this engine's place in its fleet. */
    public FleetStatus fleetStatus(long now) {
        FleetLink f = fleet;
        return f == null ? FleetStatus.NONE : f.status(now);
    }

    /** Under the lock: on the fleet's mailer, the fleet's lane (and emails a previous mailer booked). */
    private void planFleet(long now, boolean flush) {
        FleetLink f = fleet;
        FleetLink.Lane lane = f == null ? null : f.mailerLane(now);
        if (f != null && lane != null) {
            if (!flush && !outbox.hasRoom()) {
                f.outboxFull(now); // a mailer that cannot mail steps down
            }
            f.takeOver().forEach(outbox::add);
            planAndBuild(lane.incidents(), lane.planner(), lane.emails(), f, now, flush, true);
        }
    }

    /**
     * Under the lock. Nothing is booked unless the email was built (and, for the fleet's lane,
     * booked in Redis).
     *
     * @param booking the fleet, for the fleet's lane; {@code null} for this process's own
     * @param mail    {@code false}: only observe (a fleet member whose counts the fleet mails)
     */
    private void planAndBuild(
            IncidentSource source,
            Planner planner,
            EmailFactory emails,
            @Nullable FleetLink booking,
            long now,
            boolean flush,
            boolean mail) {
        source.foldLateHits(now);
        for (Planner.Retiring r : planner.observe(now, source.incidents(), source.overflow())) {
            source.retire(r.incident(), r.reported());
        }
        if (!mail || (!flush && (!outbox.hasRoom() || outbox.waitingForQuota(now)))) {
            return; // pending emails are bounded; incidents keep counting meanwhile
        }
        long held = planner.heldBack();
        EmailPlan planned = planner.plan(now, source.incidents(), source.overflow(), flush);
        EmailPlan plan = planned == null ? null : planned.onWallClock(clock.millis());
        if (planner.heldBack() > held) {
            counters.emailsHeldBack.increment();
            Setting cap = planner.heldBy();
            int limit = cap == Setting.MAX_EMAILS_PER_DAY ? config.maxEmailsPerDay() : config.maxEmailsPerHour();
            status.warn("alertmail: " + cap.property() + " (" + limit
                    + ") reached; incidents keep counting and go into the next email");
        }
        if (plan != null) {
            try {
                beforeBuild.accept(plan);
                OutgoingEmail email = emails.build(plan);
                if (booking != null && !booking.book(plan, email)) {
                    return; // the fleet's lease or Redis is gone: another mailer, or this one alone, mails it
                }
                outbox.add(email);
                planner.commit(plan);
                if (email.saltedKey) {
                    saltedKeys.warn(
                            now,
                            "alertmail: this JVM's key ledger had forgotten part of its mailing history"
                                    + " (more than " + EmailLedger.MAX_ENTRIES + " incidents mailed within 25 h); key "
                                    + email.key + " was salted so that it repeats no earlier email's key (a replica may"
                                    + " send this alert too)");
                }
            } catch (RuntimeException | Error e) {
                buildErrors.error(
                        now,
                        "alertmail: could not build an alert email; its " + plan.eventCount()
                                + " events stay unreported and are tried again: " + e);
            }
        }
    }

    /**
     * On the stopping thread: everything not yet reported into a last email (even with a full
     * outbox), sent with what is pending before the deadline; then what could not be delivered is
     * reported with its counts.
     */
    public void flushAndStop(long deadlineNanos) {
        closing = true;
        try {
            long now = ticker.monotonicMillis();
            boolean handedOver = fleet != null && fleet.stop(now, store, planner, lock, deadlineNanos);
            locked(() -> {
                planAndBuild(store, planner, emails, null, now, true, !handedOver);
                planFleet(now, true); // the last member to stop mails what the fleet has pending
            });
            new ShutdownDrain(outbox, transport, lock, ticker).run(deadlineNanos);
        } catch (RuntimeException | Error e) {
            status.error("alertmail: internal error while stopping: " + e);
        }
        long unmailed =
                locked(() -> new LossReport(status, counters).report(outbox, store, planner, config.shutdownTimeout()));
        if (fleet != null) {
            long unconfirmed = fleet.unconfirmedEvents();
            if (unconfirmed > 0) {
                status.error("alertmail: " + unconfirmed + " events were handed to Redis just before it stopped"
                        + " answering and could not be confirmed: they are in the fleet's next email if Redis kept"
                        + " them, otherwise they were never announced");
            }
            fleet.close();
        }
        reportedUnmailed = unmailed;
        reportLate(); // what came in while this report was being made
    }

    /** For a journal (worker or stopping thread): events in no email yet, emails built and not sent (not the fleet's). */
    public Unsent unsent() {
        return locked(() -> new Unsent(
                planner.unmailed(store.incidents(), store.overflow()),
                outbox.remaining().stream().filter(e -> !e.bookedInFleet).toList()));
    }

    /** Worker thread, at start: emails an earlier life built and never sent, sent byte for byte under their keys. */
    public void resend(List<OutgoingEmail> earlier) {
        locked(() -> earlier.forEach(outbox::add));
    }

    /**
     * Any thread that counted an event once the engine was closing (it passed its framework's
     * started-check just before the stop): if the stop's loss report did not include it, it is
     * reported now, with its count — never silently counted. Never blocks: a thread that finds
     * another one reporting leaves its event to it (the flag makes that one look again).
     */
    public void reportLate() {
        lateDirty = true;
        while (lateDirty && reportedUnmailed >= 0 && lateLock.tryLock()) {
            try {
                lateDirty = false;
                // after the stop nothing books or folds counts: planner and store are only read here
                long before = reportedUnmailed;
                reportedUnmailed = before + new LossReport(status, counters).late(store, planner, before);
            } finally {
                lateLock.unlock();
            }
        }
    }

    /**
     * One attempt; whatever escapes the transport (an Error included) is a failed attempt to retry with backoff,
     * never a stuck one nor a verdict on the email (the same policy as SmtpTransport's for the mail library's).
     */
    static SendResult attempt(EmailTransport transport, OutgoingEmail e, long timeoutCapMillis) {
        try {
            return transport.send(e.mime, timeoutCapMillis);
        } catch (RuntimeException | Error ex) {
            return SendResult.retry("unexpected " + ex);
        }
    }

    /** Worker thread: connect, secure, authenticate and, with {@code sendTest}, send one sample alert. */
    public @Nullable String check(boolean sendTest) {
        @Nullable String connected = transport.check();
        if (connected != null || !sendTest) {
            return connected;
        }
        SendResult r = transport.send(emails.testEmail(clock.millis()).mime, Long.MAX_VALUE);
        return r.outcome() == SendResult.Outcome.SENT ? null : r.detail();
    }

    public record Unsent(Map<Incident, Long> events, List<OutgoingEmail> emails) {}

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private void locked(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
