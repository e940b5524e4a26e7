package dev.alertmail.internal.delivery;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.incidents.IncidentStore;
import dev.alertmail.internal.plan.EmailPlan;
import dev.alertmail.internal.plan.Planner;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The engine's worker side: on each tick, plan ({@link Planner}), build once ({@link EmailFactory})
 * and send ({@link Outbox}, {@link EmailTransport}); on stop, flush, drain and report. Planner,
 * outbox and retirements are touched under one lock (the worker, and the stopping thread), which is
 * never held during I/O.
 */
public final class Delivery {

    private final AlertConfig config;
    private final Clock clock;
    private final StatusReporter status;
    private final Counters counters;
    private final IncidentStore store;
    private final Planner planner;
    private final Outbox outbox;
    private final EmailFactory emails;
    private final EmailTransport transport;
    private final Throttle buildErrors;
    private final Consumer<EmailPlan> beforeBuild;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closing;
    /** Events reported as not mailed (at stop, then late ones); -1 until the stop's loss report. */
    private volatile long reportedUnmailed = -1;
    /** Taken with tryLock only: an application thread reporting a late event never waits. */
    private final ReentrantLock lateLock = new ReentrantLock();
    private volatile boolean lateDirty;

    public Delivery(AlertConfig config, Clock clock, StatusReporter status, Counters counters, IncidentStore store,
             EmailFactory emails, EmailTransport transport, Consumer<EmailPlan> beforeBuild) {
        this.config = config;
        this.clock = clock;
        this.status = status;
        this.counters = counters;
        this.store = store;
        this.planner = new Planner(config);
        this.outbox = new Outbox(config.maxEmailsPerSecond, counters, status);
        this.emails = emails;
        this.transport = transport;
        this.buildErrors = new Throttle(status);
        this.beforeBuild = beforeBuild;
    }

    /** Worker thread, every tick and on {@code runDueWork()}. */
    public void tick() {
        if (closing) {
            return;
        }
        try {
            long now = clock.millis();
            locked(() -> {
                if (!closing) { // the stopping thread owns the last plan
                    planAndBuild(now, false);
                }
            });
            while (!closing) {
                OutgoingEmail e = locked(() -> closing ? null : outbox.next(now, false));
                if (e == null) {
                    return;
                }
                SendResult r = attempt(transport, e, Long.MAX_VALUE);
                long after = clock.millis(); // a send may take as long as the timeouts: back off from its end
                locked(() -> outbox.record(e, r, after));
            }
        } catch (RuntimeException | Error e) {
            status.error("alertmail: internal error in the sender thread: " + e);
        }
    }

    /** Under the lock. Nothing is booked unless the email was built. */
    private void planAndBuild(long now, boolean flush) {
        store.foldLateHits(now);
        for (Planner.Retiring r : planner.observe(now, store.incidents(), store.overflow())) {
            store.retire(r.incident(), r.reported());
        }
        if (!flush && !outbox.hasRoom()) {
            return; // pending emails are bounded; incidents keep counting meanwhile
        }
        long held = planner.heldBack();
        EmailPlan plan = planner.plan(now, store.incidents(), store.overflow(), flush);
        if (planner.heldBack() > held) {
            counters.emailsHeldBack.increment();
            status.warn("alertmail: maxEmailsPerHour (" + config.maxEmailsPerHour
                    + ") reached; incidents keep counting and go into the next email");
        }
        if (plan != null) {
            try {
                beforeBuild.accept(plan);
                OutgoingEmail email = emails.build(plan);
                outbox.add(email);
                planner.commit(plan);
            } catch (RuntimeException | Error e) {
                buildErrors.error(now, "alertmail: could not build an alert email; its " + plan.eventCount()
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
            locked(() -> planAndBuild(clock.millis(), true));
            new ShutdownDrain(outbox, transport, lock, clock).run(deadlineNanos);
        } catch (RuntimeException | Error e) {
            status.error("alertmail: internal error while stopping: " + e);
        }
        long unmailed = locked(() -> new LossReport(status, counters).report(outbox, store, planner, config.shutdownTimeout));
        reportedUnmailed = unmailed;
        reportLate(); // what came in while this report was being made
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

    /** One attempt; whatever escapes the transport (an Error included) is a failed attempt, never a stuck one. */
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
