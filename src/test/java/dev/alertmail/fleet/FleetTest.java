package dev.alertmail.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.testing.FleetMembers;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.ScriptedSmtpServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Members configured from a real logback.xml with {@code <redisUri>}, one JVM, a real
 * {@code redis-server}, and an SMTP server with Resend's idempotency semantics. Time is the test's.
 */
class FleetTest {

    static final String[][] KINDS = {
        {"com.shop.Payments", "Payment {} failed at the gateway"},
        {"com.shop.Stock", "Stock sync failed for warehouse {}"},
        {"com.shop.Mailer", "Receipt {} could not be rendered"},
    };

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private FleetMembers replicas;

    @BeforeEach
    void startRedis() throws Exception {
        replicas = new FleetMembers(smtp.port(), clock);
    }

    @AfterEach
    void stop() throws Exception {
        replicas.close();
    }

    static void log(LogbackHarness app, int kind, int n) {
        for (int i = 0; i < n; i++) {
            app.logger(KINDS[kind][0]).error(KINDS[kind][1], i, new IllegalStateException("declined " + i));
        }
    }

    private static final java.util.regex.Pattern MAY_REPEAT =
            java.util.regex.Pattern.compile("may repeat up to (\\d+) errors already mailed here");

    /**
     * Errors the emails say they may repeat: a mailer that lost Redis mails its copy of the fleet
     * alone, and the fleet mails those counts again if Redis comes back with them.
     */
    static long mayRepeat(MimeMessage[] delivered) throws Exception {
        long n = 0;
        for (MimeMessage m : delivered) {
            java.util.regex.Matcher x = MAY_REPEAT.matcher(dev.alertmail.testing.Mails.text(m));
            if (x.find()) {
                n += Long.parseLong(x.group(1));
            }
        }
        return n;
    }

    static long announced(MimeMessage[] delivered) throws Exception {
        long n = 0;
        for (MimeMessage m : delivered) {
            n += Long.parseLong(m.getHeader("X-Alertmail-Events")[0]);
        }
        return n;
    }

    /** The storm of the issue: three kinds of error at random, 14 s, groupWait 1 s / interval 3 s / repeat 6 s. */
    static long storm(List<LogbackHarness> members, MutableClock clock, long seed) {
        Random random = new Random(seed);
        long logged = 0;
        for (int step = 0; step < 70; step++) {
            clock.advance(Duration.ofMillis(200));
            for (int burst = random.nextInt(4); burst > 0; burst--) {
                int n = 1 + random.nextInt(5);
                log(members.get(random.nextInt(members.size())), random.nextInt(KINDS.length), n);
                logged += n;
            }
            members.forEach(LogbackHarness::runDueWork);
        }
        return logged;
    }

    @Test
    void sixMembersMailLikeOneProcess() throws Exception {
        // one process carrying the same traffic, without Redis: the yardstick
        long single;
        long singleLogged;
        try (ScriptedSmtpServer alone = ScriptedSmtpServer.plain().resend()) {
            LogbackHarness one = new LogbackHarness(
                    "logback/fleet.xml",
                    Map.of("smtpPort", Integer.toString(alone.port()), "redisUri", "", "host", "solo"),
                    clock);
            singleLogged = storm(List.of(one), clock, 42);
            one.close();
            single = alone.messages().length;
            assertEquals(singleLogged, announced(alone.messages()));
        }

        List<LogbackHarness> fleet = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            fleet.add(replicas.member("replica-" + i));
        }
        long logged = storm(fleet, clock, 42);
        for (LogbackHarness m : fleet) {
            m.close(); // the last one mails what the fleet has pending
        }

