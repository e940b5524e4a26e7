package dev.alertmail.internal.delivery;

import dev.alertmail.FleetStatus;
import dev.alertmail.internal.incidents.IncidentSource;
import dev.alertmail.internal.plan.EmailPlan;
import dev.alertmail.internal.plan.Planner;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * This engine's place in a fleet of replicas sharing state in Redis. {@link Delivery} asks it,
 * once per tick on the worker, to hand this member's new counts to the fleet, and whether this
 * member is the fleet's mailer; it never talks to Redis itself.
 */
public interface FleetLink {

    /**
     * Worker thread: one time-bounded round trip to Redis. Touches the planner only under
     * {@code lock}, never while waiting for Redis.
     *
     * @return {@code true} when Redis answered (this member's counts are the fleet's), or has not
     *         answered for only a moment (the member holds its counts): its own planner mails
     *         nothing; {@code false}: mail alone, as without a fleet
     */
    boolean sync(long now, IncidentSource local, Planner localPlanner, ReentrantLock lock);

    /** Under the lock: the fleet's incidents to plan on when this member is the mailer, else {@code null}. */
    @Nullable
    Lane mailerLane(long now);

    /** Under the lock: emails a previous mailer booked and may not have sent, to send again byte for byte. */
    List<OutgoingEmail> takeOver();

    /**
     * Under the lock, before a fleet email is queued: books it in Redis (fenced by the lease), with
     * its bytes, so a mailer taking over sends it again under the same key instead of another.
     *
     * @return {@code false}: not booked (lease lost, Redis gone); the email must not be sent
     */
    boolean book(EmailPlan plan, OutgoingEmail email);

    /**
     * Stopping thread, before the final flush: hands what is left to the fleet; the last member
     * to stop takes the fleet's lease so that {@link #mailerLane} gives it the fleet to flush.
     *
     * @return {@code true} when Redis took this member's counts
     */
    boolean stop(long now, IncidentSource local, Planner localPlanner, ReentrantLock lock, long deadlineNanos);

    /**
     * Worker, after each attempt at an email: repeated failures at the fleet's emails make this
     * member step down as the fleet's mailer.
     *
     * @param fleetEmail the email is booked in the fleet
     * @return {@code true}: tick before the next send (the lease and the heartbeat are renewed in time)
     */
    default boolean attempted(boolean fleetEmail, SendResult result, long now) {
        return false;
    }

    /** Under the lock: this member is the fleet's mailer and its outbox is full: it steps down. */
    default void outboxFull(long now) {}

    /** The longest one attempt at an email may wait on SMTP (each timeout); a fleet email's lets the lease outlive it. */
    default long sendCapMillis(boolean fleetEmail) {
        return Long.MAX_VALUE;
    }

    /** Any thread: this member's role, whether Redis answered its last exchange, and how long ago it last did. */
    FleetStatus status(long now);

    /** After the final flush: what was handed to Redis and never confirmed, for the loss report; 0 when none. */
    long unconfirmedEvents();

    void close();

    /** The fleet's side of planning: its incidents, its planner (fleet-wide timers and caps) and its emails. */
    record Lane(IncidentSource incidents, Planner planner, EmailFactory emails) {}
}
