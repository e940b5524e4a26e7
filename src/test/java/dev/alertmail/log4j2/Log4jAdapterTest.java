package dev.alertmail.log4j2;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.AlertEngine;
import dev.alertmail.testing.Failures;
import dev.alertmail.testing.Log4jHarness;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only Log4j2 has: plugin building, managers, reconfiguration, the status logger. */
class Log4jAdapterTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private Map<String, String> port() {
        return Map.of("smtpPort", Integer.toString(greenMail.getSmtp().getPort()));
    }

    private static long senderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("alertmail-sender-")).count();
    }

    @Test
    void reconfigurationKeepsPendingIncidentsAndLeaksNoThread() throws Exception {
        long threadsBefore = senderThreads();
        try (Log4jHarness app = new Log4jHarness("log4j2/plain.xml", port(), clock)) {
            AlertEngine engine = app.engine();
            ResendAlertAppender before = app.appender();
            for (int i = 0; i < 5; i++) {
                app.log("com.shop.Orders").error("Order {} failed", i, Failures.fromSiteA(i));
            }
            for (int r = 0; r < 3; r++) {
                app.reconfigure(); // same file, same settings: the manager carries over
            }
            assertNotSame(before, app.appender());
            assertSame(engine, app.engine(), "the new appender took over the same engine");
            assertEquals(threadsBefore + 1, senderThreads());
            for (int i = 0; i < 3; i++) {
                app.log("com.shop.Orders").error("Order {} failed", i, Failures.fromSiteA(i));
            }
            clock.advance(Duration.ofSeconds(10));
            app.runDueWork();
            assertEquals(List.of(8L), Mails.counts(greenMail.getReceivedMessages()[0]));
        }
        assertEquals(threadsBefore, senderThreads(), "stopping the context stops the sender thread");
    }

    @Test
    void reconfigurationToOtherSettingsFlushesTheOldEngine() throws Exception {
        try (Log4jHarness app = new Log4jHarness("log4j2/plain.xml", port(), clock)) {
            AlertEngine old = app.engine();
            app.log("com.shop.Orders").error("Order {} failed", 1, Failures.fromSiteA(1));
            System.setProperty("alertmail.test.environment", "staging");
            try {
                app.reconfigure();
            } finally {
                System.clearProperty("alertmail.test.environment");
            }
            assertNotSame(old, app.engine());
            assertEquals(1, greenMail.getReceivedMessages().length, "the released engine flushed what was pending");
            assertTrue(greenMail.getReceivedMessages()[0].getSubject().startsWith("[prod]"));
        }
    }

    @Test
    void appendersWithIdenticalSettingsShareOneManager() {
        try (Log4jHarness app = new Log4jHarness("log4j2/shared.xml", port(), clock)) {
            assertSame(app.appender("ALERTS").getEngine(), app.appender("AUDIT").getEngine());
        }
    }

    @Test
    void badConfigurationIsReportedOnTheStatusLoggerAndNeverThrows() {
        try (Log4jHarness app = new Log4jHarness("log4j2/bad/no-from.xml", Map.of(), null)) {
            String errors = String.join("\n", app.errors());
            assertTrue(errors.contains("'from' is required"), errors);
            assertTrue(errors.contains("cannot parse duration 'ten seconds'"), errors);
            assertNull(app.appender());
            assertFalse(app.statusText().contains("re_x_secretish"), "sensitive attributes are not echoed");
            assertDoesNotThrow(() -> app.log("com.shop.Orders").error("boom", new IllegalStateException("x")));
        }
    }
}
