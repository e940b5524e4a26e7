package dev.alertmail.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alertmail.internal.config.AlertSettings;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.RecordingStatus;
import dev.alertmail.testing.RedisServer;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.ScriptedSmtpServer;
import dev.alertmail.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code rediss://} verifies the server like SMTP does, against a real {@code redis-server --tls-port}
 * whose certificates come from a private CA made for this run: trusted through {@code redisCa}
 * (a PEM file), the host name still checked; {@code sslTrust} is for SMTP only.
 */
class FleetTlsTest {

    private static TestCertificates certs;
    private static RedisServer loopback;
    private static int loopbackTls;
    private static RedisServer otherName;
    private static int otherNameTls;

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    @BeforeAll
    static void startTlsRedis() throws Exception {
        certs = TestCertificates.create();
        loopbackTls = ScriptedSmtpServer.unusedPort();
        loopback = RedisServer.start(certs.redisTls(loopbackTls, "loopback"));
        otherNameTls = ScriptedSmtpServer.unusedPort();
        otherName = RedisServer.start(certs.redisTls(otherNameTls, "other"));
    }

    @AfterAll
    static void stop() throws Exception {
        loopback.close();
        otherName.close();
    }

    /** The fleet's status lines after one error and one tick, with {@code extra} settings in logback.xml. */
    private List<String> memberStatus(int tlsPort, Map<String, String> extra) throws Exception {
        Path xml = Files.createTempFile("fleet-tls", ".xml");
        StringBuilder more = new StringBuilder();
        extra.forEach((k, v) -> more.append("<")
                .append(k)
                .append(">")
                .append(v)
                .append("</")
                .append(k)
                .append(">\n"));
        String config = new String(
                        getClass()
                                .getClassLoader()
                                .getResourceAsStream("logback/fleet.xml")
                                .readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)
                .replace("<redisUri>", more + "<redisUri>");
        Files.writeString(xml, config);
        Map<String, String> p = new HashMap<>(Map.of(
                "smtpPort",
                Integer.toString(smtp.port()),
                "redisUri",
                "rediss://127.0.0.1:" + tlsPort,
                "host",
                "replica-1"));
        try (LogbackHarness app = LogbackHarness.fromFile(xml, p, clock)) {
            app.logger("com.shop.Orders").error("Order failed");
            app.advance(Duration.ofMillis(200));
            return Arrays.asList(app.statusText().split("\n"));
        }
    }

    /** A valid loopback configuration of a fleet member on {@code redisUri}, as text. */
    private static AlertSettings member(String redisUri) {
        return new AlertSettings()
                .set("from", "alerts@example.com")
                .set("to", "oncall@example.com")
                .set("smtpHost", "127.0.0.1")
                .set("security", "NONE")
                .set("redisUri", redisUri);
    }

    private static String unreachable(List<String> status) {
        return status.stream()
                .filter(l -> l.contains("does not answer"))
                .findFirst()
                .orElse("");
    }

    @Test
    void thePrivateCaInRedisCaIsTrustedAndTheFleetRuns() throws Exception {
        List<String> status = memberStatus(loopbackTls, Map.of("redisCa", certs.ca.toString()));
        assertThat(unreachable(status)).as(String.join("\n", status)).isEmpty();
        try (var redis = loopback.client()) {
            assertThat(redis.keys("*"))
                    .as("the member handed its counts over through TLS")
                    .isNotEmpty();
        }
    }

    @Test
    void withoutRedisCaThePrivateCaIsRefused() throws Exception {
        String warning = unreachable(memberStatus(loopbackTls, Map.of()));
        assertThat(warning).containsAnyOf("PKIX", "certification path");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenFromTheTrustedCa() throws Exception {
        String warning = unreachable(memberStatus(otherNameTls, Map.of("redisCa", certs.ca.toString())));
        assertThat(warning).contains("No subject alternative names matching IP address 127.0.0.1");
    }

    @Test
    void sslTrustNoLongerReachesRedis() throws Exception {
        String warning = unreachable(memberStatus(loopbackTls, Map.of("sslTrust", "127.0.0.1")));
        assertThat(warning)
                .as("sslTrust lists the SMTP host, which is Redis's too: still verified")
                .containsAnyOf("PKIX", "certification path");
        RecordingStatus status = new RecordingStatus();
        AlertSettings settings = member("rediss://localhost:6380").set("sslTrust", "127.0.0.1 localhost");
        assertThat(settings.toConfig("ALERTS", status)).isNull();
        assertThat(status.errors())
                .anyMatch(e -> e.contains("'sslTrust' lists the Redis host 'localhost': it applies to SMTP only")
                        && e.contains("redisCa"));
    }

    @Test
    void aBadRedisCaIsAConfigurationError() {
        RecordingStatus status = new RecordingStatus();
        AlertSettings settings = member("rediss://127.0.0.1:6380")
                .set("redisCa", certs.dir.resolve("missing.pem").toString());
        assertThat(settings.toConfig("ALERTS", status)).isNull();
        assertThat(status.errors()).anyMatch(e -> e.contains("'redisCa'") && e.contains("missing.pem"));
    }

    @Test
    void aPasswordOverPlainRedisToAnotherHostIsOneWarning() {
        RecordingStatus status = new RecordingStatus();
        AlertSettings settings = member("redis://:hunter22@cache.example.com:6379");
        assertThat(settings.toConfig("ALERTS", status)).isNotNull(); // no engine started: nothing connects
        assertThat(status.warnings())
                .containsExactly("alertmail appender [ALERTS]: the Redis password travels in plaintext to"
                        + " cache.example.com (redis://): use rediss:// (TLS)");
        RecordingStatus loopbackStatus = new RecordingStatus();
        settings.set("redisUri", "redis://:hunter22@127.0.0.1:6379");
        settings.toConfig("ALERTS", loopbackStatus);
        assertThat(loopbackStatus.warnings()).isEmpty();
    }
}
