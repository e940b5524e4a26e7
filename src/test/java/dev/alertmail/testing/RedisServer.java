package dev.alertmail.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}) on a free loopback port, with
 * its data in a temporary folder and every write on disk before it answers (so a kill and restart
 * keep the fleet's state). A test that needs it fails, never skips, when it is not installed.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path dir;
    private final List<String> extra;
    private Process process;

    private RedisServer(int port, Path dir, List<String> extra) throws IOException {
        this.port = port;
        this.dir = dir;
        this.extra = extra;
        this.process = launch();
    }

    /** @param extra more {@code redis-server} options, e.g. {@code "--requirepass", "s3cret"} */
    public static RedisServer start(String... extra) throws IOException {
        return new RedisServer(
                ScriptedSmtpServer.unusedPort(), Files.createTempDirectory("alertmail-redis"), List.of(extra));
    }

    private Process launch() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(RedisNode.binary("redis-server"));
        cmd.addAll(RedisNode.dataNode(port, dir));
        cmd.addAll(extra);
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) { // a process starting up, not a thread of ours: poll until it listens
            if (!p.isAlive()) {
                throw new IOException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        p.destroyForcibly();
        throw new IOException("redis-server did not listen on " + port);
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Like {@code kill -9}: no shutdown, no last save (every write is already on disk). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public void restart() throws IOException {
        process = launch();
    }

    /** {@code SIGSTOP}: connections are still accepted by the kernel, and nothing ever answers. */
    public void stall() throws IOException, InterruptedException {
        signal("-STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String sig) throws IOException, InterruptedException {
        new ProcessBuilder("kill", sig, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor(5, TimeUnit.SECONDS);
    }

    /** A client for what a test sets up or inspects (the product's own client, Jedis). */
    public Jedis client() {
        return new Jedis("127.0.0.1", port, 5_000);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        }
    }
}
