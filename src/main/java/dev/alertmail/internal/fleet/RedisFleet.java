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
import dev.alertmail.internal.delivery.Ticker;
import java.time.Clock;
import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.IncidentSource;
import dev.alertmail.internal.plan.EmailPlan;
import dev.alertmail.internal.plan.Planner;
import dev.alertmail.internal.text.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    static final int SAMPLES_PER_TICK = 50;
    private static final long MAX_BACKOFF_MS = 8_000;

    /** What one tick hands to the fleet. */
    private record Batch(long seq, List<Incident> incidents, long[] deltas) {
        long events() {
            long n = 0;
            for (long d : deltas) {
                n += d;
            }
            return n;
        }
    }

    private final AlertConfig config;
    private final StatusReporter status;
    private final HostIdentity names;
    /** Redis keeps wall-clock times (shared by every member); the engine plans on its monotonic time. */
    private final Clock clock;
    private final Ticker ticker;
    private final Supplier<String> host;
    private final RedisUri uri;
    private final String prefix;
    private final String memberSuffix = "/" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    private @Nullable String member;
    private final RedisConnection redis;
    private final Set<Incident> sampleSent = Collections.newSetFromMap(new WeakHashMap<>());
    private final ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();
    private final List<OutgoingEmail> restored = new ArrayList<>();
    /** Keys of fleet emails in this member's outbox: not taken over a second time. */
    private final Set<String> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** One exchange with Redis at a time: held across the round trip (at most the call timeout). */
    private final ReentrantLock exchange = new ReentrantLock();
    private long seq;
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
    private @Nullable Batch inDoubt;
    private @Nullable FleetMirror mirror;
    private @Nullable String epoch;
    private boolean down;
    private int failures;
    /** While Redis fails, calls wait until then (the engine's clock; a step back of it ends the wait). */
    private long retryAt = Long.MIN_VALUE;

    RedisFleet(AlertConfig config, RedisUri uri, StatusReporter status, HostIdentity names, Clock clock, Ticker ticker,
               RedisConnection redis) {
        this.clock = clock;
        this.ticker = ticker;
        this.config = config;
        this.uri = uri;
        this.status = status;
        this.names = names;
        this.host = names::host;
        this.redis = redis;
        this.prefix = prefix(config);
    }

    /**
     * The fleet's keys: one per idempotency key prefix, environment, application and audience, in
     * one hash slot (the braces) so that a script may touch all of them.
     */
    static String prefix(AlertConfig c) {
        String fleet = String.join("|", c.idempotencyKeyPrefix, c.environment, c.application, EmailLedger.audience(c));
        return c.idempotencyKeyPrefix + ":fleet:{" + Hashing.sha256Hex(fleet).substring(0, 24) + "}";
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
            return false; // Redis failed lately: mail alone, try again after the backoff (engine time: steps do not matter)
        }
        wallOffset = clock.millis() - now;
        Batch batch = locked(lock, () -> prepare(local, localPlanner));
        List<?> reply;
        try {
            reply = redis.run("tick", prefix, tickArgs(batch, now, true));
        } catch (RedisConnection.CallFailed f) {
            locked(lock, () -> {
                failed(batch, f, localPlanner, now);
                return null;
            });
            return false;
        }
        boolean ok = locked(lock, () -> settled(batch, reply, localPlanner, now));
        if (ok && mirror == null && isMailer(reply)) {
            bootstrap(lock, now);
        }
        forgetRetired(lock);
        return ok;
    }

    /** Under the lock: what each incident gained since the last hand-over. */
    private Batch prepare(IncidentSource local, Planner planner) {
        Batch doubt = inDoubt;
        if (doubt != null) {
            return doubt; // sent again as it was: Redis applies a seq once, so this settles it either way
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

    private List<String> tickArgs(Batch batch, long now, boolean read) {
        List<String> a = new ArrayList<>();
        a.add(member());
        a.add(Long.toString(batch.seq()));
        a.add(host.get());
        a.add(Long.toString(now + wallOffset));
        a.add(Long.toString(LEASE_MS));
        a.add(Long.toString(TTL_MS));
        a.add(Integer.toString(config.maxIncidents));
        a.add(Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@" + now);
        a.add("1");
        a.add(read ? "1" : "0");
        a.add(FleetMirror.OVERFLOW_HEX);
        a.add(Integer.toString(batch.incidents().size()));
        for (int i = 0; i < batch.incidents().size(); i++) {
            Incident inc = batch.incidents().get(i);
            a.add(inc.fingerprint.toHex());
            a.add(Long.toString(batch.deltas()[i]));
            a.add(Long.toString(inc.firstSeen + wallOffset)); // Redis keeps wall-clock times: every member reads them
            a.add(Long.toString(inc.lastSeen() + wallOffset));
            a.add(inc.immediate() ? "1" : "0");
            a.add(sampleSent.contains(inc) ? "" : SampleCodec.encode(inc.sample)); // a sample leaves once, redacted
        }
        List<String> done = new ArrayList<>();
        for (String k; (k = finished.poll()) != null; ) {
            done.add(k);
        }
        a.add(Integer.toString(done.size()));
        a.addAll(done);
        naming = done;
        FleetMirror m = mirror;
        List<String> wanted = m == null ? List.of() : m.wantedSamples(SAMPLES_PER_TICK);
        a.add(Integer.toString(wanted.size()));
        a.addAll(wanted);
        return a;
    }

    /** Under the lock: Redis answered. The batch is the fleet's; a doubt from before is settled. */
    private boolean settled(Batch batch, List<?> reply, Planner planner, long now) {
        if (batch == inDoubt) {
            inDoubt = null; // applied now, or already the first time: handed over either way
        } else {
            handOver(batch, planner, now);
        }
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
            mirror = null;
        }
        epoch = replyEpoch;
        if (down) {
            status.info("alertmail: Redis " + uri + " answers again: mailing as one fleet");
        }
        down = false;
        failures = 0;
        if (!isMailer(reply) || tookLease(reply)) {
            mirror = null; // another member mails; or a new term: read the fleet afresh, never trust an old copy
            return true;
        }
        FleetMirror m = mirror;
        if (m != null) {
            int rows = Integer.parseInt(String.valueOf(reply.get(3)));
            int at = 4;
            for (int r = 0; r < rows; r++, at += 9) {
                m.update(row(reply, at, now));
            }
            int samples = Integer.parseInt(str(reply, at));
            at++;
            for (int s = 0; s < samples; s++, at += 2) {
                m.sampleArrived(str(reply, at), str(reply, at + 1));
            }
        }
        return true;
    }

    /** One incident of a reply, its wall-clock times on the engine's time, never later than now (skew, steps). */
    private FleetMirror.Row row(List<?> r, int at, long now) {
        return FleetReply.row(r, at, wall -> engineTime(wall, now));
    }

    private long engineTime(long wall, long now) {
        return Math.min(wall - wallOffset, now);
    }

    /** Incidents whose sample Redis no longer has (it forgot them meanwhile): their sample goes again. */
    private void resendSamples(Batch batch, List<?> reply) {
        int at = 4 + 9 * Integer.parseInt(str(reply, 3));
        at += 1 + 2 * Integer.parseInt(str(reply, at));
        int missing = Integer.parseInt(str(reply, at));
        for (int i = 1; i <= missing; i++) {
            String fp = str(reply, at + i);
            batch.incidents().stream().filter(inc -> inc.fingerprint.toHex().equals(fp)).forEach(sampleSent::remove);
        }
    }

    private void handOver(Batch batch, Planner planner, long now) {
        for (int i = 0; i < batch.incidents().size(); i++) {
            Incident inc = batch.incidents().get(i);
            planner.handOver(inc, batch.deltas()[i], now);
            sampleSent.add(inc);
        }
    }

    /** Under the lock: Redis did not answer. Mail alone; a batch that may have arrived stays handed over. */
    private void failed(Batch batch, RedisConnection.CallFailed f, Planner planner, long now) {
        if (f.failure == RedisConnection.Failure.IN_DOUBT && batch != inDoubt && !batch.incidents().isEmpty()) {
            handOver(batch, planner, now); // Redis may have it: never mailed alone; sent again until it answers
            inDoubt = batch;
        }
        finished.addAll(naming); // those emails are still to be cleared from Redis
        naming = List.of();
        mirror = null;
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

    /** This member just became the mailer: read the fleet's whole state once (a second round trip, at takeover only). */
    private void bootstrap(ReentrantLock lock, long now) {
        List<?> r;
        try {
            r = redis.run("bootstrap", prefix, List.of(member()));
        } catch (RedisConnection.CallFailed f) {
            return; // tried again next tick
        }
        if (!"1".equals(str(r, 0))) {
            return;
        }
        FleetMirror m = new FleetMirror(config, names, now);
        List<FleetMirror.Row> rows = new ArrayList<>();
        int n = Integer.parseInt(str(r, 1));
        int at = 2;
        for (int i = 0; i < n; i++, at += 9) {
            rows.add(row(r, at, now));
        }
        long lastEmailAtWall = num(r, at++);
        long lastEmailAt = lastEmailAtWall < 0 ? -1 : engineTime(lastEmailAtWall, now);
        int h = Integer.parseInt(str(r, at++));
        List<Long> hourly = new ArrayList<>();
        for (int i = 0; i < h; i++) {
            hourly.add(engineTime((long) Double.parseDouble(str(r, at++)), now));
        }
        int p = Integer.parseInt(str(r, at++));
        List<OutgoingEmail> pending = new ArrayList<>();
        for (int i = 0; i < p; i++, at += 2) {
            OutgoingEmail e = queued.contains(str(r, at)) ? null : decodeEmail(str(r, at), str(r, at + 1));
            if (e != null) {
                queued.add(e.key());
                pending.add(e);
            }
        }
        locked(lock, () -> {
            m.restore(rows, lastEmailAt, hourly);
            mirror = m;
            restored.addAll(pending);
            return null;
        });
        if (!pending.isEmpty()) {
            status.info("alertmail: this member mails for the fleet now; " + pending.size()
                    + " email(s) booked by the previous mailer are sent again under their keys");
        }
    }

    /** Quiet incidents the mirror retired: Redis forgets them unless counts arrived meanwhile. */
    private void forgetRetired(ReentrantLock lock) {
        FleetMirror m = mirror;
        if (m == null) {
            return;
        }
        List<String> forget = locked(lock, m::takeForgotten);
        if (forget.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>();
        args.add(member());
        args.add(Integer.toString(forget.size() / 2));
        args.addAll(forget);
        try {
            redis.run("retire", prefix, args);
        } catch (RedisConnection.CallFailed ignored) {
            // kept in Redis; retired again once quiet
        }
    }

    @Override
    public @Nullable Lane mailerLane(long now) {
        FleetMirror m = mirror;
        return m == null || down ? null : m.lane;
    }

    @Override
    public List<OutgoingEmail> takeOver() {
        List<OutgoingEmail> out = new ArrayList<>(restored);
        restored.clear();
        return out;
    }

    @Override
    public boolean book(EmailPlan plan, OutgoingEmail email) {
        FleetMirror m = mirror;
        if (m == null) {
            return false;
        }
        List<String> a = new ArrayList<>();
        a.add(member());
        a.add(Long.toString(plan.wall(plan.createdAt())));
        a.add(Long.toString(TTL_MS));
        a.add(email.key());
        a.add(encodeEmail(email));
        a.add(Integer.toString(plan.entries().size()));
        for (EmailPlan.Entry e : plan.entries()) {
            a.add(e.fingerprint().toHex());
            a.add(Long.toString(e.total()));
        }
        a.add(Integer.toString(plan.resolved().size()));
        plan.resolved().forEach(r -> a.add(r.fingerprint().toHex()));
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
            List<?> r = redis.run("book", prefix, a);
            if (!"1".equals(str(r, 0))) {
                mirror = null; // the lease is someone else's
                return false;
            }
        } catch (RedisConnection.CallFailed f) {
            mirror = null; // perhaps booked: read it all again before planning once more
            if (flushingAsLast) {
                status.warn("alertmail: the fleet's last email (" + plan.eventCount() + " events) could not be booked"
                        + " in Redis (" + f.getMessage() + "): they stay there for the fleet's next member");
            }
            return false;
        } finally {
            exchange.unlock();
        }
        m.booked(plan);
        String key = email.key();
        queued.add(key);
        email.bookedInFleet();
        email.whenDone(() -> done(key));
        return true;
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

    private boolean leave(long now, IncidentSource local, Planner localPlanner, ReentrantLock lock, long deadlineNanos) {
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
        mirror = null;
        if (!"last".equals(str(r, 0)) || System.nanoTime() - deadlineNanos >= 0) {
            return true;
        }
        flushingAsLast = true;
        bootstrap(lock, now); // afresh: the others' last counts arrived after this member's last read
        while (mirror != null && !mirror.complete() && System.nanoTime() - deadlineNanos < 0) {
            if (!sync(now, local, localPlanner, lock)) { // fetches the samples the mirror still lacks
                break;
            }
        }
        FleetMirror m = mirror;
        if (m != null && !m.complete()) {
            status.warn("alertmail: this last member of the fleet could not read " + m.waitingIncidents()
                    + " incident(s) from Redis before shutdownTimeout: they stay there for the fleet's next member");
        }
        return true;
    }

    @Override
    public long unconfirmedEvents() {
        Batch doubt = inDoubt;
        return doubt == null ? 0 : doubt.events();
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
        List<String> done = new ArrayList<>();
        for (String k; (k = finished.poll()) != null; ) {
            done.add(k);
        }
        if (!done.isEmpty() && !down) {
            try {
                redis.run("finish", prefix, done);
            } catch (RedisConnection.CallFailed ignored) {
                // a later mailer sends them again under their keys: Resend delivers each once
            }
        }
        redis.close();
    }

    /** A fleet email left the outbox: Redis forgets it on the next call. */
    private void done(String key) {
        queued.remove(key);
        finished.add(key);
    }

    /** An email as Redis keeps it: a few facts, then its MIME bytes one char per byte. */
    private String encodeEmail(OutgoingEmail e) {
        return e.incidents() + "\t" + e.events() + "\t" + (e.createdAt() + wallOffset) + "\t" + e.subject().replace('\t', ' ') + "\t"
                + new String(e.mime(), StandardCharsets.ISO_8859_1);
    }

    private @Nullable OutgoingEmail decodeEmail(String key, String value) {
        String[] f = value.split("\t", 5);
        if (f.length < 5) {
            return null;
        }
        try {
            return OutgoingEmail.restored(f[4].getBytes(StandardCharsets.ISO_8859_1), key, f[3],
                    Long.parseLong(f[2]) - wallOffset,
                    Integer.parseInt(f[0]), Long.parseLong(f[1]), () -> done(key));
        } catch (NumberFormatException e) {
            return null;
        }
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
