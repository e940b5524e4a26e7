package dev.alertmail.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.testing.Adapter;
import dev.alertmail.testing.AlertApp;
import dev.alertmail.testing.Failures;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.ScriptedSmtpServer;
import dev.alertmail.testing.TestLog;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What people moving from Logback's SMTPAppender or Log4j2's SmtpAppender look for, through
 * {@code features.xml} on both frameworks: reply-to, the HELO name and Message-ID domain, subject
 * placeholders, markers, the call site, whole messages, quoted addresses, host and release,
 * repeatable redaction.
 */
class MailAppenderParityTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private AlertApp app(Adapter adapter, String... props) {
        Map<String, String> p = new HashMap<>(Map.of("smtpPort", Integer.toString(smtp.port())));
        for (int i = 0; i < props.length; i += 2) {
            p.put(props[i], props[i + 1]);
        }
        return adapter.start("features", p, clock);
    }

    private MimeMessage only() {
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertEquals(1, mails.length);
        return mails[0];
    }

    private static void inThread(String name, Runnable r) throws InterruptedException {
        Thread t = new Thread(r, name);
        t.start();
        t.join();
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void headersSubjectHostReleaseAndTheLogsLink(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter)) {
            inThread("worker-1", () -> {
                app.mdc("tenant", "acme");
                app.log("com.shop.Checkout").error("Order {} failed", 7, Failures.fromSiteA(7));
                app.mdc("tenant", null);
            });
            app.advance(Duration.ofSeconds(10));
        }
        MimeMessage mail = only();
        assertEquals("[prod] checkout 2.4.1 on web-7: 1 × Checkout/ERROR in worker-1 for acme", mail.getSubject());
        assertEquals(1, mail.getAllRecipients().length, "\"Doe, Jane\" <jane@example.com> is one recipient");
        assertEquals("[sre@example.com, payments-team@example.com]", Arrays.toString(mail.getReplyTo()));
        ScriptedSmtpServer.Received raw = smtp.server().delivered().get(0);
        assertEquals("alerts.example.com", raw.helo(), "EHLO says the configured localhost");
        assertTrue(mail.getMessageID().endsWith("@alerts.example.com>"), mail.getMessageID());
        String text = Mails.text(mail);
        String html = Mails.html(mail);
        for (String part : new String[] {text, html}) {
            assertTrue(part.contains("web-7") && part.contains("2.4.1"), "host and release in every part: " + part);
        }
        assertEquals(1, html.split("<a ", -1).length - 1, "the logs link is the only link");
        assertThat(html).contains("href=\"https://logs.example.com/app/discover?q=fingerprint:");
        assertThat(text).contains("logs:        https://logs.example.com/app/discover?q=fingerprint:");
        assertTrue(text.matches("(?s).*&from=2026-11-25T09%3A59%3A00Z&to=2026-11-25T10%3A01%3A00Z.*"), text);
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void repeatableRedactionEvenWithACommaInThePattern(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter)) {
            app.log("com.shop.Checkout").error("Charge failed: card=4111111111111111 token,abc123xyz");
            app.advance(Duration.ofSeconds(10));
        }
        String all = Mails.text(only()) + Mails.html(only()) + only().getSubject();
        assertFalse(all.contains("4111111111111111") || all.contains("abc123xyz"), all);
        assertThat(all).contains("Charge failed: [redacted] [redacted]");
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void theImmediateMarkerSkipsGroupWaitAndTheIgnoreMarkerNeverAlerts(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter)) {
            TestLog log = app.log("com.shop.Payments");
            log.errorWithMarker("NO_ALERT", null, "expected decline, handled");
            log.errorWithMarker("RECONCILIATION", "NO_ALERT", "a child of NO_ALERT is ignored too");
            assertEquals(0, app.engine().counters().events());
            log.errorWithMarker("PAYMENTS_DOWN", "ALERT_NOW", "Payment provider unreachable");
            app.advance(Duration.ofSeconds(1)); // far from groupWait's 10 s
            MimeMessage mail = only();
            String text = Mails.text(mail);
            assertTrue(text.startsWith("1 error in 1 incident"), text);
            assertThat(text)
                    .as("%s", "an ignored event may still be a context line: " + text)
                    .contains("expected decline, handled");
            log.errorWithMarker("ALERT_NOW", null, "Ledger unreachable");
            app.advance(Duration.ofSeconds(1));
            assertEquals(1, smtp.getReceivedMessages().length, "groupInterval still holds (rate caps apply)");
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void anErrorWithoutAThrowableShowsWhereItWasLoggedAndItsWholeMessage(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter)) {
            app.log("com.shop.Inventory").error("Stock sync failed for 3 warehouses:\n  berlin: timeout\n  lyon: 503");
            app.advance(Duration.ofSeconds(10));
        }
        String text = Mails.text(only());
        assertThat(text).contains("logged at:   dev.alertmail.testing.");
        assertTrue(text.contains("  berlin: timeout") && text.contains("  lyon: 503"), "the whole message: " + text);
        String html = Mails.html(only());
        assertThat(html)
                .as("%s", "line breaks as <br>, which Outlook keeps: " + html)
                .contains("berlin: timeout<br>");
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void callerDataCanBeTurnedOff(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter, "callerData", "false")) {
            app.log("com.shop.Inventory").error("Stock sync failed");
            app.advance(Duration.ofSeconds(10));
        }
        assertFalse(Mails.text(only()).contains("logged at"), Mails.text(only()));
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void aSecretAcrossTheContextLineCapLeavesNoPrefixBehind(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter, "contextLines", "50")) {
            TestLog log = app.log("com.shop.Checkout");
            for (int shift = 0; shift < 130; shift += 3) { // wherever a cut lands, once inside the card number
                log.info("x".repeat(400 + shift) + " card=4111111111111111 end");
            }
            log.error("Checkout failed");
            app.advance(Duration.ofSeconds(10));
        }
        String all = Mails.text(only()) + Mails.html(only());
        assertThat(all).contains("preceding lines on this thread");
        assertFalse(all.contains("4111"), "a prefix of the card number survived the cap");
    }

    /**
     * A redaction early in a line (a long token) shortens it, so text from behind where the line
     * was cut for redaction would become visible: that tail must never show a partial secret. The
     * cut lands inside the card number at every offset: at the Log4j2 slot's copy (500 chars of the
     * message) and at the end of the window redacted ahead of the 500-char cap (1,524 chars of the line).
     */
    @ParameterizedTest
    @EnumSource(Adapter.class)
    void aRedactionThatShortensAContextLineNeverRevealsAPartialSecretBehindTheCut(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter, "contextLines", "60")) {
            TestLog log = app.log("com.shop.Checkout");
            for (int n = 470; n < 492; n++) { // Log4j2's slot kept 500 chars of the message
                log.info("token," + "a".repeat(n) + " card=4111111111111111 end");
            }
            for (int n = 1458;
                    n < 1480;
                    n++) { // the window: 500 + 1,024 chars of "10:00:00.000 INFO com.shop.Checkout - …"
                log.info("token," + "a".repeat(n) + " card=4111111111111111 end");
            }
            log.error("Checkout failed");
            app.advance(Duration.ofSeconds(10));
        }
        String all = Mails.text(only()) + Mails.html(only());
        assertTrue(all.contains("preceding lines on this thread") && all.contains("[redacted]"), all);
        assertNoPartOfACardNumber(all);
    }

    /** The same for a message, whose window is 4,000 + 1,024 chars. */
    @ParameterizedTest
    @EnumSource(Adapter.class)
    void aRedactionThatShortensAMessageNeverRevealsAPartialSecretBehindTheCut(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter, "contextLines", "0")) {
            TestLog log = app.log("com.shop.Checkout");
            for (int n = 4996; n < 5007; n += 2) { // one incident each (no arguments: the message is the pattern)
                log.error(n + " token," + "a".repeat(n) + " card=4111111111111111 end");
            }
            app.advance(Duration.ofSeconds(10));
        }
        String all = Mails.text(only()) + Mails.html(only()) + only().getSubject();
        assertThat(all).contains("[redacted]");
        assertNoPartOfACardNumber(all);
    }

    /** {@code card=\d{12,19}} redacts "card=" with the digits: any digit after "card=" is part of a number. */
    private static void assertNoPartOfACardNumber(String all) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("card=\\d+").matcher(all);
        if (m.find()) {
            throw new AssertionError("part of a card number survived behind a redaction: …"
                    + all.substring(Math.max(0, m.start() - 40), m.end()).replace('\n', ' ') + "…");
        }
    }
}
