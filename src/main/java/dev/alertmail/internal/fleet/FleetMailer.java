package dev.alertmail.internal.fleet;

import static dev.alertmail.internal.fleet.FleetReply.str;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.delivery.FleetLink;
import dev.alertmail.internal.delivery.HostIdentity;
import dev.alertmail.internal.delivery.OutgoingEmail;
import dev.alertmail.internal.plan.EmailPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The member's side as the fleet's mailer: its copy of the fleet ({@link FleetMirror}), read whole
 * when a term begins and kept current from each tick's reply; the emails it books in Redis before
 * they are sent, and those an earlier mailer booked. The caller ({@link RedisFleet}) holds the
 * one connection while any of this talks to Redis.
 */
final class FleetMailer {

    static final int SAMPLES_PER_TICK = 50;

    private final AlertConfig config;
    private final HostIdentity names;
    private final StatusReporter status;
    private final RedisConnection redis;
    private final String prefix;
    private final Supplier<String> member;
    private final MailerHealth health;
    private final BookedEmails booked = new BookedEmails();
    private volatile @Nullable FleetMirror mirror;

    /** A failed retire was said (once, until one goes through). */
    private boolean retireWarned;

    FleetMailer(
            AlertConfig config,
            HostIdentity names,
            StatusReporter status,
            RedisConnection redis,
            String prefix,
            Supplier<String> member,
            MailerHealth health) {
        this.health = health;
        this.config = config;
        this.names = names;
        this.status = status;
        this.redis = redis;
        this.prefix = prefix;
        this.member = member;
    }

    /** Not the mailer (any more), or its copy may be stale: read the fleet afresh before mailing again. */
    void drop() {
        mirror = null;
    }

    boolean active() {
        return mirror != null;
    }

    /** Under the lock: Redis stopped answering: the copy leaves the mailer (to be mailed alone), or {@code null}. */
    @Nullable
    FleetMirror takeCopy() {
        FleetMirror m = mirror;
        mirror = null;
        return m;
    }

    /**
     * Under the lock: the mailer has work (incidents not yet resolved, emails in its outbox): it
     * ticks at the full rate, reading the fleet's changes as they come; an idle one about once a second.
     */
    boolean busy() {
        FleetMirror m = mirror;
        return booked.busy() || (m != null && m.tracking());
    }

    /** Under the lock: the fleet's incidents with events not yet mailed, as this mailer's copy knows them. */
    int unmailedIncidents() {
        FleetMirror m = mirror;
        return m == null ? 0 : m.unmailedIncidents();
    }

    /** Incidents still waiting for their sample (the last member's flush reads them all). */
    int waiting() {
        FleetMirror m = mirror;
        return m == null ? 0 : m.waitingIncidents();
    }

    /** Under the lock: events the fleet counted and has not mailed, as the copy knows them. */
    long unmailedEvents() {
        FleetMirror m = mirror;
        return m == null ? 0 : m.unmailedEvents();
    }

    /** Events of the incidents still waiting for their sample, not yet mailed. */
    long waitingEvents() {
        FleetMirror m = mirror;
        return m == null ? 0 : m.waitingEvents();
    }

    FleetLink.@Nullable Lane lane() {
        FleetMirror m = mirror;
        return m == null ? null : m.lane;
    }

    BookedEmails booked() {
        return booked;
    }

    /** Samples to ask for in the next tick. */
    List<String> wantedSamples() {
        FleetMirror m = mirror;
        return m == null ? List.of() : m.wantedSamples(SAMPLES_PER_TICK);
    }

    /** Under the lock: what changed in the fleet, and the samples asked for, from a tick's reply. */
    void read(TickReply reply, LongUnaryOperator toEngine) {
        FleetMirror m = mirror;
        if (m == null) {
            return;
        }
        reply.rows(toEngine).forEach(m::update);
        reply.samples().forEach(m::sampleArrived);
    }

