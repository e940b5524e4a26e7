package dev.alertmail.log4j2;

import dev.alertmail.AlertConfig;
import dev.alertmail.AlertEngine;
import dev.alertmail.StatusReporter;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * Owns one {@link AlertEngine} (incident store, sender thread, outbox). Appenders whose settings
 * are identical share it, and because Log4j2 starts the new configuration before it stops the old
 * one, a reconfiguration hands the very same engine to the new appender: nothing pending is lost,
 * no thread is leaked. The engine is closed (flushed) only when its last appender releases it.
 */
final class ResendAlertManager extends AbstractManager {

    private static final ManagerFactory<ResendAlertManager, Data> FACTORY = (name, data) ->
            new ResendAlertManager(name, new AlertEngine(data.config, data.clock, new Log4jStatus(), name));

    private final AlertEngine engine;

    private ResendAlertManager(String name, AlertEngine engine) {
        super(null, name);
        this.engine = engine;
    }

    /**
     * @param contextName the LoggerContext's name: managers are shared within one context (and
     *                    across its reconfigurations), never between separate contexts such as two webapps
     */
    static ResendAlertManager get(String contextName, AlertConfig config, Clock clock) {
        String name = "ResendAlert[" + contextName + "/" + config.smtpHost() + ":" + config.smtpPort() + "#"
                + config.identity().substring(0, 16) + "]";
        return getManager(name, FACTORY, new Data(config, clock));
    }

    AlertEngine engine() {
        return engine;
    }

    @Override
    protected boolean releaseSub(long timeout, TimeUnit timeUnit) {
        engine.close();
        return true;
    }

    private record Data(AlertConfig config, Clock clock) {
    }

    /** Log4j2's internal status logger: never a Logger that could route back into us. */
    static final class Log4jStatus implements StatusReporter {
        private static final StatusLogger STATUS = StatusLogger.getLogger();

        @Override public void info(String message) { STATUS.info(message); }
        @Override public void warn(String message) { STATUS.warn(message); }
        @Override public void error(String message) { STATUS.error(message); }
    }
}
