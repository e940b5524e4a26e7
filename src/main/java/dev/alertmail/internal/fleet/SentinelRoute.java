package dev.alertmail.internal.fleet;

import dev.alertmail.internal.config.RedisUri;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The master the sentinels name, asked for at each new connection: after a failover the old
 * master's READONLY (or a broken connection) drops the connection, and the next call asks again.
 * Not Jedis's sentinel pool: it keeps a thread per sentinel and a pool, and its replacement in
 * Jedis 8 is absent from 7; the lookup is one command, on the worker, bounded by the timeouts.
 */
final class SentinelRoute extends NodeRoute {

    private final RedisUri uri;
    private final JedisClientConfig sentinelConfig;
    private final JedisClientConfig sentinelConfigWithoutAuth;

    SentinelRoute(RedisUri uri, JedisClientConfig master, DefaultJedisClientConfig.Builder sentinels) {
        super(uri, master);
        this.uri = uri;
        this.sentinelConfig = sentinels.build();
        this.sentinelConfigWithoutAuth = sentinels.user(null).password(null).build();
    }

    /** The first sentinel that answers names the master; a sentinel that does not is skipped. */
    @Override
    HostAndPort address() {
        List<String> failures = new ArrayList<>();
        for (RedisUri.Node s : uri.nodes) {
            try {
                return ask(s);
            } catch (RuntimeException e) {
                failures.add(s + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("no sentinel names master '" + uri.masterName + "' (" + failures + ")");
    }

    private HostAndPort ask(RedisUri.Node sentinel) {
        // sentinels often have no password of their own: ask without, and with the URI's when refused
        try {
            return ask(sentinel, sentinelConfigWithoutAuth);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("NOAUTH") || uri.password == null) {
                throw e;
            }
            return ask(sentinel, sentinelConfig);
        }
    }

    private HostAndPort ask(RedisUri.Node sentinel, JedisClientConfig config) {
        RedisConnection.lookUpWithin(sentinel.host(), config.getConnectionTimeoutMillis());
        try (Jedis s = new Jedis(new HostAndPort(sentinel.host(), sentinel.port()), config)) {
            List<String> master = s.sentinelGetMasterAddrByName(uri.masterName);
            if (master == null || master.size() < 2) {
                throw new IllegalStateException("does not monitor '" + uri.masterName + "'");
            }
            return new HostAndPort(master.get(0), Integer.parseInt(master.get(1)));
        }
    }

    /** Right after a failover the sentinels may still name the demoted master: it must say it is one. */
    @Override
    void check(Jedis fresh) {
        List<Object> role = fresh.role();
        Object first = role.isEmpty() ? null : role.get(0);
        String r = first instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : "" + first;
        if (!r.equals("master")) {
            throw new IllegalStateException("the node the sentinels name for '" + uri.masterName + "' is a " + r
                    + ", not the master (a failover under way)");
        }
    }
}
