package dev.alertmail.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real Redis Cluster (Debian package {@code redis-server}): {@code masters × (1 + replicas)}
 * cluster-enabled {@code redis-server}s on free loopback ports (each with a free cluster-bus port),
 * each in its own temporary folder with every write on disk before it answers, joined by {@code
 * redis-cli --cluster create}. Node timeout 2 s, so a killed master's replica is promoted after
 * about 3 s. A test that needs it fails, never skips, when Redis is not installed.
 */
public final class RedisCluster implements AutoCloseable {

    /** {@code cluster-node-timeout}: a master silent this long is failed and its replica promoted. */
    public static final int NODE_TIMEOUT_MS = 2_000;

    private final Path base;
    private final Map<Integer, RedisNode> nodes = new LinkedHashMap<>();

    private RedisCluster(Path base) {
        this.base = base;
    }

    /**
     * Starts the nodes, creates the cluster and waits until every node says {@code
     * cluster_state:ok}, every node sees the same masters, replicas and slots, and every replica's
     * link to its master is up.
     *
     * @param masters at least 3 ({@code redis-cli --cluster create} refuses fewer)
     */
    public static RedisCluster start(int masters, int replicasPerMaster) throws IOException {
        if (masters < 3 || replicasPerMaster < 0) {
            throw new IllegalArgumentException(
                    "Redis Cluster needs at least 3 masters: " + masters + " × (1 + " + replicasPerMaster + ")");
        }
        RedisCluster cluster = new RedisCluster(Files.createTempDirectory("alertmail-cluster"));
        try {
            int count = masters * (1 + replicasPerMaster);
            List<Integer> ports = RedisNode.freePorts(2 * count);
            for (int i = 0; i < count; i++) {
                cluster.startNode(ports.get(2 * i), ports.get(2 * i + 1));
            }
            List<String> create = new ArrayList<>(List.of(RedisNode.binary("redis-cli"), "--cluster", "create"));
            cluster.nodes.keySet().forEach(p -> create.add("127.0.0.1:" + p));
            create.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerMaster), "--cluster-yes"));
            cluster.redisCli(create);
            cluster.awaitStateOk();
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private RedisNode startNode(int port, int busPort) throws IOException {
        Path dir = Files.createDirectory(base.resolve(Integer.toString(port)));
        RedisNode node = RedisNode.start(
                port, Set.of(port, busPort), dir, withCluster(RedisNode.dataNode(port, dir), dir, port, busPort));
        nodes.put(port, node);
        return node;
    }

    private static List<String> withCluster(List<String> args, Path dir, int port, int busPort) {
        args.addAll(List.of(
                "--cluster-port",
                Integer.toString(busPort),
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                dir.resolve("nodes-" + port + ".conf").toString(),
                "--cluster-node-timeout",
                Integer.toString(NODE_TIMEOUT_MS)));
        return args;
    }

    private void redisCli(List<String> command) throws IOException {
        Path log = base.resolve("redis-cli.log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(RedisNode.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(
                        String.join(" ", command) + " did not finish:\n" + Files.readString(log) + diagnostics());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "):\n"
                    + Files.readString(log) + diagnostics());
        }
    }

    /**
     * Starts one more cluster-enabled node, joins it with {@code CLUSTER MEET} and no slots, and
     * waits until it and every other node agree on the cluster ({@code cluster_state:ok} on it
     * too): a seed that owns nothing and answers every key with MOVED.
     *
     * @return its port
     */
    public int addEmptyMaster() throws IOException {
        List<Integer> ports = RedisNode.freePorts(2);
        RedisNode added = startNode(ports.get(0), ports.get(1));
        int member = live().stream().filter(p -> p != added.port).findFirst().orElseThrow();
        try (Jedis j = client(member)) {
            j.sendCommand(
                    Protocol.Command.CLUSTER,
                    "MEET",
                    "127.0.0.1",
                    Integer.toString(added.port),
                    Integer.toString(ports.get(1)));
        }
        awaitStateOk();
        return added.port;
    }

    /** {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,…} with the given nodes as seeds. */
    public static String seedUri(int... ports) {
        if (ports.length == 0) {
            throw new IllegalArgumentException("no seed");
        }
        return Arrays.stream(ports)
                .mapToObj(p -> "127.0.0.1:" + p)
                .collect(Collectors.joining(",", "redis-cluster://", ""));
    }

    /** {@link #seedUri} of every node running now. */
    public String uri() {
        return seedUri(live().stream().mapToInt(Integer::intValue).toArray());
    }

    /** The ports of the nodes running now (masters, replicas, added masters), in the order they started. */
    public List<Integer> ports() {
        return live();
    }

    /** The ports of the running masters that own slots, as a running node sees them now. */
    public List<Integer> masters() {
        return view(anyLive()).stream()
                .filter(e -> e.master() && !e.failed() && !e.slots.isEmpty() && isLive(e.port))
                .map(e -> e.port)
                .sorted()
                .toList();
    }

    /** The ports of the running replicas of the master on {@code masterPort}, as a running node sees them now. */
    public List<Integer> replicasOf(int masterPort) {
        List<Entry> view = view(anyLive());
        String id = view.stream()
                .filter(e -> e.port == masterPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no node on " + masterPort + " in the cluster"))
                .id;
        return view.stream()
                .filter(e -> id.equals(e.masterId) && isLive(e.port))
                .map(e -> e.port)
                .sorted()
                .toList();
    }

    /** The port of the master that owns {@code key}'s slot ({@code CLUSTER KEYSLOT}, then {@code CLUSTER NODES}). */
    public int masterOf(String key) {
        int any = anyLive();
        int slot;
        try (Jedis j = client(any)) {
            slot = (int) j.clusterKeySlot(key);
        }
        return view(any).stream()
                .filter(e -> e.master() && !e.failed() && e.owns(slot))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no master owns slot " + slot + " of " + key + diagnostics()))
                .port;
    }

    /** Like {@code kill -9}: no shutdown, no last save, the other nodes only notice its silence. */
    public void kill(int port) {
        node(port).kill();
    }

    /**
     * Kills the master on {@code masterPort} (like {@code kill -9}) and waits until the cluster
     * failed it and promoted one of its replicas (after {@link #NODE_TIMEOUT_MS} and an election),
     * every running node agrees, and {@code cluster_state:ok} again.
     *
     * @return the port of the promoted replica
     */
    public int killMasterAndAwaitPromotion(int masterPort) throws IOException {
        List<Integer> replicas = replicasOf(masterPort);
        if (replicas.isEmpty()) {
            throw new IllegalStateException("the master on " + masterPort + " has no running replica to promote");
        }
        kill(masterPort);
        int[] promoted = {-1};
        RedisNode.await(
                "a replica of " + masterPort + " " + replicas + " is master on every running node",
                () -> {
                    for (int r : replicas) {
                        if (masterEverywhere(r)) {
                            promoted[0] = r;
                            return true;
                        }
                    }
                    return false;
                },
                this::diagnostics);
        awaitStateOk();
        return promoted[0];
    }

    /**
     * {@code CLUSTER FAILOVER} on the replica on {@code replicaPort} (its master must be running)
     * and waits until it is a master on every running node and {@code cluster_state:ok}.
     */
    public void failover(int replicaPort) throws IOException {
        try (Jedis j = client(replicaPort)) {
            j.clusterFailover();
        }
        RedisNode.await(
                replicaPort + " is master on every running node",
                () -> masterEverywhere(replicaPort),
                this::diagnostics);
        awaitStateOk();
    }

    private boolean masterEverywhere(int port) throws IOException {
        if (!isLive(port)) {
            return false;
        }
        try (Jedis j = client(port)) {
            if (!"master".equals(RedisNode.role(j))) {
                return false;
            }
        }
        for (int n : live()) {
            if (view(n).stream().noneMatch(e -> e.port == port && e.master() && !e.failed() && !e.slots.isEmpty())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until every running node says {@code cluster_state:ok}, knows every other running node
     * as reachable, sees the same masters, replicas and slots as the others, and every running
     * replica's link to its master is up.
     */
    public void awaitStateOk() throws IOException {
        RedisNode.await(
                "every running node says cluster_state:ok and agrees with the others",
                this::settled,
                this::diagnostics);
    }

    private boolean settled() throws IOException {
        List<Integer> live = live();
        String agreed = null;
        for (int n : live) {
            try (Jedis j = client(n)) {
                if (!j.clusterInfo().contains("cluster_state:ok")) {
                    return false;
                }
            }
            List<Entry> view = view(n);
            Map<String, Integer> portOf = new HashMap<>();
            view.forEach(e -> portOf.put(e.id, e.port));
            TreeMap<Integer, String> seen = new TreeMap<>();
            for (Entry e : view) {
                if (!live.contains(e.port)) {
                    continue; // a killed node stays in the table, failed
                }
                if (e.failed() || e.flags.contains("handshake") || e.flags.contains("noaddr")) {
                    return false;
                }
                seen.put(
                        e.port,
                        e.master()
                                ? "master "
                                        + e.slots.stream()
                                                .map(r -> r[0] + "-" + r[1])
                                                .collect(Collectors.joining(","))
                                : "replica of " + portOf.get(e.masterId));
            }
            if (!seen.keySet().containsAll(live)) {
                return false;
            }
            String mine = seen.toString();
            if (agreed == null) {
                agreed = mine;
            } else if (!agreed.equals(mine)) {
                return false;
            }
            boolean replica = view.stream().anyMatch(e -> e.flags.contains("myself") && !e.master());
            if (replica) {
                try (Jedis j = client(n)) {
                    if (!j.info("replication").contains("master_link_status:up")) {
                        return false;
                    }
                }
            }
        }
        return agreed != null;
    }

    /** A client for what a test sets up or inspects on one node (no redirects followed). */
    public Jedis client(int port) {
        node(port); // a port of this cluster
        return new Jedis("127.0.0.1", port, 5_000);
    }

    /** {@code CLUSTER NODES} of the node on {@code port}, as Redis writes it. */
    public String clusterNodes(int port) {
        try (Jedis j = client(port)) {
            return j.clusterNodes();
        }
    }

    private RedisNode node(int port) {
        RedisNode n = nodes.get(port);
        if (n == null) {
            throw new IllegalArgumentException("no node of this cluster on " + port + ": " + nodes.keySet());
        }
        return n;
    }

    private List<Integer> live() {
        return nodes.values().stream().filter(RedisNode::alive).map(n -> n.port).toList();
    }

    private boolean isLive(int port) {
        RedisNode n = nodes.get(port);
        return n != null && n.alive();
    }

    private int anyLive() {
        return live().stream().findFirst().orElseThrow(() -> new IllegalStateException("no node is running"));
    }

    private List<Entry> view(int port) {
        return clusterNodes(port)
                .lines()
                .filter(l -> !l.isBlank())
                .map(Entry::parse)
                .toList();
    }

    private String diagnostics() {
        StringBuilder s = new StringBuilder();
        for (RedisNode n : nodes.values()) {
            if (n.alive()) {
                try {
                    s.append("\n--- CLUSTER NODES of ")
                            .append(n.port)
                            .append(" ---\n")
                            .append(clusterNodes(n.port));
                } catch (JedisException e) {
                    s.append("\n--- CLUSTER NODES of ")
                            .append(n.port)
                            .append(": ")
                            .append(e);
                }
            } else {
                s.append("\n--- ").append(n.port).append(" was killed");
            }
            s.append(n.logTail());
        }
        return s.toString();
    }

    /** Kills every node and deletes their folders. */
    @Override
    public void close() throws IOException {
        RedisNode.closeAll(nodes.values(), base);
    }

    /** One line of {@code CLUSTER NODES}. */
    private record Entry(String id, int port, Set<String> flags, String masterId, List<int[]> slots) {

        static Entry parse(String line) {
            String[] f = line.trim().split(" ");
            String address = f[1];
            int port = Integer.parseInt(
                    address.substring(address.lastIndexOf(':', address.indexOf('@')) + 1, address.indexOf('@')));
            List<int[]> slots = new ArrayList<>();
            for (int i = 8; i < f.length; i++) {
                if (f[i].startsWith("[")) {
                    continue; // a slot being imported or migrated
                }
                int dash = f[i].indexOf('-');
                slots.add(
                        dash < 0
                                ? new int[] {Integer.parseInt(f[i]), Integer.parseInt(f[i])}
                                : new int[] {
                                    Integer.parseInt(f[i].substring(0, dash)),
                                    Integer.parseInt(f[i].substring(dash + 1))
                                });
            }
            return new Entry(f[0], port, Set.of(f[2].split(",")), f[3], slots);
        }

        boolean master() {
            return flags.contains("master");
        }

        boolean failed() {
            return flags.contains("fail") || flags.contains("fail?");
        }

        boolean owns(int slot) {
            return slots.stream().anyMatch(r -> r[0] <= slot && slot <= r[1]);
        }
    }
}
