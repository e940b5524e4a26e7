package dev.alertmail.testing;

import dev.alertmail.AlertEngine;
import dev.alertmail.log4j2.ResendAlertAppender;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.jspecify.annotations.Nullable;

/**
 * A Log4j2 "application": its own LoggerContext configured from a real log4j2.xml. Properties
 * reach the file as {@code ${sys:alertmail.test.NAME}} system properties.
 */
public final class Log4jHarness implements AlertApp {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    public final LoggerContext context;
    private final Map<String, String> properties = new java.util.HashMap<>();
    private final List<StatusData> statuses = new CopyOnWriteArrayList<>();
    private final StatusListener listener = new StatusListener() {
        @Override
        public void log(StatusData data) {
            statuses.add(data);
        }

        @Override
        public Level getStatusLevel() {
            return Level.TRACE;
        }

        @Override
        public void close() {}
    };

    private final @Nullable Clock clock;

    public Log4jHarness(String resource, Map<String, String> properties, Clock clock) {
        this.clock = clock;
        this.properties.putAll(properties);
        properties.forEach((k, v) -> System.setProperty("alertmail.test." + k, v));
        StatusLogger.getLogger().registerListener(listener);
        URL url = resource.startsWith("file:")
                ? toUrl(resource)
                : Log4jHarness.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no resource " + resource);
        }
        try {
            URI uri = url.toURI();
            context = new LoggerContext("test-" + COUNTER.incrementAndGet(), null, uri);
            if (clock != null) {
                context.putObject(ResendAlertAppender.CLOCK_KEY, clock);
            }
            Configuration config =
                    ConfigurationFactory.getInstance().getConfiguration(context, ConfigurationSource.fromUri(uri));
            context.start(config);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** From a file (a test that writes its log4j2.xml), not a classpath resource. */
    public static Log4jHarness fromFile(java.nio.file.Path file, Map<String, String> properties, Clock clock) {
        return new Log4jHarness(file.toUri().toString(), properties, clock);
    }

    private static URL toUrl(String uri) {
        try {
            return URI.create(uri).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Re-reads the same file, as a file change or {@code Configurator.reconfigure} would. */
    public void reconfigure() {
        context.reconfigure();
    }

    public ResendAlertAppender appender() {
        return context.getConfiguration().getAppender("ALERTS");
    }

    public ResendAlertAppender appender(String name) {
        return context.getConfiguration().getAppender(name);
    }

    @Override
    public AlertEngine engine(String appender) {
        return appender(appender).getEngine();
    }

    @Override
    public void reconfigure(Map<String, String> changed) {
        changed.forEach((k, v) -> System.setProperty("alertmail.test." + k, v));
        properties.putAll(changed);
        reconfigure();
    }

    @Override
    public TestLog log(String name) {
        Logger l = context.getLogger(name);
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
                org.apache.logging.log4j.Marker m = org.apache.logging.log4j.MarkerManager.getMarker(marker);
                if (parent != null) {
                    m.setParents(org.apache.logging.log4j.MarkerManager.getMarker(parent));
                }
                l.error(m, message);
            }
        };
    }

    @Override
    public void mdc(String key, String value) {
        if (value == null) {
            ThreadContext.remove(key);
        } else {
            ThreadContext.put(key, value);
        }
    }

    @Override
    public AlertEngine engine() {
        return appender().getEngine();
    }

    @Override
    public String statusText() {
        return statuses.stream().map(s -> s.getMessage().getFormattedMessage()).collect(Collectors.joining("\n"));
    }

    @Override
    public List<String> errors() {
        return statuses.stream()
                .filter(s -> s.getLevel().isMoreSpecificThan(Level.ERROR))
                .map(s -> s.getMessage().getFormattedMessage())
                .collect(Collectors.toList());
    }

    @Override
    public boolean alertsRunning() {
        return appender() != null && appender().isStarted();
    }

    @Override
    public void close() {
        try {
            context.stop(30, java.util.concurrent.TimeUnit.SECONDS); // lets async loggers drain first
        } finally {
            StatusLogger.getLogger().removeListener(listener);
            properties.keySet().forEach(k -> System.clearProperty("alertmail.test." + k));
        }
    }

    @Override
    public @Nullable Clock clock() {
        return clock;
    }
}
