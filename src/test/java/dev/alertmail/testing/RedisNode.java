package dev.alertmail.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One {@code redis-server} process of {@link RedisCluster} or {@link RedisSentinels}: its own
 * temporary folder (data, log, a sentinel's config), a free loopback port, killed like {@code
 * kill -9}. Also the polling and the free ports both fixtures share.
 */
final class RedisNode {

    /** How long a fixture waits for Redis to agree on something: generous, CI is a busy 2-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Ports handed to a node of this JVM and not yet given back: two fixtures never pick the same one. */
    private static final Set<Integer> TAKEN = new HashSet<>();

    final int port;
    final Path dir;
    private final List<String> command;
    private final Set<Integer> ports;
    private Process process;

    private RedisNode(int port, Path dir, List<String> command, Set<Integer> ports) {
        this.port = port;
        this.dir = dir;
        this.command = command;
        this.ports = ports;
    }

    /**
     * Starts {@code redis-server} and waits until it answers PING.
     *
     * @param ports the ports this node holds ({@code port} and, for a cluster node, its bus port),
     *     given back on {@link #close()}
     * @param args the options after the binary; a sentinel's config file comes first
     */
    static RedisNode start(int port, Set<Integer> ports, Path dir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary("redis-server"));
        command.addAll(args);
        RedisNode node = new RedisNode(port, dir, command, ports);
        try {
            node.launch();
        } catch (IOException | RuntimeException | Error e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** {@code n} distinct free loopback ports, none held by another node of this JVM. */
    static List<Integer> freePorts(int n) throws IOException {
        List<Integer> ports = new ArrayList<>();
        synchronized (TAKEN) {
            while (ports.size() < n) {
                int p = ScriptedSmtpServer.unusedPort();
                if (TAKEN.add(p)) {
                    ports.add(p);
                }
            }
        }
        return ports;
    }

    /**
     * What every test's redis-server runs with: loopback only, its data in {@code dir}, every write
     * on disk before it answers (a kill and restart keep the state), a replica synced at once.
     */
    static List<String> dataNode(int port, Path dir) {
        return new ArrayList<>(List.of(
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--repl-diskless-sync-delay", // a replica syncs at once, not after 5 s waiting for others
                "0",
                "--protected-mode",
                "no",
                "--daemonize",
                "no",
                "--loglevel",
                "notice"));
    }

    /** Kills every node, then deletes {@code base}, their folders' parent; a failure to stop one is thrown at the end. */
    static void closeAll(java.util.Collection<RedisNode> all, Path base) throws IOException {
        IOException failed = null;
        for (RedisNode n : new ArrayList<>(all)) {
            try {
                n.close();
            } catch (IOException e) {
                failed = e;
            }
        }
        try (var files = java.nio.file.Files.walk(base)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        }
        if (failed != null) {
            throw failed;
        }
    }

    static String binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        File debian = new File("/usr/bin", name);
        if (debian.canExecute()) {
            return debian.getPath();
        }
        throw new AssertionError(
                name + " is not installed: the Redis cluster and sentinel tests need a real Redis."
                        + " Install the Debian package (apt-get install redis-server, which brings redis-tools); .ci/run does.");
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("redis.log").toFile()))
                .start();
        await(
                "redis-server on " + port + " answers PING",
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("redis-server on " + port + " exited: " + logTail());
                    }
                    try (Jedis j = new Jedis("127.0.0.1", port, 1_000)) {
                        return "PONG".equals(j.ping());
                    }
                },
                this::logTail);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Like {@code kill -9}: no shutdown, no last save. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("redis-server on " + port + " outlived kill -9");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Jedis client() {
        return new Jedis("127.0.0.1", port, 5_000);
    }

    /** The first word of {@code ROLE}: master, slave or sentinel. */
    static String role(Jedis j) {
        Object r = j.role().get(0);
        return r instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(r);
    }

    /** The last lines of this node's log, for a failure message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("redis.log"));
            return "\n--- redis.log of " + port + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "\n--- no redis.log of " + port + ": " + e;
        }
    }

    /** Kills the process, deletes its folder and gives its ports back. */
    void close() throws IOException {
        try {
            kill();
        } finally {
            synchronized (TAKEN) {
                TAKEN.removeAll(ports);
            }
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** A condition on Redis that may fail to connect or answer while it is not yet true. */
    interface Check {
        boolean holds() throws IOException;
    }

    /**
     * Polls, every 20 ms and for at most {@link #PATIENCE}, until {@code check} holds: Redis
     * processes converge on their own timers, not on a thread of ours. A Jedis error counts as not
     * yet.
     *
     * @throws AssertionError naming {@code what}, with {@code diagnostics}, at the deadline
     */
    static void await(String what, Check check, Supplier<String> diagnostics) throws IOException {
        long start = System.nanoTime();
        long deadline = start + PATIENCE.toNanos();
        JedisException last = null;
        while (true) {
            try {
                if (check.holds()) {
                    return;
                }
                last = null;
            } catch (JedisException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s until " + what
                        + (last == null ? "" : "; last error: " + last) + diagnostics.get());
            }
            try {
                Thread.sleep(20); // external processes converging: poll, with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting until " + what, e);
            }
        }
    }
}
