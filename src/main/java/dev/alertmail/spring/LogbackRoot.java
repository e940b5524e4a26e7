package dev.alertmail.spring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.alertmail.AlertEngine;
import dev.alertmail.logback.ResendAlertAppender;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/** Logback as Spring Boot's logging system: the appender goes on its root logger. */
final class LogbackRoot {

    private LogbackRoot() {
    }

    static @Nullable RootAttachment attach(AlertmailProperties properties, String name) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        ResendAlertAppender appender = new ResendAlertAppender();
        appender.setContext(context);
        appender.setName(name);
        properties.applyTo(appender::set);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (appender.isStarted()) {
            root.addAppender(appender);
        }
        return new RootAttachment() {
            @Override
            public @Nullable AlertEngine engine() {
                return appender.getEngine();
            }

            @Override
            public void detach() {
                root.detachAppender(appender);
                appender.stop();
            }
        };
    }
}
