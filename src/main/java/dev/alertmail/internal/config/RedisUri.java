package dev.alertmail.internal.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Where a fleet keeps its shared state, in the URI forms Lettuce uses:
 * {@code redis://[[user]:password@]host[:port][/db]} (one node),
 * {@code redis-cluster://[[user]:password@]host[:port][,host[:port]…]} (seeds of a Redis Cluster),
 * {@code redis-sentinel://[[user]:password@]host[:port][,host[:port]…][/db]#masterName} (the
 * sentinels that name the master); an extra {@code s} ({@code rediss://}, {@code rediss-cluster://},
 * {@code rediss-sentinel://}) for TLS. The password is a secret: {@link #toString} never shows it.
 */
public final class RedisUri {

    /** How the fleet's node is found. */
    public enum Topology {
        /** One address: a standalone Redis, or a name or proxy in front of the current master. */
        STANDALONE("redis"),
        /** Seeds of a Redis Cluster: the node owning the fleet's hash slot is looked up and followed. */
        CLUSTER("redis-cluster"),
        /** Sentinels: the master they name is looked up, and looked up again after a failover. */
        SENTINEL("redis-sentinel");

        private final String scheme;

        Topology(String scheme) {
            this.scheme = scheme;
        }

        int defaultPort() {
            return this == SENTINEL ? 26379 : 6379;
        }
    }

    /** One address: a node, a seed or a sentinel. */
    public record Node(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public final Topology topology;
    public final boolean tls;
    /** The node (standalone), the cluster's seeds, or the sentinels: never empty. */
    public final List<Node> nodes;
    /** The first of {@link #nodes}. */
    public final String host;

    public final int port;
    public final @Nullable String user;
    public final @Nullable String password;
    public final int database;
    /** The master's name in the sentinels' configuration; {@code null} unless {@link Topology#SENTINEL}. */
    public final @Nullable String masterName;

    private RedisUri(
            Topology topology,
            boolean tls,
            List<Node> nodes,
            @Nullable String user,
            @Nullable String password,
            int database,
            @Nullable String masterName) {
        this.topology = topology;
        this.tls = tls;
        this.nodes = List.copyOf(nodes);
        this.host = nodes.get(0).host();
        this.port = nodes.get(0).port();
        this.user = user;
        this.password = password;
        this.database = database;
        this.masterName = masterName;
    }

    private static final String FORMS = "use redis://[[user]:password@]host[:port][/db],"
            + " redis-cluster://host:port[,host:port…] or redis-sentinel://host:port[,host:port…][/db]#masterName"
            + " (rediss…:// for TLS)";

    /** @throws IllegalArgumentException in words that never repeat the password */
    public static RedisUri parse(String text) {
        String s = text.trim();
        int sep = s.indexOf("://");
        String scheme = sep < 0 ? "" : s.substring(0, sep).toLowerCase(Locale.ROOT);
        Topology topology = null;
        boolean tls = false;
        for (Topology t : Topology.values()) {
            String plain = t.scheme;
            String secure = plain.replaceFirst("^redis", "rediss");
            if (scheme.equals(plain) || scheme.equals(secure)) {
                topology = t;
                tls = scheme.equals(secure);
            }
        }
        if (topology == null) {
            throw new IllegalArgumentException("scheme must be redis://, rediss:// (TLS), redis-cluster://,"
                    + " rediss-cluster://, redis-sentinel:// or rediss-sentinel://, was '"
                    + (scheme.isEmpty() ? "none" : scheme) + "'");
        }
        String rest = s.substring(sep + 3);
        String fragment = null;
        int hash = rest.lastIndexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@'); // a raw '@' or '/' in a password stays the password's
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            String rawUser = colon < 0 ? "" : info.substring(0, colon);
            String rawPassword = colon < 0 ? info : info.substring(colon + 1);
            user = rawUser.isEmpty() ? null : percentDecode(rawUser);
            password = rawPassword.isEmpty() ? null : percentDecode(rawPassword);
        }
        int slash = rest.indexOf('/');
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        List<Node> nodes = nodes(slash < 0 ? rest : rest.substring(0, slash), topology);
        int db = database(path, topology);
        if (topology == Topology.STANDALONE && nodes.size() > 1) {
            throw new IllegalArgumentException("lists " + nodes.size() + " hosts: a Redis Cluster's seeds take"
                    + " redis-cluster://, sentinels redis-sentinel://…#masterName");
        }
        if (topology == Topology.SENTINEL && (fragment == null || fragment.isBlank())) {
            throw new IllegalArgumentException(
                    "names no master: redis-sentinel://host:26379[,host:26379…]#masterName (the name the sentinels monitor)");
        }
        if (topology != Topology.SENTINEL && fragment != null) {
            throw new IllegalArgumentException(
                    "has a '#" + fragment + "': a master's name goes with redis-sentinel:// only; " + FORMS);
        }
        return new RedisUri(topology, tls, nodes, user, password, db, topology == Topology.SENTINEL ? fragment : null);
    }

    private static List<Node> nodes(String list, Topology topology) {
        List<Node> nodes = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("has no host: use redis://host:6379; " + FORMS);
            }
            String host = p;
            String portText = null;
            if (p.startsWith("[")) { // an IPv6 literal
                int close = p.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("has an unclosed '[' in '" + p + "'");
                }
                host = p.substring(1, close);
                if (p.length() > close + 1) {
                    if (p.charAt(close + 1) != ':') {
                        throw new IllegalArgumentException("has '" + p + "': use [address]:port");
                    }
                    portText = p.substring(close + 2);
                }
            } else if (p.indexOf(':') >= 0) {
                host = p.substring(0, p.indexOf(':'));
                portText = p.substring(p.indexOf(':') + 1);
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("has no host: use redis://host:6379; " + FORMS);
            }
            int port = topology.defaultPort();
            if (portText != null) {
                try {
                    port = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("port of " + host + " must be 1-65535, was '" + portText + "'");
                }
            }
            nodes.add(new Node(host, port));
        }
        return nodes;
    }

    private static int database(String path, Topology topology) {
        if (path.isEmpty()) {
            return 0;
        }
        if (topology == Topology.CLUSTER) {
            throw new IllegalArgumentException("selects database '" + path
                    + "': a Redis Cluster has database 0 only (no SELECT): remove '/" + path + "'");
        }
        try {
            int db = Integer.parseInt(path);
            if (db < 0) {
                throw new NumberFormatException();
            }
            return db;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("database must be a number: redis://host:6379/0");
        }
    }

    /** {@code redis}, {@code rediss-cluster}, …: what the URI began with, lower case. */
    public String scheme() {
        return tls ? topology.scheme.replaceFirst("^redis", "rediss") : topology.scheme;
    }

    /** The address for status lines: scheme, hosts, database and master, never credentials. */
    @Override
    public String toString() {
        return scheme() + "://" + (password != null || user != null ? "****@" : "")
                + nodes.stream().map(Node::toString).collect(Collectors.joining(","))
                + (database == 0 ? "" : "/" + database)
                + (masterName == null ? "" : "#" + masterName);
    }

    /** {@code %XX} escapes only: a URI's user info keeps {@code +} as it is (URLDecoder would make it a space). */
    private static String percentDecode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // its message quotes the text: the password
            throw new IllegalArgumentException("has a '%' in its user or password that is not a %XX escape");
        }
    }
}
