package dev.alertmail.internal.fleet;

import static dev.alertmail.internal.fleet.FleetReply.num;
import static dev.alertmail.internal.fleet.FleetReply.str;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.RedisUri;
import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.delivery.EmailLedger;
import dev.alertmail.internal.delivery.FleetLink;
import dev.alertmail.internal.delivery.HostIdentity;
import dev.alertmail.internal.delivery.OutgoingEmail;
import dev.alertmail.internal.incidents.IncidentSource;
import dev.alertmail.internal.plan.EmailPlan;
import dev.alertmail.internal.plan.Planner;
import dev.alertmail.internal.text.Hashing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
    /** Every key expires this long after its last write: Resend remembers keys for 24 h. */
    static final long TTL_MS = TimeUnit.HOURS.toMillis(25);

    private static final long MAX_BACKOFF_MS = 8_000;

    private final AlertConfig config;
    private final StatusReporter status;
    /** Redis keeps wall-clock times (shared by every member); the engine plans on its monotonic time. */
    private final Clock clock;

    private final Supplier<String> host;
    private final RedisUri uri;
    private final String prefix;
    private final String memberSuffix =
            "/" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    private @Nullable String member;
    private final RedisConnection redis;
    private final Handover handover = new Handover();
    private final FleetMailer mailer;
    /** One exchange with Redis at a time: held across the round trip (at most the call timeout). */
    private final ReentrantLock exchange = new ReentrantLock();
    /** The last batch Redis confirmed; a reply saying it has less means Redis lost it. */
    private long acknowledged;

    private boolean wentBackReported;
    /** This member is the last of the fleet and flushes it: a booking that fails then is reported. */
    private boolean flushingAsLast;
    /** Set once the stop has handed over and left: no exchange with Redis after it. */
    private boolean stopped;
    /** Finished emails named in the exchange in flight: named again if it fails. */
    private List<String> naming = List.of();
    /** The wall clock's reading minus the engine's time, taken at each exchange. */
    private long wallOffset;

    private @Nullable String epoch;
    private boolean down;
    private int failures;
    /** While Redis fails, calls wait until then (the engine's clock; a step back of it ends the wait). */
    private long retryAt = Long.MIN_VALUE;

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
        this.redis = redis;
        this.prefix = prefix(config);
        this.mailer = new FleetMailer(config, names, status, redis, prefix, this::member);
    }

    /**
     * The fleet's keys: one per idempotency key prefix, environment, application and audience, in
     * one hash slot (the braces) so that a script may touch all of them.
     */
    static String prefix(AlertConfig c) {
        String fleet =
                String.join("|", c.idempotencyKeyPrefix(), c.environment(), c.application(), EmailLedger.audience(c));
        return c.idempotencyKeyPrefix() + ":fleet:{" + Hashing.sha256Hex(fleet).substring(0, 24) + "}";
    }

    /** This member in Redis: its host, then a random part (a restart is a new member). Worker thread. */
    private String member() {
        String m = member;
        if (m == null) {
            m = host.get() + memberSuffix; // looked up on the worker, never on the logging thread
            member = m;
        }
        return m;
    }

    @Override
    public boolean sync(long now, IncidentSource local, Planner localPlanner, ReentrantLock lock) {
        exchange.lock(); // the worker's tick and the stopping thread never hand the same counts over twice
        try {
            if (stopped) {
                return false; // a tick that waited for the stop: the stop has handed everything over
            }
            return syncAlone(now, local, localPlanner, lock);
        } finally {
            exchange.unlock();
        }
    }

    private boolean syncAlone(long now, IncidentSource local, Planner localPlanner, ReentrantLock lock) {
        if (now < retryAt) {
            return false; // Redis failed lately: mail alone, try again after the backoff (engine time: steps do not
            // matter)
        }
        wallOffset = clock.millis() - now;
        Handover.Batch batch = locked(lock, () -> handover.next(local, localPlanner));
        List<?> reply;
        try {
            reply = redis.run("tick", prefix, tickArgs(batch, now));
        } catch (RedisConnection.CallFailed f) {
            locked(lock, () -> {
                failed(batch, f, localPlanner, now);
                return null;
            });
            return false;
        }
        boolean ok = locked(lock, () -> settled(batch, reply, localPlanner, now));
        if (ok && !mailer.active() && isMailer(reply)) {
            mailer.bootstrap(lock, now, wall -> engineTime(wall, now), wallOffset);
        }
        mailer.forgetRetired(lock);
        return ok;
    }

    private List<String> tickArgs(Handover.Batch batch, long now) {
        List<String> a = new ArrayList<>();
        a.add(member());
        a.add(Long.toString(batch.seq()));
        a.add(host.get());
        a.add(Long.toString(now + wallOffset));
        a.add(Long.toString(LEASE_MS));
        a.add(Long.toString(TTL_MS));
        a.add(Integer.toString(config.maxIncidents()));
        a.add(Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@" + now);
        a.add("1"); // wants the lease
        a.add("1"); // reads what changed, if it holds the lease
        a.add(FleetMirror.OVERFLOW_HEX);
        handover.appendEntries(batch, a, wallOffset);
        List<String> done = mailer.booked().takeFinished();
        a.add(Integer.toString(done.size()));
        a.addAll(done);
        naming = done;
        List<String> wanted = mailer.wantedSamples();
        a.add(Integer.toString(wanted.size()));
        a.addAll(wanted);
        return a;
    }

    /** Under the lock: Redis answered. The batch is the fleet's; a doubt from before is settled. */
    private boolean settled(Handover.Batch batch, List<?> reply, Planner planner, long now) {
        handover.taken(batch, planner, now);
        naming = List.of();
        resendSamples(batch, reply);
        long prev = num(reply, 1);
        boolean sameEpoch = epoch == null || epoch.equals(str(reply, 0)); // a new epoch is reported below
        if (prev < acknowledged && sameEpoch && !wentBackReported) { // Redis forgot batches it took: an older snapshot
            wentBackReported = true;
            status.warn("alertmail: the fleet's state in Redis " + uri + " went back (restored from an older"
                    + " snapshot?): counts handed over since then and not yet mailed are in no email");
        }
        acknowledged = batch.seq();
        String replyEpoch = String.valueOf(reply.get(0));
        if (epoch != null && !epoch.equals(replyEpoch)) {
            status.warn("alertmail: the fleet's state in Redis " + uri + " was lost (flushed, evicted, or a restart"
                    + " without persistence): counts handed over before and not yet mailed are in no email");
            mailer.drop();
        }
        epoch = replyEpoch;
        if (down) {
            status.info("alertmail: Redis " + uri + " answers again: mailing as one fleet");
        }
        down = false;
        failures = 0;
        if (!isMailer(reply) || tookLease(reply)) {
            mailer.drop(); // another member mails; or a new term: read the fleet afresh, never trust an old copy
            return true;
        }
        mailer.read(reply, wall -> engineTime(wall, now));
        return true;
    }

    /** A wall-clock time from Redis on the engine's time, never later than now (clock skew, steps). */
    private long engineTime(long wall, long now) {
        return Math.min(wall - wallOffset, now);
    }

    /** Incidents whose sample Redis no longer has (it forgot them meanwhile): their sample goes again. */
    private void resendSamples(Handover.Batch batch, List<?> reply) {
        int at = 4 + 9 * Integer.parseInt(str(reply, 3));
        at += 1 + 2 * Integer.parseInt(str(reply, at));
        int missing = Integer.parseInt(str(reply, at));
        for (int i = 1; i <= missing; i++) {
            handover.sampleForgotten(batch, str(reply, at + i));
        }
    }

    /** Under the lock: Redis did not answer. Mail alone; a batch that may have arrived stays handed over. */
    private void failed(Handover.Batch batch, RedisConnection.CallFailed f, Planner planner, long now) {
        handover.unanswered(batch, f.failure == RedisConnection.Failure.IN_DOUBT, planner, now);
        mailer.booked().unnamed(naming); // those emails are still to be cleared from Redis
        naming = List.of();
        mailer.drop();
        failures++;
        retryAt = now + Math.min(MAX_BACKOFF_MS, 500L << Math.min(failures, 5));
        if (!down) {
            down = true;
            status.warn("alertmail: Redis " + uri + " does not answer (" + f.getMessage() + "): this member mails"
                    + " on its own until it does");
        }
    }

    private static boolean isMailer(List<?> reply) {
        String m = String.valueOf(reply.get(2));
        return "1".equals(m) || "2".equals(m);
    }

    /** This tick began a new term as the mailer (the lease was free). */
    private static boolean tookLease(List<?> reply) {
        return "2".equals(String.valueOf(reply.get(2)));
    }

    @Override
    public @Nullable Lane mailerLane(long now) {
        return down ? null : mailer.lane();
    }

    @Override
    public List<OutgoingEmail> takeOver() {
        return mailer.booked().takeRestored();
    }

    @Override
    public boolean book(EmailPlan plan, OutgoingEmail email) {
        try {
            // one connection, one user at a time; waiting longer than a call could deadlock with a stop
            if (!exchange.tryLock(Fleets.MAX_CALL_MILLIS, TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            return mailer.book(plan, email, wallOffset, flushingAsLast);
        } finally {
            exchange.unlock();
        }
    }

    @Override
    public boolean stop(long now, IncidentSource local, Planner localPlanner, ReentrantLock lock, long deadlineNanos) {
        try {
            // a tick in flight on the worker finishes first (its calls are bounded by the timeout)
            if (!exchange.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            return leave(now, local, localPlanner, lock, deadlineNanos);
        } finally {
            stopped = true;
            exchange.unlock();
        }
    }

    private boolean leave(
            long now, IncidentSource local, Planner localPlanner, ReentrantLock lock, long deadlineNanos) {
        retryAt = Long.MIN_VALUE; // one last try whatever the backoff says
        if (!sync(now, local, localPlanner, lock)) {
            return false;
        }
        List<?> r;
        if (System.nanoTime() - deadlineNanos >= 0) {
            return true; // handed over; the fleet's next mailer mails it
        }
        try {
            r = redis.run("leave", prefix, List.of(member(), Long.toString(now + wallOffset), Long.toString(LEASE_MS)));
        } catch (RedisConnection.CallFailed f) {
            return true; // handed over; the fleet's next mailer mails it
        }
        mailer.drop();
        if (!"last".equals(str(r, 0)) || System.nanoTime() - deadlineNanos >= 0) {
            return true;
        }
        flushingAsLast = true;
        // afresh: the others' last counts arrived after this member's last read
        mailer.bootstrap(lock, now, wall -> engineTime(wall, now), wallOffset);
        while (mailer.waiting() > 0 && System.nanoTime() - deadlineNanos < 0) {
            if (!sync(now, local, localPlanner, lock)) { // fetches the samples the copy still lacks
                break;
            }
        }
        if (mailer.waiting() > 0) {
            status.warn("alertmail: this last member of the fleet could not read " + mailer.waiting()
                    + " incident(s) from Redis before shutdownTimeout: they stay there for the fleet's next member");
        }
        return true;
    }

    @Override
    public long unconfirmedEvents() {
        return handover.unconfirmedEvents();
    }

    @Override
    public void close() {
        exchange.lock(); // a book in flight ends first (at most one call)
        try {
            finish();
        } finally {
            exchange.unlock();
        }
    }

    private void finish() {
        List<String> done = mailer.booked().takeFinished();
        if (!done.isEmpty() && !down) {
            try {
                redis.run("finish", prefix, done);
            } catch (RedisConnection.CallFailed ignored) {
                // a later mailer sends them again under their keys: Resend delivers each once
            }
        }
        redis.close();
    }

    private static <T> T locked(ReentrantLock lock, Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
