package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.status.Status;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ScriptedSmtpServer;
import dev.alertmail.testing.ScriptedSmtpServer.Received;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * Resend's quotas through a real logback.xml: {@code maxEmailsPerDay} holds emails back like the hourly
 * cap, and a refusal for the spent daily quota waits for the reset (midnight UTC) and is reported once.
 */
class QuotaTest {

    private static final String QUOTA_REFUSAL =
            "550 5.7.0 daily_quota_exceeded: You have reached your daily email sending quota.";

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private LogbackHarness app(int port, String... props) {
        Map<String, String> p = new java.util.HashMap<>();
        p.put("smtpPort", Integer.toString(port));
        for (int i = 0; i < props.length; i += 2) {
            p.put(props[i], props[i + 1]);
        }
        return new LogbackHarness("logback/quota.xml", p, clock);
    }

    private static String text(Received r) {
        try {
            return Mails.text(r.parse());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> accepted(ScriptedSmtpServer server) {
        return server.received().stream()
                .filter(r -> r.reply().startsWith("250"))
                .map(QuotaTest::text)
                .toList();
    }

    /** Status lines containing {@code part}, each of which must be a WARN. */
    private static long warnings(LogbackHarness app, String part) {
        List<Status> matching = app.statuses().stream()
                .filter(s -> s.getMessage().contains(part))
                .toList();
        matching.forEach(s -> assertEquals(Status.WARN, s.getLevel(), s.getMessage()));
        return matching.size();
    }

    @Test
    void maxEmailsPerDayHoldsBackAndTheNextEmailSaysSo() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.plain().resend();
                LogbackHarness app = app(server.port(), "maxEmailsPerDay", "2")) {
            Logger log = app.logger("com.shop.Orders");
            log.error("first");
            app.advance(Duration.ofSeconds(10));
            log.error("second");
            app.advance(Duration.ofHours(2));
            assertEquals(2, server.received().size());
            log.error("third");
            app.advance(Duration.ofHours(2));
            app.advance(Duration.ofHours(10));
            assertEquals(2, server.received().size(), "a third email within 24 hours waits");
            assertEquals(1, app.appender().getEngine().counters().emailsHeldBack());
            assertEquals(1, warnings(app, "maxEmailsPerDay (2) reached"), app.statusText());
            assertTrue(app.statusText().contains("incidents keep counting"), app.statusText());
            log.error("third"); // still counting while held
            app.advance(Duration.ofHours(10)); // 24 h after the first email
            List<String> mails = accepted(server);
            assertEquals(3, mails.size());
            String last = mails.get(2);
            assertTrue(last.contains("rate limit held back 1 email"), last);
            assertTrue(last.contains("third"), last);
            assertTrue(last.contains("2 errors in 1 incident"), last);
        }
    }

    @Test
    void resendsDailyQuotaRefusalWaitsForMidnightUtcAndIsReportedOnce() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.plain().resend().replyToData(QUOTA_REFUSAL);
                LogbackHarness app = app(server.port())) {
            Logger log = app.logger("com.shop.Orders");
            log.error("first");
            app.advance(Duration.ofSeconds(10)); // 10:00:10 UTC: refused, the quota is spent
            assertEquals(1, server.received().size());
            String status = app.statusText();
            assertEquals(1, warnings(app, "daily sending quota is used up"), status);
            assertTrue(status.contains("resets at 2026-11-26T00:00:00Z"), status);
            assertTrue(status.contains(QUOTA_REFUSAL), "the raw reply is kept: " + status);
            log.error("second");
            for (int h = 0; h < 13; h++) {
                app.advance(Duration.ofHours(1));
                log.error("second");
            }
            app.advance(Duration.ofMinutes(59)); // 23:59:10 UTC
            assertEquals(1, server.received().size(), "no attempt before the quota resets");
            assertEquals(1, warnings(app, "daily sending quota is used up"), "reported once: " + app.statusText());
            assertEquals(0, app.errors().size(), app.errors().toString());

            app.advance(Duration.ofMinutes(1)); // 00:00:10 UTC: the quota is back
            List<String> mails = accepted(server);
            assertEquals(2, mails.size(), "the refused email, then one with what counted meanwhile");
            assertTrue(mails.get(0).contains("first"), mails.get(0));
            assertTrue(mails.get(1).contains("second"), mails.get(1));
            assertTrue(mails.get(1).contains("14 errors in 1 incident"), mails.get(1));
            assertEquals(0, app.errors().size(), app.errors().toString());
        }
    }
}
