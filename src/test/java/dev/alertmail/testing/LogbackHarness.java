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
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** A Logback "application": its own LoggerContext configured from a real logback.xml. */
public final class LogbackHarness implements AlertApp {

    public final LoggerContext context = new LoggerContext();
    private final Map<String, String> properties = new java.util.HashMap<>();
    private final Clock clock;
    private final String resource;

    public LogbackHarness(String resource, Map<String, String> properties, Clock clock) {
        this.resource = resource;
        this.properties.putAll(properties);
        this.clock = clock;
        context.setName("test-" + resource);
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter()); // share SLF4J's, as the default context does
        configure(resource);
    }

    /** From a file (a test that writes its logback.xml), not a classpath resource. */
    public static LogbackHarness fromFile(java.nio.file.Path file, Map<String, String> properties, Clock clock) {
        return new LogbackHarness(file.toUri().toString(), properties, clock);
    }

    private void configure(String file) {
        properties.forEach(context::putProperty);
        if (clock != null) {
            context.putObject(ResendAlertAppender.CLOCK_KEY, clock);
        }
        URL url = file.startsWith("file:")
                ? toUrl(file)
                : LogbackHarness.class.getClassLoader().getResource(file);
        if (url == null) {
            throw new IllegalArgumentException("no resource " + file);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static URL toUrl(String uri) {
        try {
            return java.net.URI.create(uri).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** What {@code scan="true"} or a management tool does: reset the context, then configure it again. */
    public void reconfigure() {
        reconfigure(resource);
    }

    public void reconfigure(String file) {
        context.reset();
        configure(file);
    }

    public org.slf4j.Logger logger(String name) {
        return context.getLogger(name);
    }

    @Override
    public TestLog log(String name) {
        org.slf4j.Logger l = context.getLogger(name);
        return new TestLog() {
            @Override
            public void error(String pattern, Object arg, Throwable t) {
                l.error(pattern, arg, t);
            }

            @Override
            public void error(String message, Throwable t) {
                l.error(message, t);
            }

            @Override
            public void error(String message) {
                l.error(message);
            }

            @Override
            public void warn(String message) {
                l.warn(message);
            }

            @Override
            public void info(String message) {
                l.info(message);
            }

            @Override
            public void errorWithMarker(String marker, String parent, String message) {
                org.slf4j.Marker m = org.slf4j.MarkerFactory.getDetachedMarker(marker);
                if (parent != null) {
                    m.add(org.slf4j.MarkerFactory.getMarker(parent));
                }
                l.error(m, message);
            }
        };
    }

    @Override
    public void mdc(String key, String value) {
        if (value == null) {
            org.slf4j.MDC.remove(key);
        } else {
            org.slf4j.MDC.put(key, value);
        }
    }

    @Override
    public dev.alertmail.AlertEngine engine() {
        return appender().getEngine();
    }

    @Override
    public boolean alertsRunning() {
        return appender() != null && appender().isStarted();
    }

    public ResendAlertAppender appender() {
        return appender("ALERTS");
    }

    /** An alertmail appender on the root logger, directly or behind an AsyncAppender. */
    public ResendAlertAppender appender(String name) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(name) instanceof ResendAlertAppender a) {
            return a;
        }
        for (var it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof ch.qos.logback.core.spi.AppenderAttachable<?> attachable
                    && attachable.getAppender(name) instanceof ResendAlertAppender a) {
                return a;
            }
        }
        return null;
    }

    @Override
    public dev.alertmail.AlertEngine engine(String appender) {
        return appender(appender).getEngine();
    }

    @Override
    public void reconfigure(Map<String, String> changed) {
        properties.putAll(changed);
        reconfigure();
    }

    public List<Status> statuses() {
        return context.getStatusManager().getCopyOfStatusList();
    }

    public String statusText() {
        return statuses().stream().map(Status::getMessage).collect(Collectors.joining("\n"));
    }

    public List<String> errors() {
        return statuses().stream()
                .filter(s -> s.getLevel() == Status.ERROR)
                .map(Status::getMessage)
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        context.stop();
    }

    @Override
    public @Nullable Clock clock() {
        return clock;
    }
}
