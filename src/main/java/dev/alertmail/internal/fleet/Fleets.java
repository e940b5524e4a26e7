package dev.alertmail.internal.fleet;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.RedisUri;
import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.delivery.FleetLink;
import dev.alertmail.internal.delivery.HostIdentity;
import java.time.Clock;
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
}
