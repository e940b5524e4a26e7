package com.example.shop;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Three replicas of the checkout service in JVMs of their own share one error storm, twice: each
 * mailing on its own, then as one fleet through a local redis-server (Debian package redis-server).
 * Everything on loopback: an embedded SMTP server (GreenMail) receives the emails.
 *
 * <p>Run from the repository root: mvn -B -q install -DskipTests && mvn -B -q -f examples/pom.xml -Pfleet compile exec:exec
 */
public final class FleetDemo {

    private FleetDemo() {}

    public static void main(String[] args) throws Exception {
        String redisServer = find("redis-server");
        if (redisServer == null) {
            System.err.println(
                    "[fleet] redis-server is not installed: apt-get install redis-server (or brew install redis)");
            System.exit(2);
        }
        int redisPort = freePort();
        Path dir = Files.createTempDirectory("alertmail-fleet-demo");
        Process redis = new ProcessBuilder(
                        redisServer,
                        "--port",
                        Integer.toString(redisPort),
                        "--bind",
                        "127.0.0.1",
                        "--dir",
                        dir.toString(),
                        "--save",
                        "",
                        "--appendonly",
                        "yes",
                        "--loglevel",
                        "warning")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        try {
            awaitPort(redisPort);
            Result alone = round("");
            Result fleet = round("redis://127.0.0.1:" + redisPort);
            System.out.printf(
                    "[fleet] 3 replicas, each alone: %d emails announcing %d of %d errors"
                            + " (through Resend, the replicas' different payloads under one key would be refused)%n",
                    alone.emails, alone.announced, alone.logged);
            System.out.printf(
                    "[fleet] 3 replicas as one fleet (redisUri): %d emails announcing %d of %d errors%n",
                    fleet.emails, fleet.announced, fleet.logged);
            if (fleet.announced != fleet.logged) {
                throw new IllegalStateException("the fleet lost or repeated events");
            }
        } finally {
            redis.destroyForcibly().waitFor();
        }
    }

    private record Result(int emails, long announced, long logged) {}

    /** One storm over three replica JVMs, into a fresh embedded SMTP server. */
    private static Result round(String redisUri) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            List<Process> replicas = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                ProcessBuilder pb = new ProcessBuilder(
                                Paths.get(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider",
                                "-cp",
                                System.getProperty("java.class.path"),
                                FleetReplica.class.getName(),
                                "examples/fleet-logback.xml",
                                Integer.toString(i))
                        .redirectErrorStream(true);
                Map<String, String> env = pb.environment();
                env.remove("RESEND_API_KEY");
                env.put("ALERT_SMTP_HOST", "127.0.0.1");
                env.put("ALERT_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
                env.put("ALERT_SMTP_SECURITY", "NONE");
                env.put("REPLICA", "replica-" + i);
                env.put("REDIS_URI", redisUri);
                replicas.add(pb.start());
            }
            long logged = 0;
            for (Process p : replicas) {
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("LOGGED ")) {
                            logged += Long.parseLong(line.substring(7).trim());
                        }
                    }
                }
                p.waitFor();
            }
            long announced = 0;
            MimeMessage[] received = smtp.getReceivedMessages();
            for (MimeMessage m : received) {
                String[] h = m.getHeader("X-Alertmail-Events");
                announced += h == null ? 0 : Long.parseLong(h[0]);
            }
            return new Result(received.length, announced, logged);
        } finally {
            smtp.stop();
        }
    }

    private static String find(String binary) {
        for (String d :
                System.getenv().getOrDefault("PATH", "/usr/bin:/usr/local/bin").split(File.pathSeparator)) {
            File f = new File(d, binary);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50); // redis-server starting up
            }
        }
        throw new IOException("redis-server did not start");
    }
}
