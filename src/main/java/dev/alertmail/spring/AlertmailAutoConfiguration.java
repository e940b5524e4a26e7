package dev.alertmail.spring;

import dev.alertmail.micrometer.AlertmailMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * alertmail without XML: with {@code alertmail.from} set (and {@code alertmail.enabled} not
 * {@code false}), a {@code ResendAlertAppender} configured from {@code alertmail.*} goes on the root
 * logger of Spring Boot's logging system (Logback or Log4j2) when the context starts, and is
 * detached and flushed when it closes. With Micrometer present its counters become meters.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "alertmail", name = "from")
@ConditionalOnProperty(prefix = "alertmail", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(AlertmailProperties.class)
public class AlertmailAutoConfiguration {

    /** The appender's name in the logging system. */
    public static final String APPENDER_NAME = "ALERTMAIL";

    @Bean
    public AlertmailLifecycle alertmailLifecycle(AlertmailProperties properties) {
        return new AlertmailLifecycle(properties, APPENDER_NAME);
    }

    /** Registered only when Micrometer is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Metrics {
        @Bean
        AlertmailMetrics alertmailMetrics(AlertmailLifecycle lifecycle) {
            return new AlertmailMetrics(lifecycle::engine, APPENDER_NAME);
        }
    }
}
