package dev.alertmail.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real Redis Sentinel setup (Debian package {@code redis-server}): a master, one replica and three
 * sentinels (quorum 2, {@code down-after-milliseconds} 1 s, {@code failover-timeout} 3 s), each
 * process on a free loopback port in its own temporary folder; the data nodes keep every write on
 * disk before they answer. Each sentinel's {@code sentinel.conf} stays in its folder, where the
 * sentinel rewrites it. A test that needs it fails, never skips, when Redis is not installed.
 */
public final class RedisSentinels implements AutoCloseable {

    /** The name the sentinels monitor the master under. */
    public static final String MASTER_NAME = "mymaster";

    private final Path base;
    private final Map<Integer, RedisNode> data = new LinkedHashMap<>();
    private final Map<Integer, RedisNode> sentinels = new LinkedHashMap<>();

    private RedisSentinels(Path base) {
        this.base = base;
    }

    /**
     * Starts the master, the replica and the sentinels, and waits until the replica's link is up and
     * every sentinel names the master, knows the replica and the two other sentinels.
     */
    public static RedisSentinels start() throws IOException {
        RedisSentinels s = new RedisSentinels(Files.createTempDirectory("alertmail-sentinel"));
        try {
            List<Integer> ports = RedisNode.freePorts(5);
            int master = ports.get(0);
            s.startData(master, List.of());
            int replica = ports.get(1);
            s.startData(replica, List.of("--replicaof", "127.0.0.1", Integer.toString(master)));
            RedisNode.await(
                    "the replica on " + replica + " is linked to its master on " + master,
                    () -> {
                        try (Jedis j = s.client(replica)) {
                            return j.info("replication").contains("master_link_status:up");
                        }
                    },
                    s::diagnostics);
            for (int p : ports.subList(2, 5)) {
                s.startSentinel(p, master);
            }
            RedisNode.await(
                    "every sentinel names the master on " + master + ", knows the replica and the 2 other sentinels",
                    () -> {
                        for (int p : s.sentinels.keySet()) {
                            try (Jedis j = s.client(p)) {
                                if (!List.of("127.0.0.1", Integer.toString(master))
                                                .equals(j.sentinelGetMasterAddrByName(MASTER_NAME))
                                        || j.sentinelReplicas(MASTER_NAME).isEmpty()
                                        || j.sentinelSentinels(MASTER_NAME).size() != 2) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    },
                    s::diagnostics);
            return s;
        } catch (IOException | RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    private void startData(int port, List<String> more) throws IOException {
        Path dir = Files.createDirectory(base.resolve(Integer.toString(port)));
        List<String> args = RedisNode.dataNode(port, dir);
        args.addAll(more);
        data.put(port, RedisNode.start(port, Set.of(port), dir, args));
    }

    private void startSentinel(int port, int masterPort) throws IOException {
        Path dir = Files.createDirectory(base.resolve("sentinel-" + port));
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "port " + port,
                        "bind 127.0.0.1",
                        "protected-mode no",
                        "daemonize no",
                        "loglevel notice",
                        "dir " + dir,
                        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                        "sentinel failover-timeout " + MASTER_NAME + " 3000",
                        "sentinel parallel-syncs " + MASTER_NAME + " 1",
                        ""));
        sentinels.put(port, RedisNode.start(port, Set.of(port), dir, List.of(conf.toString(), "--sentinel")));
    }

    /** {@code redis-sentinel://127.0.0.1:s1,127.0.0.1:s2,127.0.0.1:s3#mymaster}. */
    public String uri() {
        return sentinelPorts().stream()
                .map(p -> "127.0.0.1:" + p)
                .collect(Collectors.joining(",", "redis-sentinel://", "#" + MASTER_NAME));
    }

    /** The sentinels' ports, in the order they started. */
    public List<Integer> sentinelPorts() {
        return List.copyOf(sentinels.keySet());
    }

    /** The ports of the master and the replica as they started (the sentinels may have swapped their roles since). */
    public List<Integer> dataPorts() {
        return List.copyOf(data.keySet());
    }

    /** The master's port, as a running sentinel names it now ({@code SENTINEL get-master-addr-by-name}). */
    public int masterPort() {
        for (RedisNode s : sentinels.values()) {
            if (s.alive()) {
                try (Jedis j = s.client()) {
                    return Integer.parseInt(
                            j.sentinelGetMasterAddrByName(MASTER_NAME).get(1));
                }
            }
        }
        throw new IllegalStateException("no sentinel is running");
    }

    /**
     * Kills the current master like {@code kill -9}.
     *
     * @return its port, for {@link #awaitFailover(int)}
     */
    public int killMaster() {
        int port = masterPort();
        RedisNode master = data.get(port);
        if (master == null) {
            throw new IllegalStateException(
                    "the sentinels name " + port + ", not a node of this setup: " + data.keySet());
        }
        master.kill();
        return port;
    }

    /**
     * Waits until every running sentinel names another master than {@code oldMasterPort} and that
     * node answers {@code ROLE} master.
     *
     * @return the new master's port
     */
    public int awaitFailover(int oldMasterPort) throws IOException {
        int[] promoted = {-1};
        RedisNode.await(
                "the sentinels name a master other than " + oldMasterPort + " and it says ROLE master",
                () -> {
                    Integer named = null;
                    for (RedisNode s : sentinels.values()) {
                        if (!s.alive()) {
                            continue;
                        }
                        try (Jedis j = s.client()) {
                            int p = Integer.parseInt(
                                    j.sentinelGetMasterAddrByName(MASTER_NAME).get(1));
                            if (p == oldMasterPort || (named != null && named != p)) {
                                return false;
                            }
                            named = p;
                        }
                    }
                    RedisNode node = named == null ? null : data.get(named);
                    if (node == null || !node.alive()) {
                        return false;
                    }
                    try (Jedis j = node.client()) {
                        if (!"master".equals(RedisNode.role(j))) {
                            return false;
                        }
                    }
                    promoted[0] = named;
                    return true;
                },
                this::diagnostics);
        return promoted[0];
    }

    /** A client for the master, the replica or a sentinel on {@code port}. */
    public Jedis client(int port) {
        RedisNode n = data.containsKey(port) ? data.get(port) : sentinels.get(port);
        if (n == null) {
            throw new IllegalArgumentException("no process of this setup on " + port);
        }
        return n.client();
    }

    private String diagnostics() {
        StringBuilder s = new StringBuilder();
        for (RedisNode n : sentinels.values()) {
            if (n.alive()) {
                try (Jedis j = n.client()) {
                    s.append("\n--- sentinel ")
                            .append(n.port)
                            .append(": master ")
                            .append(j.sentinelGetMasterAddrByName(MASTER_NAME))
                            .append(", replicas ")
                            .append(j.sentinelReplicas(MASTER_NAME))
                            .append(", sentinels ")
                            .append(j.sentinelSentinels(MASTER_NAME).size());
                } catch (JedisException e) {
                    s.append("\n--- sentinel ").append(n.port).append(": ").append(e);
                }
            }
            s.append(n.logTail());
        }
        data.values()
                .forEach(n -> s.append(n.alive() ? "" : "\n--- " + n.port + " was killed")
                        .append(n.logTail()));
        return s.toString();
    }

    /** Kills every process and deletes their folders. */
    @Override
    public void close() throws IOException {
        List<RedisNode> all = new ArrayList<>(sentinels.values()); // the sentinels first: no failover while stopping
        all.addAll(data.values());
        RedisNode.closeAll(all, base);
    }
}
