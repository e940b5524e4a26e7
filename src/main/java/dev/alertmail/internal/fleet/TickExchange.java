package dev.alertmail.internal.fleet;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.plan.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One tick's round trip (tick.lua): this member's batch, the fleet emails that left the outbox and
 * the samples the mailer asks for go out; the reply is settled into the handover, this member's
 * view of Redis and the mailer's copy. The worker (or the stopping thread), within
 * {@code RedisFleet}'s exchange; the planner and the copy only under {@code Delivery}'s lock.
 */
final class TickExchange {

    private final AlertConfig config;
    private final RedisConnection redis;
    private final String prefix;
    private final Supplier<String> member;
    private final Supplier<String> host;
    private final Handover handover;
    private final FleetMailer mailer;
    private final RedisState state;
    private final MailerHealth health;
    /** Finished emails named in the exchange in flight: named again if it fails. */
    private List<String> naming = List.of();

    TickExchange(
            AlertConfig config,
            RedisConnection redis,
            String prefix,
            Supplier<String> member,
            Supplier<String> host,
            Handover handover,
            FleetMailer mailer,
            RedisState state,
            MailerHealth health) {
        this.config = config;
        this.redis = redis;
        this.prefix = prefix;
        this.member = member;
        this.host = host;
        this.handover = handover;
        this.mailer = mailer;
        this.state = state;
        this.health = health;
    }

    /**
     * @param mode the lease mode: {@code 1} wants it, {@code 0} gives it up (a mailer stepping down)
     * @return the reply, settled; {@code null} when Redis did not answer (said, the batch kept or in doubt)
     */
    @Nullable
    TickReply run(Handover.Batch batch, long now, String mode, long wallOffset, ReentrantLock lock, Planner planner) {
        TickReply reply;
        handover.sending(batch);
        try {
            reply = TickReply.parse(redis.run("tick", prefix, member.get(), args(batch, now, mode, wallOffset)));
        } catch (RedisConnection.CallFailed f) {
            locked(lock, () -> {
                failed(batch, f, planner, now);
                return null;
            });
            return null;
        }
        if ("0".equals(mode)) {
            health.released();
        }
        locked(lock, () -> {
            settled(batch, reply, planner, now, wallOffset);
            return null;
        });
        return reply;
    }

    private List<String> args(Handover.Batch batch, long now, String mode, long wallOffset) {
        List<String> a = head(
                member.get(),
                batch.seq(),
                host.get(),
                now + wallOffset,
                RedisFleet.LEASE_MS,
                config.maxIncidents(),
                mode,
                now);
        handover.appendEntries(batch, a, wallOffset);
        List<String> done = mailer.booked().takeFinished();
        naming = done;
        tail(a, done, mailer.wantedSamples());
        return a;
    }

    /** Under the lock: Redis answered. The batch is the fleet's; a doubt from before is settled. */
    private void settled(Handover.Batch batch, TickReply reply, Planner planner, long now, long wallOffset) {
        handover.taken(batch, planner, now);
        naming = List.of();
        reply.unsampled().forEach(fp -> handover.sampleForgotten(batch, fp));
        state.answered(reply, batch.incidents().isEmpty() ? 0 : batch.seq(), mailer, handover);
        handover.applied(batch, reply.applied(), reply.readAt());
        if (!reply.isMailer() || reply.tookLease()) {
            mailer.drop(); // another member mails; or a new term: read the fleet afresh, never trust an old copy
            return;
        }
        // a wall-clock time from Redis on the engine's time, never later than now (clock skew, steps)
        mailer.read(reply, wall -> Math.min(wall - wallOffset, now));
    }

    /** Under the lock: Redis did not answer. Mail alone; a batch that may have arrived stays handed over. */
    private void failed(Handover.Batch batch, RedisConnection.CallFailed f, Planner planner, long now) {
        handover.unanswered(batch, f.failure == RedisConnection.Failure.IN_DOUBT, planner, now);
        mailer.booked().unnamed(naming); // those emails are still to be cleared from Redis
        naming = List.of();
        state.failed(f, now, mailer);
    }

    /** The lease mode of the last member's flush after leave.lua: reads, renews, never joins again. */
    static final String LEAVING = "L";

    /** tick.lua's arguments in the order it reads them: the head, up to the batch's entries ({@link Handover} appends those). */
    static List<String> head(
            String member,
            long seq,
            String host,
            long wallNow,
            long leaseMs,
            int maxIncidents,
            String leaseMode,
            long now) {
        List<String> a = new ArrayList<>();
        a.add(member);
        a.add(Long.toString(seq));
        a.add(host);
        a.add(Long.toString(wallNow));
        a.add(Long.toString(leaseMs));
        a.add(Long.toString(RedisFleet.TTL_MS));
        a.add(Integer.toString(maxIncidents));
        a.add(Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@" + now); // the epoch if Redis has none
        a.add(leaseMode);
        a.add(Long.toString(RedisFleet.HEARTBEAT_MS));
        a.add(FleetMirror.OVERFLOW_HEX);
        return a;
    }

    /** The tail: emails that left the outbox, then the samples the mailer asks for. */
    static void tail(List<String> a, List<String> finished, List<String> wanted) {
        a.add(Integer.toString(finished.size()));
        a.addAll(finished);
        a.add(Integer.toString(wanted.size()));
        a.addAll(wanted);
    }

    static <T> T locked(ReentrantLock lock, Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
