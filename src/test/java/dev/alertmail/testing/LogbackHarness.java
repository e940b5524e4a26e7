package dev.alertmail.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import dev.alertmail.logback.ResendAlertAppender;
import java.net.URL;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A Logback "application": its own LoggerContext configured from a real logback.xml. */
public final class LogbackHarness implements AutoCloseable {

    public final LoggerContext context = new LoggerContext();

    public LogbackHarness(String resource, Map<String, String> properties, Clock clock) {
        context.setName("test-" + resource);
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter()); // share SLF4J's, as the default context does
        properties.forEach(context::putProperty);
        if (clock != null) {
            context.putObject(ResendAlertAppender.CLOCK_KEY, clock);
        }
        URL url = LogbackHarness.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no resource " + resource);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public org.slf4j.Logger logger(String name) {
        return context.getLogger(name);
    }

    public ResendAlertAppender appender() {
        return (ResendAlertAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ALERTS");
    }

    /** Runs the appender's timers once on its worker thread and waits for it. */
    public void runDueWork() {
        try {
            appender().getEngine().runDueWork().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public List<Status> statuses() {
        return context.getStatusManager().getCopyOfStatusList();
    }

    public String statusText() {
        return statuses().stream().map(Status::getMessage).collect(Collectors.joining("\n"));
    }

    public List<String> errors() {
        return statuses().stream().filter(s -> s.getLevel() == Status.ERROR).map(Status::getMessage)
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        context.stop();
    }
}
