package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.AlertCounters;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ScriptedSmtpServer;
import dev.alertmail.testing.ScriptedSmtpServer.Received;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Outages, throttling, refusals, stalls and floods, on loopback with the scripted server. */
class ReliabilityTest {

    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) errors? in (\\d+) incidents?", Pattern.MULTILINE);

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private LogbackHarness app(int port, String... props) {
        Map<String, String> p = new HashMap<>();
        p.put("smtpPort", Integer.toString(port));
        for (int i = 0; i < props.length; i += 2) {
            p.put(props[i], props[i + 1]);
        }
        return new LogbackHarness("logback/reliability.xml", p, clock);
    }

    private static void errors(Logger log, int n) {
        for (int i = 0; i < n; i++) {
            log.error("Order {} failed", i, dev.alertmail.testing.Failures.fromSiteA(i));
        }
    }

    /** Events reported by the emails the server accepted ("N errors in M incidents"). */
    private static long deliveredEvents(ScriptedSmtpServer server) {
        long n = 0;
        for (Received r : server.received()) {
            if (r.reply().startsWith("250")) {
                Matcher m = SUMMARY.matcher(decodedText(r.data()));
                assertTrue(m.find(), r.data());
                n += Long.parseLong(m.group(1));
            }
        }
        return n;
    }

    private static String decodedText(String rawMime) {
        try {
            jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(
                    null, new java.io.ByteArrayInputStream(rawMime.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return dev.alertmail.testing.Mails.text(m);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> keys(ScriptedSmtpServer server) {
        return server.received().stream()
                .map(r -> r.header("Resend-Idempotency-Key"))
                .toList();
    }

    @Test
    void serverDownAtStartThenUpDeliversOnceWithTheFullCount() throws Exception {
        int port = ScriptedSmtpServer.unusedPort();
        try (LogbackHarness app = app(port)) {
            errors(app.logger("com.shop.Orders"), 500);
            app.advance(Duration.ofSeconds(10)); // connection refused
            AlertCounters c = app.appender().getEngine().counters();
            assertEquals(1, c.emailsRetried());
            errors(app.logger("com.shop.Orders"), 250); // keeps counting during the outage

            try (ScriptedSmtpServer server = ScriptedSmtpServer.plainOn(port)) {
                app.advance(Duration.ofSeconds(2)); // the retry
                assertEquals(1, server.received().size());
                assertEquals(500, deliveredEvents(server), "the email as it was built");
                app.close(); // the 250 events since go into the last email
                assertEquals(2, server.received().size());
                assertEquals(750, deliveredEvents(server));
                assertEquals(2, c.emailsSent());
            }
        }
    }

    @Test
    void fourFiftyOneTwiceThenOkIsOneEmailWithTheSameKeyOnAllThreeAttempts() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.plain()
                        .replyToData("451 4.3.0 Try again later", "451 4.3.0 Try again later");
                LogbackHarness app = app(server.port())) {
            errors(app.logger("com.shop.Orders"), 10);
            clock.advance(Duration.ofSeconds(10));
            for (int i = 0; i < 3; i++) {
                app.runDueWork();
                clock.advance(Duration.ofSeconds(5));
            }
            assertEquals(3, server.received().size());
            assertEquals(
                    1, keys(server).stream().distinct().count(), keys(server).toString());
            assertEquals(
                    1, server.received().stream().map(Received::data).distinct().count(), "identical bytes");
            AlertCounters c = app.appender().getEngine().counters();
            assertEquals(1, c.emailsSent());
            assertEquals(2, c.emailsRetried());
        }
    }

    @Test
    void authFailureIsOneStatusErrorAndNoRetryStorm() throws Exception {
        String key = "re_reliability_wrong_key_77";
        try (ScriptedSmtpServer server = ScriptedSmtpServer.plain().requireAuth("resend", "re_right_key");
                LogbackHarness app = app(server.port(), "smtpPassword", key)) {
            errors(app.logger("com.shop.Orders"), 10);
            app.advance(Duration.ofSeconds(10));
            for (int i = 0; i < 5; i++) {
                app.advance(Duration.ofMinutes(1));
            }
            assertEquals(1, server.connections(), "no retry after 535");
            AlertCounters c = app.appender().getEngine().counters();
            assertEquals(1, c.emailsFailed());
            assertEquals(0, c.emailsRetried());
            assertEquals(
                    1,
                    app.errors().stream()
                            .filter(e -> e.contains("authentication rejected"))
                            .count());
            assertFalse(app.statusText().contains(key));

            errors(app.logger("com.shop.Orders"), 1); // the appender keeps running
            assertEquals(11, c.events());
        }
    }

    /**
     * Issue #19, finding 1: Angus reports any failure during AUTH (EOF, a read timeout) as an
     * AuthenticationFailedException; only a 5xx reply means a wrong key. A connection cut right
     * after AUTH, twice, is retried with the same key and the alert delivered once.
     */
    @Test
    void aConnectionCutDuringAuthIsRetriedWithTheSameKeyNotDroppedAsAWrongKey() throws Exception {
        String key = "re_cut_auth_key_31";
        try (ScriptedSmtpServer server =
                        ScriptedSmtpServer.plain().requireAuth("resend", key).cutAuth(2);
                LogbackHarness app = app(server.port(), "smtpPassword", key)) {
            errors(app.logger("com.shop.Orders"), 4);
            app.advance(Duration.ofSeconds(10)); // cut after AUTH
            for (int i = 0; i < 4 && server.delivered().isEmpty(); i++) {
                app.advance(Duration.ofMinutes(1)); // cut again, then delivered
            }
            AlertCounters c = app.appender().getEngine().counters();
            String status = app.statusText();
            assertEquals(1, server.delivered().size(), status);
            assertEquals(4, deliveredEvents(server));
            assertEquals(0, c.emailsFailed(), status);
            assertEquals(2, c.emailsRetried(), status);
            assertEquals(3, server.connections());
            assertFalse(status.contains("check the API key"), status);
            assertFalse(status.contains(key), "the key must never appear in a status message");
        }
    }

    /** A read timeout during AUTH is no verdict on the key either. */
    @Test
    void aTimeoutDuringAuthIsRetriedNotDroppedAsAWrongKey() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.plain()
                        .requireAuth("resend", "re_reliability_key")
                        .stallAuth(1);
                LogbackHarness app = app(server.port(), "timeout", "300ms")) {
            errors(app.logger("com.shop.Orders"), 2);
            app.advance(Duration.ofSeconds(10)); // AUTH gets no answer within the timeout
            app.advance(Duration.ofMinutes(1));
            AlertCounters c = app.appender().getEngine().counters();
            String status = app.statusText();
            assertEquals(1, server.delivered().size(), status);
            assertEquals(0, c.emailsFailed(), status);
            assertEquals(1, c.emailsRetried(), status);
            assertFalse(status.contains("check the API key"), status);
        }
    }

    @Test
    void permanentRecipientRejectionIsDroppedAndCounted() throws Exception {
        try (ScriptedSmtpServer server =
                        ScriptedSmtpServer.plain().replyToData("550 5.7.1 The example.com domain is not verified");
                LogbackHarness app = app(server.port())) {
            errors(app.logger("com.shop.Orders"), 3);
            app.advance(Duration.ofSeconds(10));
            app.advance(Duration.ofMinutes(10));
            assertEquals(1, server.received().size());
            assertEquals(1, app.appender().getEngine().counters().emailsFailed());
            assertTrue(app.statusText().contains("550 5.7.1 The example.com domain is not verified"), app.statusText());
        }
    }

    @Test
    void concurrentRequestWithTheSameKeyIsRetriedAndDeliveredOnce() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.plain()
                        .replyToData(
                                "451 4.3.0 concurrent_idempotent_requests: another request with this key is in progress");
                LogbackHarness app = app(server.port())) {
            errors(app.logger("com.shop.Orders"), 2);
            app.advance(Duration.ofSeconds(10));
            app.advance(Duration.ofSeconds(2));
            assertEquals(2, server.received().size());
            assertEquals(1, keys(server).stream().distinct().count());
            assertEquals(1, app.appender().getEngine().counters().emailsSent());
        }
    }

    @Test
    void aStalledServerTimesOutAndIsRetried() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.plain().stall();
                LogbackHarness app = app(server.port(), "timeout", "500ms", "shutdownTimeout", "1s")) {
            errors(app.logger("com.shop.Orders"), 2);
            app.advance(Duration.ofSeconds(10)); // blocks at most ~timeout on the worker thread, never on ours
            AlertCounters c = app.appender().getEngine().counters();
            assertEquals(1, c.emailsRetried());
            assertTrue(app.statusText().contains("retrying"), app.statusText());
        }
    }

    @Test
    void stopWithTheServerDownReturnsWithinShutdownTimeoutAndReportsTheLoss() throws Exception {
        int port = ScriptedSmtpServer.unusedPort();
        LogbackHarness app = app(port, "shutdownTimeout", "1s");
        errors(app.logger("com.shop.Orders"), 42);
        long start = System.nanoTime();
        app.close();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 5_000, "stop took " + tookMs + " ms"); // generous bound: 1 s + scheduling slack
        String errors = String.join("\n", app.errors());
        assertTrue(errors.contains("not delivered"), errors);
        assertTrue(errors.contains("42 events"), errors);
    }

    @Test
    void aMillionDistinctFingerprintsStayBoundedAndAreAllCounted() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.plain();
                LogbackHarness app = app(server.port(), "maxIncidents", "1000")) {
            Logger log = app.logger("com.shop.Flood");
            for (int i = 0; i < 1_000_000; i++) {
                log.error("distinct failure " + letters(i)); // a new sentence each time, templated: the worst case
            }
            assertEquals(1_000_000, app.appender().getEngine().counters().events());
            assertTrue(app.appender().getEngine().incidentsTracked() <= 1000);
            app.advance(Duration.ofSeconds(10));
            assertEquals(1, server.received().size());
            String text = decodedText(server.received().get(0).data());
            assertTrue(text.startsWith("1000000 errors in 1001 incidents"), text.substring(0, 80));
            assertTrue(
                    text.contains("More distinct errors than maxIncidents (1000)"),
                    "the overflow incident is reported");
        }
    }

    @Test
    void theMailLibrariesAndAlertmailItselfNeverReEnter() {
        try (LogbackHarness app = app(1, "shutdownTimeout", "200ms")) {
            app.logger("jakarta.mail.Transport").error("boom");
            app.logger("org.eclipse.angus.mail.smtp.SMTPTransport").error("boom");
            app.logger("dev.alertmail.AlertEngine").error("boom");
            app.logger("com.shop.Orders").error("counted");
            assertEquals(1, app.appender().getEngine().counters().events());
        }
    }

    @Test
    void hourlyCapHoldsBackAndTheNextEmailSaysSo() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.plain();
                LogbackHarness app = app(server.port(), "maxEmailsPerHour", "1")) {
            Logger log = app.logger("com.shop.Orders");
            log.error("first");
            app.advance(Duration.ofSeconds(10));
            log.error("second");
            app.advance(Duration.ofMinutes(5));
            assertEquals(1, server.received().size(), "the cap holds the second email");
            assertEquals(1, app.appender().getEngine().counters().emailsHeldBack());
            app.advance(Duration.ofHours(1));
            assertEquals(2, server.received().size());
            String text = decodedText(server.received().get(1).data());
            assertTrue(text.contains("rate limit held back 1 email"), text);
            assertTrue(text.contains("second"), text);
        }
    }

    /** A number as letters (0 = "a", 26 = "ba"): a different word, not a value a template would replace. */
    private static String letters(int n) {
        StringBuilder b = new StringBuilder();
        do {
            b.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return b.reverse().toString();
    }
}
