package dev.alertmail.fleet;

import static dev.alertmail.fleet.FleetTest.announced;
import static dev.alertmail.fleet.FleetTest.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.RedisServer;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.ScriptedSmtpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis misbehaving under a fleet (rule 6): each member mails alone what it has not handed over,
 * says so once (WARN) and once when Redis is back (INFO), and every event is announced exactly once.
 */
class FleetFaultsTest {

    private static final Pattern LOST = Pattern.compile("(\\d+) events");

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final List<LogbackHarness> apps = new ArrayList<>();
    private final List<RedisServer> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        apps.forEach(LogbackHarness::close);
        for (RedisServer r : servers) {
            r.close();
        }
    }

    private RedisServer redis(String... options) throws Exception {
        RedisServer r = RedisServer.start(options);
        servers.add(r);
        return r;
    }

    private List<LogbackHarness> members(int n, String redisUri) {
        smtp.expectReplicas(); // members mailing alone may repeat a peer's incident: a refusal is not a loss
        List<LogbackHarness> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            LogbackHarness app = new LogbackHarness(
                    "logback/fleet.xml",
                    Map.of("smtpPort", Integer.toString(smtp.port()), "redisUri", redisUri, "host", "replica-" + i),
                    clock);
            apps.add(app);
            out.add(app);
        }
        return out;
    }

    /** Some seconds of a random storm over the members, every member ticking every 200 ms. */
    private long storm(List<LogbackHarness> members, Random random, int steps) {
        long logged = 0;
        for (int step = 0; step < steps; step++) {
            clock.advance(Duration.ofMillis(200));
            int n = random.nextInt(4);
            if (n > 0) {
                log(members.get(random.nextInt(members.size())), random.nextInt(FleetTest.KINDS.length), n);
                logged += n;
            }
            members.forEach(LogbackHarness::runDueWork);
        }
        return logged;
    }

    private static int count(String text, String phrase) {
        int n = 0;
        for (int i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) {
            n++;
        }
        return n;
    }

    /** Every event in a delivered email, or in an error line that names its count. */
    private long announcedOrReportedLost(List<LogbackHarness> members) throws Exception {
        long n = announced(smtp.getReceivedMessages());
        for (LogbackHarness m : members) {
            for (String e : m.errors()) {
                Matcher x = LOST.matcher(e);
                if (x.find()) {
                    n += Long.parseLong(x.group(1));
                }
            }
        }
        return n;
    }

    private void assertOneWarnAndOneInfo(List<LogbackHarness> members, boolean back) {
        for (LogbackHarness m : members) {
            String status = m.statusText();
            assertEquals(1, count(status, "does not answer"), status);
            assertEquals(back ? 1 : 0, count(status, "answers again"), status);
        }
    }

    /** The members stop; every event logged is in exactly one delivered email, no status error, no key reused. */
    private void stopAndAssertAnnouncedOnce(List<LogbackHarness> members, long logged) throws Exception {
        for (LogbackHarness m : members) {
            m.close();
        }
        assertEquals(logged, announced(smtp.getReceivedMessages()), "announced exactly once");
        assertEquals(0, smtp.server().refusedAsDifferentPayload());
        members.forEach(m -> assertTrue(m.errors().isEmpty(), m.errors().toString()));
    }

    @Test
    void redisKilledMidStormThenRestarted() throws Exception {
        RedisServer redis = redis();
        List<LogbackHarness> members = members(3, redis.uri());
        Random random = new Random(7);
        long logged = storm(members, random, 20);
        redis.kill();
        logged += storm(members, random, 25);
        redis.restart();
        logged += storm(members, random, 25);
        assertOneWarnAndOneInfo(members, true);
        stopAndAssertAnnouncedOnce(members, logged);
    }

    @Test
    void aBlipShorterThanALeaseSendsNoEmailOfAMembersOwn() throws Exception {
        RedisServer redis = redis();
        List<LogbackHarness> members = members(3, redis.uri());
        Random random = new Random(17);
        long logged = storm(members, random, 20);
        int before = smtp.getReceivedMessages().length;
        redis.kill();
        logged += storm(members, random, 30); // 6 s without Redis: within the grace (a lease, 10 s)
        assertEquals(before, smtp.getReceivedMessages().length, "nobody mails alone during a blip");
        redis.restart();
        logged += storm(members, random, 30);
        System.out.println(
                "[fleet] a 6 s Redis blip: " + smtp.getReceivedMessages().length + " emails, no member's own");
        assertOneWarnAndOneInfo(members, true);
        stopAndAssertAnnouncedOnce(members, logged);
    }

    @Test
    void redisStalledAcceptsButNeverAnswersThenResumes() throws Exception {
        RedisServer redis = redis();
        List<LogbackHarness> members = members(2, redis.uri());
        Random random = new Random(11);
        long logged = storm(members, random, 15);
        redis.stall();
        try {
            logged += storm(members, random, 15); // each call gives up after 1 s; then the members back off
        } finally {
            redis.resume();
        }
        clock.advance(Duration.ofSeconds(10));
        logged += storm(members, random, 30);
        assertOneWarnAndOneInfo(members, true);
        stopAndAssertAnnouncedOnce(members, logged);
    }

    @Test
    void wrongPasswordMailsAloneAndNeverPrintsThePassword() throws Exception {
        RedisServer redis = redis("--requirepass", "right-horse-battery");
        // as docs/fleet.md advises: the password in a variable whose name says so, which Logback never prints
        java.nio.file.Path xml = java.nio.file.Files.createTempFile("fleet-password", ".xml");
        java.nio.file.Files.writeString(
                xml,
                new String(
                                getClass()
                                        .getClassLoader()
                                        .getResourceAsStream("logback/fleet.xml")
                                        .readAllBytes(),
                                java.nio.charset.StandardCharsets.UTF_8)
                        .replace("${redisUri}", "redis://:${REDIS_PASSWORD}@127.0.0.1:${redisPort}"));
        smtp.expectReplicas();
        LogbackHarness app = LogbackHarness.fromFile(
                xml,
                Map.of(
                        "smtpPort",
                        Integer.toString(smtp.port()),
                        "REDIS_PASSWORD",
                        "wrong-horse-battery",
                        "redisPort",
                        Integer.toString(redis.port()),
                        "host",
                        "replica-1"),
                clock);
        apps.add(app);
        List<LogbackHarness> members = List.of(app);
        long logged = storm(members, new Random(3), 20);
        assertOneWarnAndOneInfo(members, false);
        String status = members.get(0).statusText();
        assertTrue(status.contains("WRONGPASS") || status.contains("invalid"), status);
        members.get(0).close();
        for (String line : members.get(0).statusText().split("\n")) {
            assertFalse(line.contains("wrong-horse-battery"), "the password is masked: " + line);
        }
        assertTrue(members.get(0).statusText().contains("redis://****@127.0.0.1:" + redis.port()));
        assertEquals(logged, announced(smtp.getReceivedMessages()));
    }

    @Test
    void redisOutOfMemoryRefusesWritesThenRecovers() throws Exception {
        RedisServer redis = redis();
        List<LogbackHarness> members = members(2, redis.uri());
        Random random = new Random(5);
        long logged = storm(members, random, 15);
        try (var admin = redis.client()) {
            admin.configSet("maxmemory-policy", "noeviction");
            admin.configSet("maxmemory", "1");
        }
        logged += storm(members, random, 20);
        String status = members.get(0).statusText() + members.get(1).statusText();
        assertTrue(status.contains("OOM"), status);
        try (var admin = redis.client()) {
            admin.configSet("maxmemory", "0");
        }
        clock.advance(Duration.ofSeconds(10));
        logged += storm(members, random, 30);
        assertOneWarnAndOneInfo(members, true);
        stopAndAssertAnnouncedOnce(members, logged);
    }

    @Test
    void unreachableAtStartIsAWarningAndTheMemberMailsAlone() throws Exception {
        int nobody = ScriptedSmtpServer.unusedPort();
        List<LogbackHarness> members = members(1, "redis://127.0.0.1:" + nobody);
        assertTrue(members.get(0).alertsRunning(), "an unreachable Redis does not stop the appender");
        long logged = storm(members, new Random(9), 20);
        members.get(0).close();
        assertOneWarnAndOneInfo(members, false);
        assertEquals(logged, announced(smtp.getReceivedMessages()));
        assertTrue(members.get(0).errors().isEmpty(), members.get(0).errors().toString());
    }

    @Test
    void redisGoingBackToAnOlderStateIsSaidOnce() throws Exception {
        RedisServer redis = redis();
        List<LogbackHarness> members = members(1, redis.uri());
        storm(members, new Random(13), 10);
        try (var admin = redis.client()) { // what a restore from an older snapshot does to what a member handed over
            admin.keys("*:seq:*").forEach(k -> admin.set(k, "1"));
        }
        storm(members, new Random(14), 10);
        String status = members.get(0).statusText();
        assertEquals(1, count(status, "went back (restored from an older snapshot?)"), status);
    }
}
