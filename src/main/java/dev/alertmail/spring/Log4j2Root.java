package dev.alertmail.spring;

import dev.alertmail.AlertEngine;
import dev.alertmail.log4j2.ResendAlertAppender;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.jspecify.annotations.Nullable;

/** Log4j2 as Spring Boot's logging system: the appender goes on the root logger's configuration. */
final class Log4j2Root {

    private Log4j2Root() {
    }

    static @Nullable RootAttachment attach(AlertmailProperties properties, String name) {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return null;
        }
        return attach(context, properties, name);
    }

    static @Nullable RootAttachment attach(LoggerContext context, AlertmailProperties properties, String name) {
        Configuration config = context.getConfiguration();
        ResendAlertAppender.Builder builder = ResendAlertAppender.newBuilder().setName(name).setConfiguration(config);
        properties.applyTo(builder::set);
        ResendAlertAppender appender = builder.build(); // problems go to Log4j2's status logger
        if (appender != null) {
            appender.start();
            config.addAppender(appender);
            config.getRootLogger().addAppender(appender, null, null);
            context.updateLoggers();
        }
        return new RootAttachment() {
            @Override
            public @Nullable AlertEngine engine() {
                return appender == null ? null : appender.getEngine();
            }

            @Override
            public void detach() {
                if (appender != null) {
                    config.getRootLogger().removeAppender(name);
                    context.updateLoggers();
                    appender.stop();
                }
            }
        };
    }
}
