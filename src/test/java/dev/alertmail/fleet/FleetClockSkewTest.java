package dev.alertmail.fleet;

import static dev.alertmail.fleet.FleetTest.announced;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.RedisServer;
import dev.alertmail.testing.ResendSmtp;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Members whose wall clocks disagree by ±30 s share one storm. Redis keeps wall-clock times that
 * every member reads (first and last seen, when an incident was mailed, the fleet's last email),
 * and membership runs on Redis's own clock: a skewed member is neither gone early nor kept as a
 * ghost, and the mailer's timers never run backwards. Each member stops in turn, the mailer first,
 * so the lease moves to a member with another clock mid-storm.
 */
class FleetClockSkewTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    @Test
    void membersThirtySecondsApartAnnounceEveryErrorOnce() throws Exception {
        List<MutableClock> clocks = List.of(
                MutableClock.at("2026-11-25T10:00:00Z"),
                MutableClock.at("2026-11-25T10:00:30Z"),
                MutableClock.at("2026-11-25T09:59:30Z"));
        List<LogbackHarness> members = new ArrayList<>();
        long logged = 0;
        try (RedisServer redis = RedisServer.start()) {
            for (int i = 0; i < clocks.size(); i++) {
                members.add(new LogbackHarness(
                        "logback/fleet.xml",
                        Map.of(
                                "smtpPort",
                                Integer.toString(smtp.port()),
                                "redisUri",
                                redis.uri(),
                                "host",
                                "replica-" + (i + 1)),
                        clocks.get(i)));
            }
            Random random = new Random(30);
            List<LogbackHarness> running = new ArrayList<>(members);
            for (int step = 0; step < 150; step++) {
                clocks.forEach(c -> c.advance(Duration.ofMillis(200)));
                for (int burst = random.nextInt(4); burst > 0; burst--) {
                    int n = 1 + random.nextInt(5);
                    FleetTest.log(running.get(random.nextInt(running.size())), random.nextInt(3), n);
                    logged += n;
                }
                running.forEach(LogbackHarness::runDueWork);
                if (step == 70 || step == 110) { // the mailer stops: a member with another clock takes over
                    LogbackHarness mailer = running.stream()
                            .filter(m -> m.engine().fleet().role().equals("mailer"))
                            .findFirst()
                            .orElseThrow();
                    mailer.close();
                    running.remove(mailer);
                }
            }
            running.forEach(LogbackHarness::close);
        }
        MimeMessage[] delivered = smtp.getReceivedMessages();
        long announced = announced(delivered);
        System.out.println("[fleet] clocks ±30 s apart, the mailer stopped twice: " + delivered.length
                + " emails announcing " + announced + " of " + logged + " events");
        assertThat(announced).as("every event once").isEqualTo(logged);
        assertThat(smtp.server().refusedAsDifferentPayload()).isZero();
        Set<String> keys = new HashSet<>();
        for (MimeMessage m : delivered) {
            assertThat(keys.add(m.getHeader("Resend-Idempotency-Key")[0])).isTrue();
        }
        for (LogbackHarness m : members) {
            assertThat(m.statusText()).doesNotContain("went back").doesNotContain("was lost");
        }
    }
}
