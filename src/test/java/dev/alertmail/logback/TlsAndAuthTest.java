package dev.alertmail.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ScriptedSmtpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TlsAndAuthTest {

    static final String KEY = "re_TestKey_4f9c2a77d1";

    @RegisterExtension
    static final GreenMailExtension smtps = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("resend", KEY));

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private LogbackHarness app(int port, String security, String sslTrust, String key) {
        return new LogbackHarness(
                "logback/tls.xml",
                Map.of(
                        "smtpPort",
                        Integer.toString(port),
                        "security",
                        security,
                        "sslTrust",
                        sslTrust,
                        "apiKeySecret",
                        key),
                clock);
    }

    private void logOneErrorAndFlush(LogbackHarness app) {
        app.logger("com.shop.Checkout").error("Payment {} failed", 42, new IllegalStateException("declined"));
        app.advance(Duration.ofSeconds(10));
    }

    @Test
    void smtpsWithTrustedTestCertificateAuthenticatesAsResendWithTheApiKey() throws Exception {
        try (LogbackHarness app = app(smtps.getSmtps().getPort(), "SMTPS", "127.0.0.1", KEY)) {
            logOneErrorAndFlush(app);
            assertEquals(1, smtps.getReceivedMessages().length, app.statusText());
            assertEquals(1, app.appender().getEngine().counters().emailsSent());
        }
    }

    @Test
    void smtpsWithWrongKeyIsOnePermanentFailureThatNeverShowsTheKey() throws Exception {
        String wrong = "re_WrongKey_0000000000";
        try (LogbackHarness app = app(smtps.getSmtps().getPort(), "SMTPS", "127.0.0.1", wrong)) {
            logOneErrorAndFlush(app);
            app.advance(Duration.ofMinutes(10));
            assertEquals(0, smtps.getReceivedMessages().length);
            assertEquals(1, app.appender().getEngine().counters().emailsFailed());
            assertEquals(0, app.appender().getEngine().counters().emailsRetried());
            String status = app.statusText();
            assertThat(status).contains("authentication rejected");
            assertFalse(status.contains(wrong), "the key must never appear in a status message");
        }
    }

    @Test
    void smtpsRejectsAnUntrustedCertificateByDefault() throws Exception {
        try (LogbackHarness app = app(smtps.getSmtps().getPort(), "SMTPS", "", KEY)) {
            logOneErrorAndFlush(app);
            assertEquals(0, smtps.getReceivedMessages().length);
            assertEquals(0, app.appender().getEngine().counters().emailsSent());
            assertThat(app.statusText()).contains("TLS");
        }
    }

    @Test
    void trustingAnotherHostDoesNotTrustThisOneAndIsAConfigurationError() {
        // Angus would refuse every connection ("Server is not trusted"): said once, at start, not retried for 23 h
        for (String other : new String[] {"smtp.other.example", "127.0.0.2 localhost", "127.0.0.1."}) {
            try (LogbackHarness app = app(smtps.getSmtps().getPort(), "SMTPS", other, KEY)) {
                assertFalse(app.appender().isStarted(), other);
                assertThat(String.join("\n", app.errors()))
                        .as("%s", app.statusText())
                        .contains("'sslTrust' (" + other.trim() + ") does not list smtpHost '127.0.0.1'");
                app.logger("com.shop.Checkout").error("boom"); // and the application never notices
            }
        }
    }

    /** Transient is transient: what a retry can fix is retried, with the same bytes and key, and then delivered. */
    @Test
    void aCutHandshakeA454AndA421AreRetriedAndTheAlertIsDeliveredOnce() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.withStartTls()
                        .requireAuth("resend", KEY)
                        .cutTlsHandshakes(1)
                        .replyToAuth("454 4.7.0 Temporary authentication failure")
                        .greet("421 4.3.2 Service not available, closing transmission channel");
                LogbackHarness app = app(server.port(), "STARTTLS", "127.0.0.1", KEY)) {
            logOneErrorAndFlush(app); // 421 greeting
            for (int i = 0; i < 3 && server.received().isEmpty(); i++) {
                app.advance(Duration.ofMinutes(1)); // then the cut handshake, then 454, then delivered
            }
            assertEquals(1, server.received().size(), app.statusText());
            assertEquals(3, app.appender().getEngine().counters().emailsRetried(), app.statusText());
            assertEquals(0, app.appender().getEngine().counters().emailsFailed());
            assertEquals(4, server.connections());
            String status = app.statusText();
            assertTrue(status.contains("421") && status.contains("454"), status);
            assertThat(status.toLowerCase(java.util.Locale.ROOT))
                    .as("%s", status)
                    .contains("handshake");
        }
    }

    @Test
    void startTlsUpgradesBeforeAuthenticating() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.withStartTls().requireAuth("resend", KEY);
                LogbackHarness app = app(server.port(), "STARTTLS", "127.0.0.1", KEY)) {
            logOneErrorAndFlush(app);
            assertEquals(1, server.received().size(), app.statusText());
            ScriptedSmtpServer.Received r = server.received().get(0);
            assertTrue(r.tls(), "the message must travel inside TLS");
            assertEquals("resend", r.user());
            assertEquals(KEY, r.password());
        }
    }

    @Test
    void requiredStartTlsRefusesAServerThatDoesNotOfferIt() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.plain().requireAuth("resend", KEY);
                LogbackHarness app = app(server.port(), "STARTTLS", "127.0.0.1", KEY)) {
            logOneErrorAndFlush(app);
            assertEquals(0, server.received().size(), "no plaintext fallback");
            assertEquals(1, app.appender().getEngine().counters().emailsFailed());
            assertThat(app.statusText()).contains("STARTTLS");
        }
    }
}
