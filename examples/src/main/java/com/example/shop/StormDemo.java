package com.example.shop;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import dev.alertmail.AlertEngine;
import dev.alertmail.logback.ResendAlertAppender;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** The demo on Logback, configured from {@code examples/logback.xml}. */
public final class StormDemo extends Demo {

    private LoggerContext context;

    public static void main(String[] args) throws Exception {
        new StormDemo().run(arg(args, 0, "examples/logback.xml"), arg(args, 1, "alertmail-out"));
    }

    @Override
    void configure(Path config) throws Exception {
        context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config.toFile());
    }

    @Override
    AlertEngine engine() {
        ResendAlertAppender appender =
                (ResendAlertAppender) context.getLogger("ROOT").getAppender("ALERTS");
        return appender == null || !appender.isStarted() ? null : appender.getEngine();
    }

    @Override
    void stopLogging() {
        context.stop();
    }

    @Override
    List<String> problems() {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN && s.getMessage().contains("alertmail"))
                .map(s -> (s.getLevel() == Status.ERROR ? "ERROR " : "WARN  ") + s.getMessage())
                .collect(Collectors.toList());
    }
}
