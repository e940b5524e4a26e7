package dev.alertmail.internal.fleet;

import static dev.alertmail.internal.fleet.FleetReply.str;

import dev.alertmail.internal.config.StatusReporter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A member's stop, once its counts are handed over: it leaves the fleet for good (leave.lua);
 * the last member takes the lease and reads the whole fleet to mail it. What a stop cannot do is
 * said with its count. The stopping thread, holding {@code RedisFleet}'s exchange.
 */
final class FleetExit {

    private final RedisConnection redis;
    private final String prefix;
    private final Supplier<String> member;
    private final Supplier<String> host;
    private final int maxIncidents;
    private final StatusReporter status;
    private final FleetMailer mailer;
    private final Handover handover;

    FleetExit(
            RedisConnection redis,
            String prefix,
            Supplier<String> member,
            Supplier<String> host,
            int maxIncidents,
            StatusReporter status,
            FleetMailer mailer,
            Handover handover) {
        this.redis = redis;
        this.prefix = prefix;
        this.member = member;
        this.host = host;
        this.maxIncidents = maxIncidents;
        this.status = status;
        this.mailer = mailer;
        this.handover = handover;
    }

    /** No other member ticked this long ago or less (Redis's clock): one of them is surely alive. */
    static final long SURELY_ALIVE_MS = 250;

    /**
     * Leaves for good. When no other member ticked just now, the others may be ghosts (killed a
     * moment ago: their heartbeat is not yet older than the window): this member waits for one of
     * them to tick (a live one does within an idle tick), else for the window to pass, and asks
     * again, within {@code shutdownTimeout}; a ghost never strands the fleet's counts in silence.
     *
     * @return {@code true}: this member was the last; it holds the lease and is to flush the fleet
     */
    boolean leave(long deadlineNanos) {
        List<?> r;
        try {
            r = leaveCall(deadlineNanos);
            long age = others(r) ? FleetReply.num(r, 2) : 0;
            if (others(r)
                    && age >= SURELY_ALIVE_MS
                    && pause(RedisFleet.IDLE_TICK_MS + SURELY_ALIVE_MS - age, deadlineNanos)) {
                List<?> again = leaveCall(deadlineNanos);
                long age2 = others(again) ? FleetReply.num(again, 2) : 0;
                r = again;
                if (others(again)
                        && age2 >= RedisFleet.IDLE_TICK_MS
                        && pause(RedisFleet.HEARTBEAT_MS + 50 - age2, deadlineNanos)) {
                    r = leaveCall(deadlineNanos); // nobody ticked since: the window tells ghosts from the slow
                }
            }
        } catch (RedisConnection.CallFailed f) {
            status.warn("alertmail: this member handed its counts to the fleet but could not leave it ("
                    + f.getMessage() + "): if no other member runs, up to " + handover.handedOverEvents()
                    + " events it handed over wait in Redis for the fleet's next member");
            return false;
        }
        mailer.drop();
        return "last".equals(str(r, 0)); // else a live member mails what this one handed over
    }

    private static boolean others(List<?> reply) {
        return "others".equals(str(reply, 0));
    }

    private List<?> leaveCall(long deadlineNanos) throws RedisConnection.CallFailed {
        if (System.nanoTime() - deadlineNanos >= 0) {
            throw new RedisConnection.CallFailed(RedisConnection.Failure.NOT_APPLIED, "shutdownTimeout reached");
        }
        return redis.run(
                "leave",
                prefix,
                member.get(),
                List.of(member.get(), Long.toString(RedisFleet.HEARTBEAT_MS), Long.toString(RedisFleet.LEASE_MS)));
    }

    /** The stopping thread waits for Redis's clock to move on; {@code false} when the deadline comes first. */
    private static boolean pause(long millis, long deadlineNanos) {
        long nanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        if (System.nanoTime() + nanos - deadlineNanos >= 0) {
            return false;
        }
        LockSupport.parkNanos(nanos);
        return !Thread.currentThread().isInterrupted();
    }

    /** The last member reads the fleet afresh (the others' last counts arrived after its last read), samples included. */
    void readAsLast(ReentrantLock lock, long now, long wallOffset, long deadlineNanos) {
        if (!mailer.bootstrap(lock, now, wall -> Math.min(wall - wallOffset, now), wallOffset)) {
            status.warn("alertmail: this last member of the fleet could not read the fleet's state from Redis: up to "
                    + handover.handedOverEvents() + " events it handed over, and what the others left, wait in"
                    + " Redis for the fleet's next member");
            return;
        }
        while (mailer.waiting() > 0 && System.nanoTime() - deadlineNanos < 0) {
            if (!readSamples(lock, now, wallOffset)) {
                break;
            }
        }
        if (mailer.waiting() > 0) {
            status.warn("alertmail: this last member of the fleet could not read " + mailer.waiting() + " incident(s) ("
                    + mailer.waitingEvents() + " events not yet mailed) from Redis before shutdownTimeout: they wait"
                    + " there for the fleet's next member");
        }
    }

    /** tick.lua in the leaving mode: no counts, no heartbeat (it never joins again); the samples the copy lacks. */
    private boolean readSamples(ReentrantLock lock, long now, long wallOffset) {
        List<String> a = TickExchange.head(
                member.get(),
                0,
                host.get(),
                now + wallOffset,
                RedisFleet.LEASE_MS,
                maxIncidents,
                TickExchange.LEAVING,
                now);
        a.add("0"); // no counts: everything was handed over before leaving
        List<String> done = mailer.booked().takeFinished();
        TickExchange.tail(a, done, mailer.wantedSamples());
        TickReply reply;
        try {
            reply = TickReply.parse(redis.run("tick", prefix, member.get(), a));
        } catch (RedisConnection.CallFailed f) {
            mailer.booked().unnamed(done);
            return false;
        }
        if (!reply.isMailer()) {
            return false;
        }
        lock.lock();
        try {
            mailer.read(reply, wall -> Math.min(wall - wallOffset, now));
        } finally {
            lock.unlock();
        }
        return true;
    }
}
