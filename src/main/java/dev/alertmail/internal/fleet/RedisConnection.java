package dev.alertmail.internal.fleet;

import dev.alertmail.internal.config.PemCertificates;
import dev.alertmail.internal.config.RedisUri;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The worker's one connection to the fleet's Redis (Jedis: blocking, no thread of its own). Every
 * call is bounded by the connect and socket timeouts (at most 1 s); a failed connection is dropped
 * and made again on the next call. Scripts run by their SHA once Redis knows them.
 */
final class RedisConnection implements AutoCloseable {

    /** What a failed call tells about its effect. */
    enum Failure {
        /** Nothing reached Redis (no connection, refused, a reply that is an error): nothing happened. */
        NOT_APPLIED,
        /** The command was sent and no reply came: Redis may or may not have run it. */
        IN_DOUBT
    }

    /** A call that failed, with what is known of its effect; the message never holds a credential. */
    static final class CallFailed extends Exception {
        private static final long serialVersionUID = 1L;
        final Failure failure;

        CallFailed(Failure failure, String message) {
            super(message, null, false, false);
            this.failure = failure;
        }
    }

    private final RedisUri uri;
    private final DefaultJedisClientConfig clientConfig;
    private final Map<String, String> scripts = new HashMap<>();
    private final Map<String, String> shas = new HashMap<>();
    private @Nullable Jedis jedis;

    /** @param redisCa a PEM file of the only CAs trusted for TLS; {@code null}: the JDK's trust store */
    RedisConnection(RedisUri uri, int timeoutMillis, @Nullable String redisCa) {
        this.uri = uri;
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .database(uri.database)
                .clientName("alertmail");
        if (uri.user != null) {
            b.user(uri.user);
        }
        if (uri.password != null) {
            b.password(uri.password);
        }
        if (uri.tls) {
            b.ssl(true);
            if (redisCa != null) { // a private CA (Memorystore, self-hosted): trusted for Redis alone, not for SMTP
                try {
                    b.sslSocketFactory(PemCertificates.trusting(redisCa).getSocketFactory());
                } catch (IOException | GeneralSecurityException e) {
                    throw new IllegalStateException("'redisCa' " + redisCa + " cannot be used: " + e.getMessage(), e);
                }
            }
            SSLParameters verifyIdentity = new SSLParameters();
            verifyIdentity.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host, always
            b.sslParameters(verifyIdentity);
        }
        this.clientConfig = b.build();
        for (String name : List.of("tick", "book", "bootstrap", "retire", "leave", "finish")) {
            String source = load(name);
            scripts.put(name, source);
            shas.put(name, sha1(source)); // never SCRIPT LOAD: one call per run, whose effect a failure leaves clear
        }
    }

    /** Runs a script (see the .lua files beside this class); the prefix is its one key. */
    List<?> run(String script, String prefix, List<String> args) throws CallFailed {
        Jedis j;
        try {
            j = connected();
        } catch (RuntimeException e) {
            drop();
            throw new CallFailed(Failure.NOT_APPLIED, describe(e));
        }
        try {
            Object reply;
            try {
                reply = j.evalsha(shas.get(script), List.of(prefix), args);
            } catch (JedisNoScriptException e) { // not cached yet (or Redis restarted): EVAL caches it
                reply = j.eval(scripts.get(script), List.of(prefix), args);
            }
            return reply instanceof List<?> l ? l : List.of(reply == null ? "" : reply);
        } catch (JedisConnectionException e) {
            drop();
            throw new CallFailed(Failure.IN_DOUBT, describe(e));
        } catch (RuntimeException e) { // an error reply (OOM, NOPERM, READONLY…): the script did not run
            if (isFailover(e)) {
                drop(); // the next call connects afresh: a name or proxy may lead to the new master by then
            }
            throw new CallFailed(Failure.NOT_APPLIED, describe(e));
        }
    }

    /**
     * Replies of a node that is not (or not yet) the master for the fleet's keys: a demoted master
     * or a replica (READONLY), a cluster node that does not own the slot (MOVED, ASK, TRYAGAIN,
     * CLUSTERDOWN), a node still loading or cut off from its master (LOADING, MASTERDOWN). Keeping
     * the connection would keep asking the wrong node.
     */
    static boolean isFailover(RuntimeException e) {
        String m = e.getMessage();
        if (m == null) {
            return false;
        }
        for (String reply : FAILOVER_REPLIES) {
            if (m.startsWith(reply)) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> FAILOVER_REPLIES =
            List.of("READONLY", "MOVED", "ASK", "LOADING", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN");

    private Jedis connected() {
        Jedis j = jedis;
        if (j == null || !j.isConnected() || j.isBroken()) {
            drop();
            Jedis fresh = new Jedis(new HostAndPort(uri.host, uri.port), clientConfig);
            try {
                fresh.ping(); // connects and authenticates now: a failure here means nothing was sent
            } catch (RuntimeException e) {
                fresh.close();
                throw e;
            }
            jedis = fresh;
            j = fresh;
        }
        return j;
    }

    private void drop() {
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

    /** The failure in words: the exception's type and message, with the URI's password masked. */
    private String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 400; t = t.getCause()) {
            if (b.length() > 0) {
                b.append(" / ");
            }
            b.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        String s = b.toString();
        return uri.password == null || uri.password.isEmpty() ? s : s.replace(uri.password, "****");
    }

    @Override
    public void close() {
        drop();
    }

    private static String load(String name) {
        try (InputStream in = RedisConnection.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name + ".lua");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read script " + name + ".lua", e);
        }
    }

    private static String sha1(String source) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-1")
                            .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
