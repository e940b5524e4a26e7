package dev.alertmail.spring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import dev.alertmail.AlertEngine;
import dev.alertmail.logback.ResendAlertAppender;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Logback as Spring Boot's logging system: the appender goes on its root logger, and goes there
 * again after every reset of the context ({@code scan="true"} on a file change, a management
 * call): a reset detaches and stops every appender — ours flushes what it had — and a new one
 * with the same settings takes its place.
 */
final class LogbackRoot {

    private LogbackRoot() {}

    static @Nullable RootAttachment attach(AlertmailProperties properties, String name) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        return attach(context, properties, name);
    }

    static RootAttachment attach(LoggerContext context, AlertmailProperties properties, String name) {
        Attachment a = new Attachment(context, properties, name);
        a.attachNew();
        context.addListener(a);
        return a;
    }

    /** The attached appender, re-attached after each reset until {@link #detach}. */
    private static final class Attachment implements RootAttachment, LoggerContextListener {
        private final LoggerContext context;
        private final AlertmailProperties properties;
        private final String name;
        private volatile @Nullable ResendAlertAppender appender;
        private volatile boolean detached;

        Attachment(LoggerContext context, AlertmailProperties properties, String name) {
            this.context = context;
            this.properties = properties;
            this.name = name;
        }

        synchronized void attachNew() {
            ResendAlertAppender a = new ResendAlertAppender();
            a.setContext(context);
            a.setName(name);
            properties.applyTo(a::set);
            a.start();
            if (a.isStarted()) {
                root().addAppender(a);
            }
            appender = a;
        }

        private Logger root() {
            return context.getLogger(Logger.ROOT_LOGGER_NAME);
        }

        @Override
        public @Nullable AlertEngine engine() {
            ResendAlertAppender a = appender;
            return a == null ? null : a.getEngine();
        }

        @Override
        public void detach() {
            detached = true;
            context.removeListener(this);
            stopCurrent();
        }

        private synchronized void stopCurrent() {
            ResendAlertAppender a = appender;
            if (a != null) {
                root().detachAppender(a);
                a.stop();
            }
        }

        /** Kept across resets: it is what re-attaches after each one. */
        @Override
        public boolean isResetResistant() {
            return true;
        }

        /** The reset has detached and stopped the appender (it flushed); the configuration is read next. */
        @Override
        public void onReset(LoggerContext c) {
            if (!detached) {
                attachNew();
            }
        }

        /** {@code LoggerContext.stop()} resets first: the appender attached by that reset goes too. */
        @Override
        public void onStop(LoggerContext c) {
            detached = true;
            stopCurrent();
        }

        @Override
        public void onStart(LoggerContext c) {}

        @Override
        public void onLevelChange(Logger logger, Level level) {}
    }
}
