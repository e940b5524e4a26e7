package dev.alertmail.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.MutableClock;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class JmxCountersTest {

    @Test
    void countersAreAnMBeanWhileTheAppenderRuns() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.alertmail:type=Appender,name=\"ALERTS\"");
        LogbackHarness app = new LogbackHarness(
                "logback/reliability.xml",
                Map.of("smtpPort", "1", "shutdownTimeout", "100ms"),
                MutableClock.at("2026-11-25T10:00:00Z"));
        try {
            for (int i = 0; i < 7; i++) {
                app.logger("com.shop.Orders").error("Order {} failed", i);
            }
            assertEquals(7L, server.getAttribute(name, "Events"));
            assertEquals(1L, server.getAttribute(name, "IncidentsTracked"));
            assertEquals(0L, server.getAttribute(name, "EmailsSent"));
        } finally {
            app.close();
        }
        assertFalse(server.isRegistered(name), "unregistered on stop");
    }
}
