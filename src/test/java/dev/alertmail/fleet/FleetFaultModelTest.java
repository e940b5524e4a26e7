package dev.alertmail.fleet;

import static dev.alertmail.fleet.FleetTest.announced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The randomized fault model with a fleet: three members through logback.xml, one real
 * redis-server and a Resend-semantics SMTP server; at random, errors, time, Redis killed /
 * restarted / stalled, SMTP down / 451, and members restarted. Whatever happened, once everything
 * is back and the members stop: every event was announced exactly once, and no key ever carried
 * two payloads.
 */
class FleetFaultModelTest {

    private static final Pattern EVENTS = Pattern.compile("(\\d+) events");

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void everyEventAnnouncedExactlyOnce(long seed) throws Exception {
        Random random = new Random(seed);
        MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
        List<String> story = new ArrayList<>();
        long logged = 0;
        List<String> errors = new ArrayList<>();
        try (RedisServer redis = RedisServer.start()) {
            List<LogbackHarness> members = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                members.add(member(redis, i, clock));
            }
            boolean redisUp = true;
            boolean smtpUp = true;
            boolean stalledOnce = false;
            try {
                for (int step = 0; step < 50; step++) {
                    int roll = random.nextInt(100);
                    if (roll < 45) {
                        int n = 1 + random.nextInt(5);
                        FleetTest.log(members.get(random.nextInt(3)), random.nextInt(FleetTest.KINDS.length), n);
                        logged += n;
                    } else if (roll < 65) {
                        clock.advance(Duration.ofMillis(200 + random.nextInt(3_000)));
                    } else if (roll < 72) {
                        if (redisUp) {
                            redis.kill();
                            story.add(step + ": redis killed");
                        } else {
                            redis.restart();
                            story.add(step + ": redis restarted");
                        }
                        redisUp = !redisUp;
                    } else if (roll < 75 && redisUp && !stalledOnce) {
                        stalledOnce = true;
                        story.add(step + ": redis stalled for one tick");
                        redis.stall();
                        try {
                            members.forEach(LogbackHarness::runDueWork);
                        } finally {
                            redis.resume();
                        }
                    } else if (roll < 82) {
                        if (smtpUp) {
                            smtp.server().down();
                        } else {
                            smtp.server().up();
                        }
                        smtpUp = !smtpUp;
                        story.add(step + ": smtp " + (smtpUp ? "up" : "down"));
                    } else if (roll < 86) {
                        smtp.server().replyToData("451 4.3.0 Temporary failure, try again");
                        story.add(step + ": smtp 451 once");
                    } else if (roll < 92) {
                        int i = random.nextInt(3);
                        members.get(i).close();
                        errors.addAll(members.get(i).errors());
                        members.set(i, member(redis, i, clock));
                        story.add(step + ": member " + i + " restarted");
                    }
                    clock.advance(Duration.ofMillis(200));
                    members.forEach(LogbackHarness::runDueWork);
                }
                if (!redisUp) {
                    redis.restart();
                }
                smtp.server().up();
                // 80 s pass for Redis too: a member that stopped while Redis was down (it could not leave) is
                // gone once its heartbeat is older than the window on Redis's own clock, which only real time moves
                Thread.sleep(3_500); // the heartbeat window is 3 s
                for (int i = 0; i < 40; i++) { // everything back: backoffs run out, retries go through
                    clock.advance(Duration.ofSeconds(2));
                    members.forEach(LogbackHarness::runDueWork);
                }
            } finally {
                members.forEach(LogbackHarness::close);
                members.forEach(m -> errors.addAll(m.errors()));
            }
            MimeMessage[] delivered = smtp.getReceivedMessages();
            long lost = 0;
            long unconfirmed = 0;
            for (String e : errors) {
                Matcher m = EVENTS.matcher(e);
                if (m.find()) {
                    if (e.contains("handed to Redis")) {
                        unconfirmed += Long.parseLong(m.group(1)); // announced by the fleet if Redis kept them
                    } else {
                        lost += Long.parseLong(m.group(1));
                    }
                }
            }
            long announced = announced(delivered);
            long mayRepeat = FleetTest.mayRepeat(delivered); // said in the emails that may repeat them
            story.add("errors: " + errors);
            assertTrue(
                    announced + lost <= logged + mayRepeat && logged <= announced + lost + unconfirmed,
                    "announced " + announced + " (" + mayRepeat + " said to maybe repeat) + reported lost " + lost
                            + " (+ " + unconfirmed + " unconfirmed) vs " + logged + " logged; story: " + story);
            assertEquals(0, smtp.server().refusedAsDifferentPayload(), "story: " + story);
            Set<String> keys = new HashSet<>();
            for (MimeMessage m : delivered) {
                assertTrue(keys.add(m.getHeader("Resend-Idempotency-Key")[0]), "no duplicate; story: " + story);
            }
        }
    }

    private LogbackHarness member(RedisServer redis, int i, MutableClock clock) {
        return new LogbackHarness(
                "logback/fleet.xml",
                Map.of("smtpPort", Integer.toString(smtp.port()), "redisUri", redis.uri(), "host", "replica-" + i),
                clock);
    }
}
