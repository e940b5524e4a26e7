package dev.alertmail.internal.fleet;

import dev.alertmail.internal.config.PemCertificates;
import dev.alertmail.internal.config.RedisUri;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.commands.ScriptingKeyCommands;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The worker's way to the fleet's Redis: one node ({@code redis://}), the master the sentinels
 * name ({@code redis-sentinel://}) or the owner of the fleet's hash slot in a cluster
 * ({@code redis-cluster://}). Every call is bounded by the connect and socket timeouts; a failed
 * connection, or a reply that says the node is not the master for the fleet's keys, is dropped
 * and the node looked up again on the next call. Scripts run by their SHA once Redis knows them,
 * and every key a script touches is declared in {@code KEYS} ({@link FleetKeys}).
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

    /** How calls reach the node that holds the fleet's keys; connects on first use. */
    interface Route extends AutoCloseable {
        /** The client, connected (the node looked up) if it was not: a failure here sent nothing. */
        ScriptingKeyCommands connect();

        /** Forgets the connection: the next call looks the node up again. */
        @Override
        void close();
    }

    private final RedisUri uri;
    private final Route route;
    private final Map<String, String> scripts = new HashMap<>();
    private final Map<String, String> shas = new HashMap<>();

    /** @param redisCa a PEM file of the only CAs trusted for TLS; {@code null}: the JDK's trust store */
    RedisConnection(RedisUri uri, int timeoutMillis, @Nullable String redisCa) {
        this.uri = uri;
        DefaultJedisClientConfig.Builder node = clientConfig(uri, timeoutMillis, redisCa);
        this.route = switch (uri.topology) {
            case CLUSTER -> new ClusterRoute(uri, node.build(), timeoutMillis);
            case SENTINEL ->
                new SentinelRoute(
                        uri,
                        node.build(),
                        clientConfig(uri, timeoutMillis, redisCa).database(0).clientName(null));
            case STANDALONE -> new NodeRoute(uri, node.build());
        };
        for (String name : List.of("tick", "book", "bootstrap", "retire", "leave", "finish")) {
            String source = FleetKeys.preamble() + load("shared") + load(name);
            scripts.put(name, source);
            shas.put(name, sha1(source)); // never SCRIPT LOAD: one call per run, whose effect a failure leaves clear
        }
    }

    private static DefaultJedisClientConfig.Builder clientConfig(
            RedisUri uri, int timeoutMillis, @Nullable String redisCa) {
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
        return b;
    }

    /** Runs a script (see the .lua files beside this class) over the fleet's keys, as {@code member}. */
    List<?> run(String script, String prefix, String member, List<String> args) throws CallFailed {
        List<String> keys = FleetKeys.of(prefix, member);
        String sha = shas.get(script);
        String source = scripts.get(script);
        if (sha == null || source == null) {
            throw new IllegalArgumentException("no script " + script);
        }
        ScriptingKeyCommands client;
        try {
            client = route.connect();
        } catch (RuntimeException e) {
            route.close();
            throw new CallFailed(Failure.NOT_APPLIED, describe(e));
        }
        try {
            Object reply;
            try {
                reply = client.evalsha(sha, keys, args);
            } catch (JedisNoScriptException e) { // not cached yet (or Redis restarted): EVAL caches it
                reply = client.eval(source, keys, args);
            }
            return reply instanceof List<?> l ? l : List.of(reply == null ? "" : reply);
        } catch (JedisConnectionException | JedisClusterOperationException e) {
            route.close(); // sent, or maybe sent (a cluster call tries twice): its effect is unknown
            throw new CallFailed(Failure.IN_DOUBT, describe(e));
        } catch (RuntimeException e) { // an error reply (OOM, NOPERM, READONLY…): the script did not run
            if (isFailover(e)) {
                route.close(); // the next call looks the node up again: the new master by then
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

    /** Looks names up off the worker: a resolver that hangs costs a call its timeout, not the system's. */
    private static final ExecutorService DNS = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alertmail-dns");
        t.setDaemon(true);
        return t;
    });

    /**
     * Resolves {@code host} within {@code timeoutMillis} (the JVM caches the answer, so the client's
     * own lookup right after is immediate); an address literal needs none.
     *
     * @throws IllegalStateException when the lookup fails or takes longer
     */
    static void lookUpWithin(String host, int timeoutMillis) {
        if (host.indexOf(':') >= 0 || host.matches("[0-9.]+")) {
            return; // an IPv6 or IPv4 literal: no name has a colon
        }
        Future<InetAddress[]> lookup = DNS.submit(() -> InetAddress.getAllByName(host));
        try {
            lookup.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new IllegalStateException("looking up " + host + " took longer than " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot look up " + host + " (" + e.getCause() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up " + host);
        }
    }

    /** The failure in words: the exception's type and message, with the URI's password masked. */
    private String describe(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && chain.size() < 4; t = t.getCause()) {
            chain.add(t);
            if (t.getCause() == null && t.getSuppressed().length > 0) {
                chain.add(t.getSuppressed()[0]); // a cluster's "no more attempts" keeps the reason here
            }
        }
        StringBuilder b = new StringBuilder();
        for (Throwable t : chain) {
            if (b.length() > 400) {
                break;
            }
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
        route.close();
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