    /**
     * A term begins: read the fleet's whole state once (a second round trip, at takeover only). A
     * failure is said, and this member steps down: another one takes the lease meanwhile.
     *
     * @return {@code false} when Redis did not answer or the lease is someone else's
     */
    boolean bootstrap(ReentrantLock lock, long now, LongUnaryOperator toEngine, long wallOffset) {
        List<?> r;
        try {
            r = redis.run(
                    "bootstrap",
                    prefix,
                    member.get(),
                    List.of(member.get(), Long.toString(now + wallOffset), Long.toString(RedisFleet.TTL_MS)));
        } catch (RedisConnection.CallFailed f) {
            health.stepDown(now, "it could not read the fleet's state from Redis (" + f.getMessage() + ")");
            return false;
        }
        FleetReply.Whole fleet = FleetReply.whole(r, toEngine);
        if (fleet == null) {
            return false;
        }
        FleetMirror m = new FleetMirror(config, names, now, fleet.epoch());
        lock.lock();
        try {
            m.restore(fleet.rows(), fleet.lastEmailAt(), fleet.hourly());
            mirror = m;
            fleet.pending().forEach((key, value) -> booked.restore(key, value, wallOffset));
        } finally {
            lock.unlock();
        }
        int pending = fleet.pending().size();
        if (pending > 0) {
            status.info("alertmail: this member mails for the fleet now; " + pending
                    + " email(s) booked by the previous mailer are sent again under their keys");
        }
        return true;
    }

    /** Quiet incidents the copy retired: Redis forgets them unless counts arrived meanwhile. */
    void forgetRetired(ReentrantLock lock, long wallNow) {
        FleetMirror m = mirror;
        if (m == null) {
            return;
        }
        List<String> forget;
        lock.lock();
        try {
            forget = m.takeForgotten();
        } finally {
            lock.unlock();
        }
        if (forget.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>();
        args.add(member.get());
        args.add(Long.toString(wallNow));
        args.add(Long.toString(RedisFleet.TTL_MS));
        args.add(Integer.toString(forget.size() / 2));
        args.addAll(forget);
        try {
            redis.run("retire", prefix, member.get(), args);
            retireWarned = false;
        } catch (RedisConnection.CallFailed f) {
            if (!retireWarned) { // kept in Redis, mailed as resolved no more: the next mailer retires them
                retireWarned = true;
                status.warn("alertmail: the fleet's mailer could not retire " + forget.size() / 2 + " quiet"
                        + " incident(s) in Redis (" + f.getMessage() + "): they stay there until a mailer does");
            }
        }
    }

    /**
     * Books an email in Redis, fenced by the lease; the caller holds the connection.
     *
     * @param last this member flushes the fleet as its last member: a failure is said, with its count
     */
    boolean book(EmailPlan plan, OutgoingEmail email, long wallOffset, boolean last) {
        FleetMirror m = mirror;
        if (m == null) {
            return false;
        }
        List<String> a = new ArrayList<>();
        a.add(member.get());
        a.add(Long.toString(plan.wall(plan.createdAt())));
        a.add(Long.toString(RedisFleet.TTL_MS));
        a.add(email.key());
        a.add(BookedEmails.encode(email, wallOffset));
        a.add(Integer.toString(plan.entries().size()));
        for (EmailPlan.Entry e : plan.entries()) {
            a.add(e.fingerprint().toHex());
            a.add(Long.toString(e.total()));
        }
        a.add(Integer.toString(plan.resolved().size()));
        plan.resolved().forEach(r -> a.add(r.fingerprint().toHex()));
        try {
            if (!"1".equals(str(redis.run("book", prefix, member.get(), a), 0))) {
                mirror = null; // the lease is someone else's
                return false;
            }
        } catch (RedisConnection.CallFailed f) {
            mirror = null; // perhaps booked: read it all again before planning once more
            if (last) {
                status.warn("alertmail: the fleet's last email (" + plan.eventCount() + " events) could not be booked"
                        + " in Redis (" + f.getMessage() + "): they stay there for the fleet's next member");
            } else {
                health.stepDown(
                        plan.createdAt(),
                        "a fleet email (" + plan.eventCount() + " events) could not be booked in Redis ("
                                + f.getMessage() + "); its events stay in Redis for the next mailer");
            }
            return false;
        }
        m.booked(plan);
        booked.booked(email);
        return true;
    }

    /** The stop: emails that left the outbox are cleared from Redis (unless it is away); the connection closes. */
    void finish(boolean redisDown) {
        List<String> done = booked.takeFinished();
        if (!done.isEmpty() && !redisDown) {
            try {
                redis.run("finish", prefix, member.get(), done);
            } catch (RedisConnection.CallFailed ignored) {
                // a later mailer sends them again under their keys: Resend delivers each once
            }
        }
        redis.close();
    }
}
