package dev.alertmail.internal.fleet;

import dev.alertmail.FleetStatus;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.RedisUri;
import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.delivery.FleetLink;
import dev.alertmail.internal.delivery.HostIdentity;
import dev.alertmail.internal.delivery.OutgoingEmail;
import dev.alertmail.internal.delivery.SendResult;
import dev.alertmail.internal.incidents.IncidentSource;
import dev.alertmail.internal.plan.EmailPlan;
import dev.alertmail.internal.plan.Planner;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One engine's membership in a fleet: every tick it hands what its incidents gained to Redis (one
 * round trip: publish, lease, and for the mailer what changed), and the member holding the lease
 * plans and mails for the whole fleet. While Redis does not answer, the member mails alone what it
 * has not handed over; every event is announced once, by the fleet or by its member.
 */
public final class RedisFleet implements FleetLink {

    /** The mailer's lease lasts this long unless renewed; the mailer renews it every tick. */
    static final long LEASE_MS = 10_000;
    /**
     * An idle member (nothing to hand over, not the mailer with work) exchanges this often, lease and
     * heartbeat included; a busy one at every tick of the worker (200 ms).
     */
    static final long IDLE_TICK_MS = 1_000;
    /** A member silent this long on Redis's own clock (three idle ticks) is gone: "last" means of live ones. */
    static final long HEARTBEAT_MS = 3 * IDLE_TICK_MS;
    /** Between two sends the worker ticks once this much time passed since its last tick. */
    static final long TICK_DUE_MS = IDLE_TICK_MS / 2;
    /** One attempt at a fleet email waits on SMTP at most this long (each timeout), well within the lease. */
    static final long SEND_CAP_MS = LEASE_MS / 3;
    /** Every key expires this long after its last write: Resend remembers keys for 24 h. */
    static final long TTL_MS = TimeUnit.HOURS.toMillis(25);

    private final AlertConfig config;
    private final StatusReporter status;
    /** Redis keeps wall-clock times (shared by every member); the engine plans on its monotonic time. */
    private final Clock clock;

    private final Supplier<String> host;
    private final RedisUri uri;
    private final String prefix;
    /** This member in Redis: its host, then a random part (a restart is a new member). */
    private final Supplier<String> member;

    private final RedisConnection redis;
    private final Handover handover = new Handover();
    private final FleetMailer mailer;
    private final MailerHealth health;
    private final RedisState state;
    private final FleetExit exit;
    private final TickExchange tick;
    private final LeftCopy copy;
    /** One exchange with Redis at a time: held across the round trip (at most the call timeout). */
    private final ReentrantLock exchange = new ReentrantLock();
    /** This member is the last of the fleet and flushes it: a booking that fails then is reported. */
    private boolean flushingAsLast;
    /** Set once the stop has handed over and left: no exchange with Redis after it. */
    private volatile boolean stopped;
    /** The wall clock's reading minus the engine's time, taken at each exchange. */
    private long wallOffset;
    /** When this member last ticked (the engine's time). */
    private volatile long lastTickAt = Long.MIN_VALUE;
    /** The mailer's incidents with events not yet mailed, at its last exchange; read by JMX and Micrometer. */
    private volatile int unmailedIncidents;
    /** Engine time of the last exchange Redis answered; read by JMX and Micrometer. */
    private volatile long lastAnsweredAt = Long.MIN_VALUE;

    RedisFleet(
            AlertConfig config,
            RedisUri uri,
            StatusReporter status,
            HostIdentity names,
            Clock clock,
            RedisConnection redis) {
        this.clock = clock;
        this.config = config;
        this.uri = uri;
        this.status = status;
        this.host = names::host;
        this.member = Fleets.memberName(host);
        this.copy = new LeftCopy(member);
        this.redis = redis;
        this.prefix = Fleets.prefix(config);
        this.health = new MailerHealth(status);
        this.state = new RedisState(uri, status, copy);
        this.mailer = new FleetMailer(config, names, status, redis, prefix, member, health);
        this.exit = new FleetExit(redis, prefix, member, host, config.maxIncidents(), status, mailer, handover);
        // the hosts an incident lists carry each member's release: a fleet email tells a canary from the rest
        Supplier<String> label =
                () -> config.release().isEmpty() ? names.host() : names.host() + " [" + config.release() + "]";
        this.tick = new TickExchange(config, redis, prefix, member, label, handover, mailer, state, health);
    }

    @Override
    public FleetStatus status(long now) {
        long answered = lastAnsweredAt;
        boolean reachable = answered != Long.MIN_VALUE && !state.down();
        String role = stopped ? "left" : !reachable ? "alone" : mailer.active() ? "mailer" : "member";
        boolean mails = role.equals("mailer");
        return new FleetStatus(
                role,
                reachable,
                answered == Long.MIN_VALUE ? -1 : Math.max(0, now - answered),
                mails ? unmailedIncidents : 0,
                mails ? mailer.booked().inOutbox() : 0);
    }

