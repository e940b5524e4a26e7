package dev.alertmail.internal.engine;

import dev.alertmail.AlertEngineMXBean;
import dev.alertmail.internal.config.StatusReporter;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;

/** The engine's counters as {@code dev.alertmail:type=Appender,name=<name>}; a convenience that never stops alerting. */
final class JmxRegistration {

    private final @Nullable ObjectName name;

    JmxRegistration(String appender, AlertEngineMXBean bean, StatusReporter status) {
        ObjectName registered = null;
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            for (int i = 0; i < 100 && registered == null; i++) {
                ObjectName on = new ObjectName(
                        "dev.alertmail:type=Appender,name=" + ObjectName.quote(i == 0 ? appender : appender + "-" + i));
                if (!server.isRegistered(on)) {
                    server.registerMBean(bean, on);
                    registered = on;
                }
            }
        } catch (Exception | LinkageError e) {
            status.warn("alertmail: JMX counters not registered: " + e);
        }
        this.name = registered;
    }

    void unregister() {
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (Exception e) {
                // already gone
            }
        }
    }
}
