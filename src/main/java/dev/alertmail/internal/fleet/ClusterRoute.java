package dev.alertmail.internal.fleet;

import dev.alertmail.internal.config.RedisUri;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.commands.ScriptingKeyCommands;

/**
 * A Redis Cluster through Jedis's cluster client: any node a seed, the owner of the fleet's one
 * hash slot looked up and followed through MOVED and ASK. A call tries twice at most (a redirect,
 * or a node that went away: the slot map is read again), within the timeout; every script is
 * safe to run twice. After a failure the client is made anew, so the map is read afresh.
 */
final class ClusterRoute implements RedisConnection.Route {

    private static final int MAX_ATTEMPTS = 2;

    private final Set<HostAndPort> seeds = new LinkedHashSet<>();
    private final JedisClientConfig config;
    private final Duration retries;
    private @Nullable JedisCluster cluster;

    ClusterRoute(RedisUri uri, JedisClientConfig config, int timeoutMillis) {
        uri.nodes.forEach(n -> seeds.add(new HostAndPort(n.host(), n.port())));
        this.config = config;
        this.retries = Duration.ofMillis(timeoutMillis);
    }

    @Override
    public ScriptingKeyCommands connect() {
        JedisCluster c = cluster;
        if (c == null) {
            Set<HostAndPort> resolved = new LinkedHashSet<>(); // a seed whose name does not resolve in time is left out
            List<String> failures = new ArrayList<>();
            for (HostAndPort s : seeds) {
                try {
                    RedisConnection.lookUpWithin(s.getHost(), config.getConnectionTimeoutMillis());
                    resolved.add(s);
                } catch (IllegalStateException e) {
                    failures.add(e.getMessage());
                }
            }
            if (resolved.isEmpty()) {
                throw new IllegalStateException("no seed of the cluster could be looked up: " + failures);
            }
            c = new JedisCluster(resolved, config, MAX_ATTEMPTS, retries); // reads the slot map from a seed
            cluster = c;
        }
        return c;
    }

    @Override
    public void close() {
        JedisCluster c = cluster;
        cluster = null;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
    }
}