    @Override
    public boolean sync(long now, IncidentSource local, Planner localPlanner, ReentrantLock lock) {
        exchange.lock(); // the worker's tick and the stopping thread never hand the same counts over twice
        try {
            if (stopped) {
                return false; // a tick that waited for the stop: the stop has handed everything over
            }
            return syncAlone(now, local, localPlanner, lock, true);
        } finally {
            exchange.unlock();
        }
    }

    private boolean syncAlone(
            long now, IncidentSource local, Planner localPlanner, ReentrantLock lock, boolean mayIdle) {
        if (state.backingOff(now)) {
            return state.inGrace(now); // Redis failed lately: try again after the backoff; mail alone after grace
        }
        String mode = health.leaseMode(now);
        Handover.Batch batch = TickExchange.locked(lock, () -> handover.next(local, localPlanner));
        boolean idle = mayIdle
                && batch.incidents().isEmpty()
                && "1".equals(mode)
                && !TickExchange.locked(lock, mailer::busy)
                && lastTickAt != Long.MIN_VALUE
                && now - lastTickAt < IDLE_TICK_MS;
        if (idle) {
            return true; // a quiet fleet costs Redis one call per member per second, not five
        }
        lastTickAt = now;
        wallOffset = clock.millis() - now;
        TickReply reply = tick.run(batch, now, mode, wallOffset, lock, localPlanner);
        if (reply == null) {
            return state.inGrace(now); // said; a blip costs no email of this member's own
        }
        lastAnsweredAt = now;
        unmailedIncidents = TickExchange.locked(lock, mailer::unmailedIncidents);
        if (!mailer.active() && reply.isMailer()) {
            long offset = wallOffset;
            mailer.bootstrap(lock, now, wall -> Math.min(wall - offset, now), offset);
        }
        mailer.forgetRetired(lock, now + wallOffset);
        return true;
    }

    @Override
    public @Nullable Lane mailerLane(long now) {
        if (!state.down()) {
            return mailer.lane();
        }
        // Redis is away: after the grace, the mailer it left mails its copy of the fleet on its own
        return state.inGrace(now) ? null : copy.lane();
    }

    @Override
    public List<OutgoingEmail> takeOver() {
        return mailer.booked().takeRestored();
    }

    @Override
    public boolean book(EmailPlan plan, OutgoingEmail email) {
        // one connection, one user at a time; waiting longer than a call could deadlock with a stop
        if (!tryExchange(TimeUnit.MILLISECONDS.toNanos(Fleets.MAX_CALL_MILLIS))) {
            return false;
        }
        try {
            if (state.down()) {
                return copy.mailed(plan); // the copy's email, from mailerLane: nothing to book
            }
            return mailer.book(plan, email, wallOffset, flushingAsLast);
        } finally {
            exchange.unlock();
        }
    }

    @Override
    public boolean stop(long now, IncidentSource local, Planner localPlanner, ReentrantLock lock, long deadlineNanos) {
        // a tick in flight on the worker finishes first (its calls are bounded by the timeout)
        if (!tryExchange(deadlineNanos - System.nanoTime())) {
            TickExchange.locked(
                    lock,
                    () -> { // its batch may still reach Redis: not mailed alone too
                        handover.abandonInFlight(localPlanner, now);
                        return null;
                    });
            return false;
        }
        try {
            return leave(now, local, localPlanner, lock, deadlineNanos);
        } finally {
            stopped = true;
            exchange.unlock();
        }
    }

    private boolean tryExchange(long nanos) {
        try {
            return exchange.tryLock(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean leave(
            long now, IncidentSource local, Planner localPlanner, ReentrantLock lock, long deadlineNanos) {
        state.lastTry();
        if (stopped || !syncAlone(now, local, localPlanner, lock, false)) {
            return false; // this member mails alone what it has
        }
        if (exit.leave(deadlineNanos)) {
            flushingAsLast = true;
            exit.readAsLast(lock, now, wallOffset, deadlineNanos);
        }
        return true;
    }

    @Override
    public boolean attempted(boolean fleetEmail, SendResult result, long now) {
        if (fleetEmail) {
            health.attempted(result, now);
        }
        return now - lastTickAt >= TICK_DUE_MS;
    }

    @Override
    public void outboxFull(long now) {
        health.stepDown(now, "its outbox is full");
    }

    @Override
    public long sendCapMillis(boolean fleetEmail) {
        return fleetEmail ? SEND_CAP_MS : Long.MAX_VALUE;
    }

    @Override
    public long unconfirmedEvents() {
        return handover.unconfirmedEvents() + state.stranded(handover);
    }

    @Override
    public void close() {
        // a book in flight ends first (one call); bounded like every call, so that a stop keeps its shutdownTimeout
        if (!tryExchange(TimeUnit.MILLISECONDS.toNanos(Fleets.MAX_CALL_MILLIS))) {
            redis.close();
            return;
        }
        try {
            mailer.finish(state.down());
        } finally {
            exchange.unlock();
        }
    }
}
