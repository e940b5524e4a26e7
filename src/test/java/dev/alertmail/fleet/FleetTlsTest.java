package dev.alertmail.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code rediss://} verifies the server's certificate like SMTP does: a TLS server with a
 * self-signed certificate (GreenMail's SMTPS port, standing in for Redis behind TLS) is refused,
 * unless {@code sslTrust} names that very host.
 */
class FleetTlsTest {

    @RegisterExtension
    static final GreenMailExtension tls = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort());

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private String fleetWarning(String sslTrust) throws Exception {
        java.nio.file.Path xml = java.nio.file.Files.createTempFile("fleet-tls", ".xml");
        String config = new String(
                getClass()
                        .getClassLoader()
                        .getResourceAsStream("logback/fleet.xml")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        if (!sslTrust.isEmpty()) { // SMTP and Redis share the setting
            config = config.replace("<redisUri>", "<sslTrust>" + sslTrust + "</sslTrust>\n    <redisUri>");
        }
        java.nio.file.Files.writeString(xml, config);
        Map<String, String> p = Map.of(
                "smtpPort",
                Integer.toString(smtp.port()),
                "redisUri",
                "rediss://127.0.0.1:" + tls.getSmtps().getPort(),
                "host",
                "replica-1");
        try (LogbackHarness app = LogbackHarness.fromFile(xml, p, clock)) {
            app.logger("com.shop.Orders").error("Order failed");
            clock.advance(Duration.ofMillis(200));
            app.runDueWork();
            return Arrays.stream(app.statusText().split("\n"))
                    .filter(l -> l.contains("does not answer"))
                    .findFirst()
                    .orElse("");
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        String warning = fleetWarning("");
        assertTrue(warning.contains("PKIX") || warning.contains("certification path"), warning);
    }

    @Test
    void sslTrustNamingTheHostSkipsOnlyThatCheck() throws Exception {
        String warning = fleetWarning("127.0.0.1");
        assertFalse(warning.isEmpty(), "the server behind TLS is not Redis");
        assertFalse(warning.contains("PKIX") || warning.contains("certification path"), warning);
        assertEquals(-1, warning.indexOf("SSLHandshake"), warning);
    }
}