        MimeMessage[] delivered = smtp.getReceivedMessages();
        System.out.println("[fleet] six members: " + delivered.length + " emails, one process: " + single + " emails, "
                + logged + " events, announced " + announced(delivered));
        assertEquals(singleLogged, logged, "the same traffic");
        assertTrue(
                delivered.length <= Math.ceil(1.25 * single),
                delivered.length + " fleet emails against " + single + " for one process");
        assertEquals(logged, announced(delivered), "every event announced exactly once");
        assertEquals(0, smtp.server().refusedAsDifferentPayload(), "no two payloads under one key");
        Set<String> keys = new HashSet<>();
        for (MimeMessage m : delivered) {
            assertTrue(keys.add(m.getHeader("Resend-Idempotency-Key")[0]), "each key delivered once");
        }
        String text = Mails.text(delivered[0]);
        assertTrue(text.matches("(?s).*hosts:\\s+replica-\\d \\(\\d+\\).*"), text);
        for (LogbackHarness m : fleet) {
            assertTrue(m.errors().isEmpty(), m.errors().toString());
        }
    }

    /** A canary: the email names every release its hosts run, and each host's with its counts. */
    @Test
    void aFleetEmailShowsEachHostsReleaseWhereTheyDiffer() throws Exception {
        LogbackHarness a = replicas.member("replica-1", Map.of("release", "1.4.2"));
        LogbackHarness b = replicas.member("replica-2", Map.of("release", "1.4.2"));
        LogbackHarness canary = replicas.member("canary-1", Map.of("release", "1.5.0-rc1"));
        List<LogbackHarness> fleet = List.of(a, b, canary);
        fleet.forEach(LogbackHarness::runDueWork); // replica-1 ticks first: it mails, as 1.4.2
        log(a, 0, 2);
        log(b, 0, 1);
        log(canary, 0, 3);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMillis(200));
            fleet.forEach(LogbackHarness::runDueWork);
        }
        MimeMessage[] delivered = smtp.getReceivedMessages();
        assertEquals(1, delivered.length);
        String text = Mails.text(delivered[0]);
        assertTrue(
                text.contains("release: 1.4.2, 1.5.0-rc1 (the hosts differ: each host's is in its incidents)"), text);
        assertTrue(text.contains("canary-1 [1.5.0-rc1] (3)"), text);
        assertTrue(text.contains("replica-1 [1.4.2] (2)"), text);
        assertTrue(Mails.html(delivered[0]).contains("canary-1 [1.5.0-rc1] (3)"));
        fleet.forEach(LogbackHarness::close);
    }

    private void leaseLapses() {
        try (var j = replicas.redis.client()) { // what 10 s without a renewal does (a mailer stuck in a long send)
            j.keys("*:lease").forEach(j::del);
        }
    }

    /** Review finding: a mailer that gets the lease back must not trust the copy of the fleet it had. */
    @Test
    void aMailerThatGetsTheLeaseBackReadsTheFleetAfresh() throws Exception {
        LogbackHarness a = replicas.member("replica-a", Map.of());
        LogbackHarness b = replicas.member("replica-b", Map.of());
        log(a, 0, 3);
        a.runDueWork(); // a takes the lease
        b.runDueWork();
        clock.advance(Duration.ofMillis(1_200));
        a.runDueWork(); // mails 3
        leaseLapses();
        log(b, 0, 2);
        b.runDueWork(); // b takes the lease and reads the fleet
        clock.advance(Duration.ofSeconds(7)); // past repeatInterval
        b.runDueWork(); // mails 2
        b.close(); // not the last: gives the lease up
        log(a, 0, 4);
        a.runDueWork(); // a takes the lease again: 4 new events, not 6
        clock.advance(Duration.ofSeconds(7));
        a.runDueWork();
        a.close();
        assertEquals(9, announced(smtp.getReceivedMessages()), "3 + 2 + 4, each once");
        assertEquals(0, smtp.server().refusedAsDifferentPayload());
    }

    /** Review finding: counts that reach an incident the mailer has just retired are not its mailed ones again. */
    @Test
    void anIncidentRetiredAsNewCountsArriveIsNotMailedAgain() throws Exception {
        Map<String, String> quick = Map.of("resolveAfter", "2s");
        LogbackHarness a = replicas.member("replica-a", quick);
        LogbackHarness b = replicas.member("replica-b", quick);
        log(a, 1, 5);
        a.runDueWork();
        clock.advance(Duration.ofMillis(1_200));
        a.runDueWork(); // mails 5
        clock.advance(Duration.ofSeconds(3)); // quiet past resolveAfter
        a.runDueWork(); // retires it
        log(b, 1, 2);
        b.runDueWork(); // publishes 2 more before Redis forgets the incident
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(2));
            a.runDueWork();
            b.runDueWork();
        }
        a.close();
        b.close();
        assertEquals(7, announced(smtp.getReceivedMessages()), "5, then the 2 that came later; none twice");
    }

    /** Review finding: the whole fleet stopping at once (a rollout, SIGTERM everywhere) announces everything. */
    @Test
    void everyMemberStoppingAtOnceLosesNothing() throws Exception {
        List<LogbackHarness> fleet = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            fleet.add(replicas.member("replica-" + i, Map.of()));
        }
        long logged = storm(fleet, clock, 3);
        List<Thread> stopping = new ArrayList<>();
        for (LogbackHarness m : fleet) {
            Thread t = new Thread(m::close);
            stopping.add(t);
            t.start();
        }
        for (Thread t : stopping) {
            t.join(30_000);
        }
        assertEquals(logged, announced(smtp.getReceivedMessages()));
    }
}
