package dev.alertmail.internal.fleet;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.RedisUri;
import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.delivery.EmailLedger;
import dev.alertmail.internal.delivery.FleetLink;
import dev.alertmail.internal.delivery.HostIdentity;
import dev.alertmail.internal.text.Hashing;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Joins an engine to its fleet when {@code redisUri} is set; Jedis is loaded only then. */
public final class Fleets {

    /** Every Redis call is bounded by this, or by the SMTP timeouts when they are shorter. */
    static final int MAX_CALL_MILLIS = 1_000;

    private Fleets() {}

    /**
     * @return {@code null} without {@code redisUri}; never touches the network (the first tick
     *         does, on the worker)
     * @throws IllegalStateException when {@code redisUri} is set and Jedis is not on the class path
     */
    public static @Nullable FleetLink join(AlertConfig config, StatusReporter status, HostIdentity names, Clock clock) {
        RedisUri uri = config.redisUri();
        if (uri == null) {
            return null;
        }
        try {
            Class.forName("redis.clients.jedis.Jedis", false, Fleets.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("'redisUri' is set but Jedis is not on the class path: add"
                    + " redis.clients:jedis (see docs/fleet.md, \"Running a fleet\")");
        }
        int timeout = (int) Math.min(
                MAX_CALL_MILLIS,
                Math.min(config.connectTimeout().toMillis(), config.timeout().toMillis()));
        return new RedisFleet(
                config, uri, status, names, clock, new RedisConnection(uri, Math.max(1, timeout), config.redisCa()));
    }

    /**
     * The fleet's keys: one per idempotency key prefix, environment, application and audience, in
     * one hash slot (the braces) so that a script may touch all of them. {@code v3}: the protocol's
     * version; members of another version form a fleet of their own instead of failing every tick.
     */
    static String prefix(AlertConfig c) {
        String fleet =
                String.join("|", c.idempotencyKeyPrefix(), c.environment(), c.application(), EmailLedger.audience(c));
        return c.idempotencyKeyPrefix() + ":fleet:v3:{"
                + Hashing.sha256Hex(fleet).substring(0, 24) + "}";
    }

    /**
     * A member's name in Redis: its host, then a random part (a restart is a new member). The host
     * is looked up on first use, on the worker, never on the logging thread.
     */
    static Supplier<String> memberName(Supplier<String> host) {
        String suffix = "/" + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        AtomicReference<@Nullable String> name = new AtomicReference<>();
        return () -> {
            String n = name.get();
            if (n == null) {
                n = host.get() + suffix;
                name.set(n);
            }
            return n;
        };
    }
}
