package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.status.Status;
import dev.alertmail.internal.engine.TestEngines;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ScriptedSmtpServer;
import dev.alertmail.testing.ScriptedSmtpServer.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;

/**
 * A seeded, reproducible fault model: random streams of errors over fingerprints, clock advances,
 * wall-clock steps backwards (NTP), server faults (down, 421, 451, a stall, a connection cut
 * during AUTH, a permanent refusal, Resend's idempotency refusals), stops and restarts of the
 * appender in one process, and kills (the next life adopts the journal: what was pending, the
 * emails built and not yet sent), through a real logback.xml against a server with Resend's semantics
 * that requires AUTH. Whatever happens:
 *
 * <ul>
 *   <li>every counted event is in exactly one delivered email, or in a status line that reports it
 *       lost (or deduplicated by a peer) with its count;
 *   <li>no email is delivered twice;
 *   <li>one process never sends two different payloads under one key.
 * </ul>
 *
 * A failure names its seed; {@code -Dalertmail.seed=N} runs that seed alone.
 */
class FaultModelTest {

    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) errors? in \\d+ incidents?");
    private static final Pattern NOT_DELIVERED = Pattern.compile("\\(\\d+ incidents, (\\d+) events not delivered\\)");
    private static final Pattern NEVER_MAILED = Pattern.compile("(\\d+) events were counted but never made it");
    private static final Pattern DEDUPLICATED =
            Pattern.compile("counted as deduplicated \\(\\d+ incidents, (\\d+) events\\)");

    static Stream<Long> seeds() {
        String one = System.getProperty("alertmail.seed");
        return one != null
                ? Stream.of(Long.parseLong(one))
                : LongStream.range(1, 9).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyCountedEventIsMailedOnceOrReportedLost(long seed) throws Exception {
        Random random = new Random(seed);
        MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
        List<String> statuses = new ArrayList<>();
        long counted = 0;
        long logged = 0;
        try (ScriptedSmtpServer server =
                ScriptedSmtpServer.plain().resend().requireAuth("resend", "re_reliability_key")) {
            Map<String, String> props = new HashMap<>(Map.of(
                    "smtpPort",
                    Integer.toString(server.port()),
                    "timeout",
                    "200ms",
                    "shutdownTimeout",
                    "500ms",
                    "maxEmailsPerHour",
                    "1000"));
            LogbackHarness app = new LogbackHarness("logback/reliability.xml", props, clock);
            boolean down = false;
            for (int step = 0; step < 60; step++) {
                if (down && random.nextInt(4) == 0) { // an outage lasts a few steps
                    server.up();
                    down = false;
                }
                int action = random.nextInt(100);
                if (action < 35) {
                    Logger log = app.logger("com.shop.Service");
                    int n = 1 + random.nextInt(20);
                    int kind = random.nextInt(2);
                    for (int i = 0; i < n; i++) {
                        log.error("Failure kind " + kind + " for order {}", i, new IllegalStateException("order " + i));
                    }
                    logged += n;
                } else if (action < 63) {
                    app.advance(Duration.ofSeconds(1 + random.nextInt(40)));
                } else if (action < 69) {
                    server.replyToData(
                            random.nextBoolean()
                                    ? "451 4.3.0 Try again later"
                                    : "451 4.7.0 concurrent_idempotent_requests: another request with this key is in progress");
                } else if (action < 73) {
                    server.greet("421 4.3.2 Service not available");
                } else if (action < 76) {
                    server.stallConnections(1);
                } else if (action < 78) {
                    server.replyToData("550 5.7.1 The example.com domain is not verified");
                } else if (action < 80) {
                    server.replyToData(
                            "550 5.7.0 invalid_idempotent_request: this key was used with a different payload");
                } else if (action < 82) {
                    server.down();
                    down = true;
                } else if (action < 85) {
                    server.cutAuth(
                            1 + random.nextInt(2)); // the connection ends right after AUTH: no verdict on the key
                } else if (action < 87) {
                    // NTP steps the wall clock back (by hours after a VM resumes); no time passes
                    clock.stepWallClock(Duration.ofMinutes(-1 - random.nextInt(360)));
                    app.runDueWork();
                } else if (action < 93) { // stop (flush) and start again, as a deploy or reconfiguration does
                    counted += app.engine().counters().events();
                    app.close();
                    statuses.addAll(errorsAndInfos(app));
                    app = new LogbackHarness("logback/reliability.xml", props, clock);
                } else if (action < 96) { // killed right after a tick (kill -9): the next life adopts its journal
                    app.runDueWork();
                    counted += app.engine().counters().events();
                    statuses.addAll(errorsAndInfos(app));
                    TestEngines.crash(app.engine());
                    app = new LogbackHarness("logback/reliability.xml", props, clock);
                } else {
                    app.advance(Duration.ofMinutes(5 + random.nextInt(60)));
                }
            }
            server.up();
            // A last burst, and the wall clock stepped back (1 to 6 h) while it waits for groupWait: a restart may
            // have flushed what earlier steps could have held, this one stays with the engine to the end.
            int n = 1 + random.nextInt(20);
            for (int i = 0; i < n; i++) {
                app.logger("com.shop.Service")
                        .error("Failure kind 2 for order {}", i, new IllegalStateException("late"));
            }
            logged += n;
            clock.advance(Duration.ofSeconds(random.nextInt(10)));
            clock.stepWallClock(Duration.ofMinutes(-60 - random.nextInt(300)));
            // The server is back: within 80 minutes of time that really passed (more than repeatInterval, the longest
            // backoff and groupWait), everything counted so far is delivered or reported, without a stop. A wall clock
            // stepped back on the way must not have held any of it.
            for (int i = 0; i < 16; i++) { // each tick sends at most maxEmailsPerSecond (2) of a full outbox (16)
                app.advance(Duration.ofMinutes(5));
            }
            long countedBeforeStop = counted + app.engine().counters().events();
            List<String> beforeStop = new ArrayList<>(statuses);
            beforeStop.addAll(errorsAndInfos(app));
            long deliveredBeforeStop = delivered(server);
            long reportedBeforeStop = sum(NOT_DELIVERED, beforeStop) + sum(DEDUPLICATED, beforeStop);
            counted += app.engine().counters().events();
            app.close();
            statuses.addAll(errorsAndInfos(app));

            String context =
                    "seed " + seed + " (rerun with -Dalertmail.seed=" + seed + ")\n" + String.join("\n", statuses);
            assertEquals(
                    countedBeforeStop,
                    deliveredBeforeStop + reportedBeforeStop,
                    "80 minutes after the server came back, delivered " + deliveredBeforeStop + " + reported "
                            + reportedBeforeStop + ", " + context);
            assertEquals(logged, counted, "every event counted, " + context);
            long delivered = 0;
            Set<String> deliveredKeys = new HashSet<>();
            for (Received r : server.delivered()) {
                Matcher m = SUMMARY.matcher(Mails.text(r.parse()));
                assertTrue(m.find(), context);
                delivered += Long.parseLong(m.group(1));
                assertTrue(deliveredKeys.add(r.header("Resend-Idempotency-Key")), "delivered twice: " + context);
            }
            Map<String, Set<String>> payloads = new HashMap<>();
            for (Received r : server.received()) {
                payloads.computeIfAbsent(r.header("Resend-Idempotency-Key"), k -> new HashSet<>())
                        .add(r.data());
            }
            payloads.forEach((key, p) -> assertEquals(1, p.size(), "two payloads under " + key + ", " + context));
            assertTrue(
                    statuses.stream().noneMatch(l -> l.contains("check the API key")),
                    "the key is right: a cut during AUTH is no verdict on it, " + context);
            long reported = sum(NOT_DELIVERED, statuses) + sum(NEVER_MAILED, statuses) + sum(DEDUPLICATED, statuses);
            assertEquals(
                    counted,
                    delivered + reported,
                    "delivered " + delivered + " + reported " + reported + ", " + context);
        }
    }

    private static long delivered(ScriptedSmtpServer server) throws Exception {
        long n = 0;
        for (Received r : server.delivered()) {
            Matcher m = SUMMARY.matcher(Mails.text(r.parse()));
            n += m.find() ? Long.parseLong(m.group(1)) : 0;
        }
        return n;
    }

    private static List<String> errorsAndInfos(LogbackHarness app) {
        return app.statuses().stream()
                .filter(s -> s.getLevel() != Status.WARN)
                .map(Status::getMessage)
                .toList();
    }

    private static long sum(Pattern p, List<String> lines) {
        long n = 0;
        for (String l : lines) {
            Matcher m = p.matcher(l);
            while (m.find()) {
                n += Long.parseLong(m.group(1));
            }
        }
        return n;
    }
}
