package dev.alertmail.internal.fleet;

import dev.alertmail.internal.config.RedisUri;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.commands.ScriptingKeyCommands;

/** One connection to one address: a standalone Redis, or a name or proxy in front of the master. */
class NodeRoute implements RedisConnection.Route {

    private final RedisUri uri;
    private final JedisClientConfig config;
    private @Nullable Jedis jedis;

    NodeRoute(RedisUri uri, JedisClientConfig config) {
        this.uri = uri;
        this.config = config;
    }

    /** Where the master is now. */
    HostAndPort address() {
        return new HostAndPort(uri.host, uri.port);
    }

    /** Called on a fresh connection before it is used: throws when it does not lead to the master. */
    void check(Jedis fresh) {
        fresh.ping(); // connects and authenticates now: a failure here means nothing was sent
    }

    @Override
    public ScriptingKeyCommands connect() {
        Jedis j = jedis;
        if (j != null && j.isConnected() && !j.isBroken()) {
            return j;
        }
        close();
        HostAndPort at = address();
        RedisConnection.lookUpWithin(at.getHost(), config.getConnectionTimeoutMillis());
        Jedis fresh = new Jedis(at, config);
        try {
            check(fresh);
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        jedis = fresh;
        return fresh;
    }

    @Override
    public void close() {
        Jedis j = jedis;
        jedis = null;
        if (j != null) {
            try {
                j.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
    }
}
