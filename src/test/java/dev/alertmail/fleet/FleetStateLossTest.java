package dev.alertmail.fleet;

import static dev.alertmail.fleet.FleetTest.announced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.testing.FleetMembers;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import jakarta.mail.internet.MimeMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fleet's state in Redis lost in the middle of a storm: flushed, one key deleted alone, or
 * Redis killed for good. What is not in a delivered email is in an error line with its count (the
 * mailer's for what it had read, each member's for what it handed over after that, "up to": a
 * member learns of the mailer's reads at its own tick); no event is announced twice and no key
 * carries two payloads.
 */
class FleetStateLossTest {

    private static final Pattern EVENTS = Pattern.compile("(\\d+) events");

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

    private List<LogbackHarness> members(int n) {
        smtp.expectReplicas(); // members mailing alone while Redis is away
        for (int i = 1; i <= n; i++) {
            replicas.member("replica-" + i);
        }
        return replicas.all();
    }

    /** Events named with their count in error lines. */
    private long reportedInErrors() {
        long n = 0;
        for (LogbackHarness m : replicas.all()) {
            for (String e : m.errors()) {
                Matcher x = EVENTS.matcher(e);
                if (x.find()) {
                    n += Long.parseLong(x.group(1));
                }
            }
        }
        return n;
    }

    private void assertAccountedFor(String scenario, long logged, double mailedAtLeast) throws Exception {
        MimeMessage[] delivered = smtp.getReceivedMessages();
        long announced = announced(delivered);
        long reported = reportedInErrors();
        System.out.println("[fleet] " + scenario + ": " + delivered.length + " emails announcing " + announced + " of "
                + logged + " events; " + reported + " in error lines with their count");
        assertTrue(announced <= logged, "no event announced twice: " + announced + " of " + logged);
        assertTrue(announced + reported >= logged, announced + " announced + " + reported + " reported of " + logged);
        assertTrue(announced >= mailedAtLeast * logged, announced + " of " + logged);
        assertEquals(0, smtp.server().refusedAsDifferentPayload(), "no key reused with another payload");
        Set<String> keys = new HashSet<>();
        for (MimeMessage m : delivered) {
            assertTrue(keys.add(m.getHeader("Resend-Idempotency-Key")[0]), "each key delivered once");
        }
    }

    private String status() {
        StringBuilder b = new StringBuilder();
        replicas.all().forEach(m -> b.append(m.statusText()).append('\n'));
        return b.toString();
    }

    @Test
    void flushAllInTheMiddleOfAStorm() throws Exception {
        List<LogbackHarness> members = members(3);
        long logged = FleetTest.storm(members, clock, 61);
        try (var admin = replicas.redis.client()) {
            admin.flushAll();
        }
        logged += FleetTest.storm(members, clock, 62);
        members.forEach(LogbackHarness::close);
        assertAccountedFor("FLUSHALL mid-storm", logged, 0.9);
        assertTrue(status().contains("was lost"), status());
    }

    @ParameterizedTest(name = "DEL :{0}")
    @ValueSource(strings = {"count", "reported", "planner"})
    void oneKeyDeletedAloneIsTheWholeStateLost(String key) throws Exception {
        List<LogbackHarness> members = members(2);
        long logged = FleetTest.storm(members, clock, key.hashCode());
        try (var admin = replicas.redis.client()) {
            admin.keys("*:fleet:*:" + key).forEach(admin::del);
        }
        logged += FleetTest.storm(members, clock, key.hashCode() + 1);
        members.forEach(LogbackHarness::close);
        assertAccountedFor("DEL of :" + key + " mid-storm", logged, 0.9);
        assertTrue(status().contains("was lost"), key + ": " + status());
    }

    @Test
    void redisKilledInTheMiddleOfAStormNeverBack() throws Exception {
        List<LogbackHarness> members = members(3);
        long logged = FleetTest.storm(members, clock, 71);
        replicas.redis.kill();
        logged += FleetTest.storm(members, clock, 72);
        members.forEach(LogbackHarness::close);
        // the mailer Redis left mails its copy of the fleet on its own: only what members handed over
        // after its last read is in ERROR lines
        assertAccountedFor("Redis killed mid-storm, never back", logged, 0.95);
        assertTrue(
                FleetTest.mayRepeat(smtp.getReceivedMessages()) > 0,
                "the copy's emails say the fleet may mail them again");
    }
}
