package dev.alertmail.fleet;

import static dev.alertmail.fleet.FleetTest.announced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.testing.RedisServer;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.ScriptedSmtpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Replicas in JVMs of their own against one real redis-server, killed for real. Real time: the
 * lease (10 s) and the timers run on the clock, so these tests take seconds each.
 */
class FleetProcessesTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final List<Member> members = new ArrayList<>();
    private RedisServer redis;

    /** A replica's JVM and what it printed. */
    static final class Member {
        final String host;
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Member(String host, Process process) {
            this.host = host;
            this.process = process;
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader r = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String l; (l = r.readLine()) != null; ) {
                                lines.add(l);
                            }
                        } catch (IOException ignored) {
                            // the process is gone
                        }
                    },
                    "member-output-" + host);
            reader.setDaemon(true);
            reader.start();
        }

        /** The first printed line that starts with {@code prefix}, within the time given. */
        String await(String prefix, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (String l; System.nanoTime() < deadline; ) {
                l = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (l != null && l.startsWith(prefix)) {
                    return l;
                }
            }
            throw new AssertionError(host + " printed no " + prefix + " within " + seconds + " s");
        }

        void stop() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write("stop\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
    }

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Member m : members) {
            m.process.destroyForcibly();
        }
        redis.close();
    }

    private Member start(
            int smtpPort, String redisUri, String host, long seed, int events, long spreadMillis, String... props)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Djava.net.preferIPv4Stack=true",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), // this test's journals, no other's
                "-cp",
                System.getProperty("java.class.path"),
                FleetMemberMain.class.getName(),
                Integer.toString(smtpPort),
                redisUri,
                host,
                Long.toString(seed),
                Integer.toString(events),
                Long.toString(spreadMillis)));
        cmd.addAll(List.of(props));
        Member m = new Member(
                host, new ProcessBuilder(cmd).redirectErrorStream(true).start());
        members.add(m);
        return m;
    }

    private static long logged(Member m) throws InterruptedException {
        return Long.parseLong(m.await("LOGGED ", 60).substring("LOGGED ".length()));
    }

    private long fleetCount() {
        long n = 0;
        try (Jedis j = redis.client()) {
            for (String key : j.keys("*:count")) {
                for (String v : j.hvals(key)) {
                    n += Long.parseLong(v);
                }
            }
        }
        return n;
    }

    private void awaitFleetCount(long expected, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (fleetCount() < expected) {
            assertTrue(System.nanoTime() < deadline, "the fleet counted " + fleetCount() + " of " + expected);
            Thread.sleep(50); // other processes publish on their own ticks
        }
    }

    private void assertAnnouncedOnce(long logged) throws Exception {
        MimeMessage[] delivered = smtp.getReceivedMessages();
        assertEquals(logged, announced(delivered), "every event announced exactly once");
        assertEquals(0, smtp.server().refusedAsDifferentPayload(), "never two payloads under one key");
        Set<String> keys = new HashSet<>();
        for (MimeMessage m : delivered) {
            assertTrue(keys.add(m.getHeader("Resend-Idempotency-Key")[0]), "no duplicate delivery");
        }
    }

    @Test
    void sixReplicasInTheirOwnJvmsMailLikeOneProcess() throws Exception {
        try (ScriptedSmtpServer alone = ScriptedSmtpServer.plain().resend()) {
            Member one = start(alone.port(), "", "solo", 1, 240, 4_000);
            List<Member> fleet = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                fleet.add(start(smtp.port(), redis.uri(), "replica-" + i, i, 40, 4_000));
            }
            long logged = 0;
            for (Member m : fleet) {
                logged += logged(m);
            }
            long singleLogged = logged(one);
            for (Member m : fleet) {
                m.stop();
                assertTrue(m.await("STOPPED", 60).equals("STOPPED "), "no status errors");
            }
            one.stop();
            one.await("STOPPED", 60);
            int single = alone.messages().length;
            MimeMessage[] delivered = smtp.getReceivedMessages();
            System.out.println("[fleet] six JVMs: " + delivered.length + " emails for " + logged
                    + " events; one JVM with the same traffic: " + single + " emails");
            assertEquals(singleLogged, logged);
            assertTrue(delivered.length <= Math.ceil(1.25 * single), delivered.length + " vs " + single);
            assertAnnouncedOnce(logged);
        }
    }

    @Test
    void theMailerIsKilledAndAnotherMemberTakesOver() throws Exception {
        List<Member> fleet = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            fleet.add(start(smtp.port(), redis.uri(), "replica-" + i, i, 30, 500, "groupWait=2s"));
        }
        long logged = 0;
        for (Member m : fleet) {
            logged += logged(m);
        }
        awaitFleetCount(logged, 30); // every event counted before the kill is in Redis
        String lease;
        try (Jedis j = redis.client()) {
            lease = j.get(j.keys("*:lease").iterator().next());
        }
        assertNotNull(lease);
        Member victim = fleet.stream()
                .filter(m -> lease.startsWith(m.host + "/"))
                .findFirst()
                .orElseThrow();
        victim.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9: no flush, no goodbye
        fleet.remove(victim);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (announced(smtp.getReceivedMessages()) < logged && System.nanoTime() < deadline) {
            Thread.sleep(100); // the lease expires (10 s), a survivor takes over and mails
        }
        for (Member m : fleet) {
            m.stop();
            m.await("STOPPED", 60);
        }
        assertAnnouncedOnce(logged);
    }

    @Test
    void aMemberKilledDuringGroupWaitIsMailedAfterItRestarts() throws Exception {
        Member first = start(smtp.port(), redis.uri(), "replica-1", 1, 25, 200, "groupWait=4s");
        long logged = logged(first);
        awaitFleetCount(logged, 30);
        first.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertEquals(0, smtp.getReceivedMessages().length, "killed inside groupWait: nothing mailed yet");
        Member again = start(smtp.port(), redis.uri(), "replica-1", 2, 0, 0, "groupWait=4s");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (smtp.getReceivedMessages().length == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100); // the old lease expires, the restarted member takes it and mails
        }
        again.stop();
        again.await("STOPPED", 60);
        assertAnnouncedOnce(logged);
    }
}
