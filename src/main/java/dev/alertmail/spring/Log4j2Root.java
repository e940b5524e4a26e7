package dev.alertmail.spring;

import dev.alertmail.AlertEngine;
import dev.alertmail.log4j2.ResendAlertAppender;
import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.NullConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * Log4j2 as Spring Boot's logging system: the appender goes on the root logger's configuration,
 * and onto each new configuration's root after a reconfiguration ({@code monitorInterval} on a file
 * change, {@code Configurator.reconfigure}): the old configuration stops its appenders — ours
 * flushes what it had — and a new one with the same settings goes on the new root.
 */
final class Log4j2Root {

    private Log4j2Root() {}

    static @Nullable RootAttachment attach(AlertmailProperties properties, String name) {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return null;
        }
        return attach(context, properties, name);
    }

    static RootAttachment attach(LoggerContext context, AlertmailProperties properties, String name) {
        Attachment a = new Attachment(context, properties, name);
        a.attachTo(context.getConfiguration());
        context.addPropertyChangeListener(a);
        return a;
    }

    /** The attached appender, attached to every new configuration until {@link #detach}. */
    private static final class Attachment implements RootAttachment, PropertyChangeListener {
        private final LoggerContext context;
        private final AlertmailProperties properties;
        private final String name;
        private volatile @Nullable ResendAlertAppender appender;
        private volatile @Nullable Configuration config;
        private volatile boolean detached;

        Attachment(LoggerContext context, AlertmailProperties properties, String name) {
            this.context = context;
            this.properties = properties;
            this.name = name;
        }

        synchronized void attachTo(Configuration c) {
            ResendAlertAppender.Builder builder =
                    ResendAlertAppender.newBuilder().setName(name).setConfiguration(c);
            properties.applyTo(builder::set);
            ResendAlertAppender a = builder.build(); // problems go to Log4j2's status logger
            appender = a;
            config = c; // first: updateLoggers() below announces the configuration again
            if (a != null) {
                a.start();
                c.addAppender(a);
                c.getRootLogger().addAppender(a, null, null);
                context.updateLoggers();
            }
        }

        @Override
        public @Nullable AlertEngine engine() {
            ResendAlertAppender a = appender;
            return a == null ? null : a.getEngine();
        }

        /** After a reconfiguration: the old configuration has stopped our appender; the new one gets one. */
        @Override
        public void propertyChange(PropertyChangeEvent event) {
            if (!detached
                    && LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName())
                    && event.getNewValue() instanceof Configuration c
                    && c != event.getOldValue() // updateLoggers() says it too
                    && !(c instanceof NullConfiguration)
                    && !context.isStopping()
                    && !context.isStopped()
                    && c != config) {
                attachTo(c);
            }
        }

        @Override
        public synchronized void detach() {
            detached = true;
            context.removePropertyChangeListener(this);
            ResendAlertAppender a = appender;
            Configuration c = config;
            if (a != null && c != null) {
                c.getRootLogger().removeAppender(name);
                context.updateLoggers();
                a.stop();
            }
        }
    }
}
