package dev.alertmail.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.testing.Adapter;
import dev.alertmail.testing.AlertApp;
import dev.alertmail.testing.Failures;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.TestLog;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Against an SMTP server with Resend's idempotency semantics: one process never sends two
 * different emails under one key, whatever stops, restarts and reconfigurations happen in one
 * group interval. (The extension fails any test in which the server refused an email as
 * {@code invalid_idempotent_request}.)
 */
class DeliveryCorrectnessTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private AlertApp app(Adapter adapter, String config) {
        return adapter.start(config, Map.of("smtpPort", Integer.toString(smtp.port())), clock);
    }

    private static void orders(TestLog log, int n) {
        for (int i = 0; i < n; i++) {
            log.error("Order {} failed", i, Failures.fromSiteA(i));
        }
    }

    private List<String> keys() throws Exception {
        List<String> keys = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            keys.add(Mails.header(m, "Resend-Idempotency-Key"));
        }
        return keys;
    }

    private long deliveredEvents() throws Exception {
        long n = 0;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            n += Long.parseLong(Mails.text(m).split(" ")[0]);
        }
        return n;
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void aFlushOnStopAfterAnEmailAboutTheSameIncidentInTheSameWindowIsDelivered(Adapter adapter) throws Exception {
        AlertApp app = app(adapter, "plain");
        orders(app.log("com.shop.Orders"), 3);
        app.advance(Duration.ofSeconds(10));
        orders(app.log("com.shop.Orders"), 2); // the same incident, the same one-minute window
        clock.advance(Duration.ofSeconds(5));
        app.close(); // a deploy: the flush on stop
        assertEquals(2, smtp.getReceivedMessages().length);
        assertEquals(2, new HashSet<>(keys()).size(), keys().toString());
        assertEquals(5, deliveredEvents());
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void fiveReconfigurationsWithOneErrorEachDeliverSixEmailsUnderSixKeys(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter, "plain")) {
            for (int i = 0; i < 5; i++) {
                orders(app.log("com.shop.Orders"), 1);
                // Logback resets and configures again; Log4j2 sees changed settings and replaces its manager
                app.reconfigure(Map.of("release", "1." + i));
            }
            orders(app.log("com.shop.Orders"), 1);
        }
        assertEquals(6, smtp.getReceivedMessages().length);
        Set<String> distinct = new HashSet<>(keys());
        assertEquals(6, distinct.size(), keys().toString());
        assertEquals(6, deliveredEvents());
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void twoAppendersThatDifferOnlyInTheirRecipientsEachDeliver(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter, "two-teams")) {
            orders(app.log("com.shop.Orders"), 4);
            clock.advance(Duration.ofSeconds(10));
            app.runDueWork("ALERTS", "TEAM_B");
        }
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertEquals(2, mails.length);
        assertEquals(2, new HashSet<>(keys()).size(), keys().toString());
        Set<String> recipients = new HashSet<>();
        for (MimeMessage m : mails) {
            recipients.add(m.getAllRecipients()[0].toString());
            assertTrue(Mails.text(m).startsWith("4 errors in 1 incident"), Mails.text(m));
        }
        assertEquals(Set.of("team-a@example.com", "team-b@example.com"), recipients);
    }
}
