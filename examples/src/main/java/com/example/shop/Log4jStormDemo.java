package com.example.shop;

import dev.alertmail.AlertEngine;
import dev.alertmail.log4j2.ResendAlertAppender;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

/** The demo on Log4j2, configured from {@code examples/log4j2.xml} ({@code -Plog4j2}). */
public final class Log4jStormDemo extends Demo {

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private LoggerContext context;

    public static void main(String[] args) throws Exception {
        new Log4jStormDemo().run(arg(args, 0, "examples/log4j2.xml"), arg(args, 1, "alertmail-out"));
    }

    @Override
    void configure(Path config) {
        StatusLogger.getLogger().registerListener(new StatusListener() {
            @Override
            public void log(StatusData d) {
                if (d.getMessage().getFormattedMessage().contains("ResendAlert")
                        || d.getMessage().getFormattedMessage().contains("alertmail")) {
                    problems.add(d.getLevel() + " " + d.getMessage().getFormattedMessage());
                }
            }

            @Override
            public Level getStatusLevel() {
                return Level.WARN;
            }

            @Override
            public void close() {}
        });
        context = Configurator.initialize("alertmail-demo", config.toUri().toString());
    }

    @Override
    AlertEngine engine() {
        ResendAlertAppender appender = context.getConfiguration().getAppender("ALERTS");
        return appender == null ? null : appender.getEngine();
    }

    @Override
    void stopLogging() {
        context.stop();
    }

    @Override
    List<String> problems() {
        return List.copyOf(problems);
    }
}
