package dev.alertmail.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ScriptedSmtpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The meters as docs/operations.md binds them: {@code new AlertmailMetrics(engine).bindTo(registry)}, nothing else kept. */
class AlertmailMetricsTest {

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    @Test
    void metersBoundTheReadmeWayStillReadRightAfterAGarbageCollection() throws Exception {
        try (ScriptedSmtpServer smtp = ScriptedSmtpServer.plain().replyToData("550 5.7.1 recipient rejected");
                LogbackHarness app = new LogbackHarness(
                        "logback/plain.xml", Map.of("smtpPort", Integer.toString(smtp.port())), clock)) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new AlertmailMetrics(app.engine()).bindTo(registry); // the binder itself is not kept
            for (int i = 0; i < 7; i++) {
                app.logger("com.shop.Checkout").error("Payment {} failed", i, new IllegalStateException("declined"));
            }
            app.advance(Duration.ofSeconds(10)); // the one email is refused for good: failed
            for (int i = 0; i < 3; i++) {
                System.gc(); // Micrometer holds a meter's state object weakly
            }
            assertEquals(7, registry.get("alertmail.events").functionCounter().count());
            assertEquals(
                    1,
                    registry.get("alertmail.emails")
                            .tag("result", "failed")
                            .functionCounter()
                            .count());
            assertEquals(
                    0,
                    registry.get("alertmail.emails")
                            .tag("result", "sent")
                            .functionCounter()
                            .count());
            assertEquals(1, registry.get("alertmail.incidents").gauge().value());
            assertEquals(0, registry.get("alertmail.emails.pending").gauge().value());
        }
    }
}
