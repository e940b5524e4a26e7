package dev.alertmail.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.alertmail.AlertEngine;
import dev.alertmail.internal.config.Setting;
import dev.alertmail.micrometer.AlertmailMetrics;
import dev.alertmail.testing.Log4jHarness;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.ResendSmtp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Spring Boot without XML, through Spring Boot's own ApplicationContextRunner. */
class AlertmailAutoConfigurationTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AlertmailAutoConfiguration.class));

    private String[] properties(String... more) {
        String[] base = {
            "alertmail.from=Shop alerts <alerts@example.com>",
            "alertmail.to=oncall@example.com",
            "alertmail.smtp-host=127.0.0.1",
            "alertmail.smtp-port=" + smtp.port(),
            "alertmail.security=NONE",
            "alertmail.application=checkout",
            "alertmail.environment=test",
            "alertmail.shutdown-timeout=5s"
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void attachesToTheRootLoggerAndFlushesWhenTheContextCloses() throws Exception {
        runner.withPropertyValues(properties()).run(context -> {
            assertNotNull(context.getBean(AlertmailLifecycle.class).engine());
            assertNotNull(root().getAppender(AlertmailAutoConfiguration.APPENDER_NAME), "on the root logger");
            LoggerFactory.getLogger("com.shop.Checkout").error("Payment {} failed", 7, new IllegalStateException("x"));
            assertEquals(0, smtp.getReceivedMessages().length, "groupWait (10 s) has not passed");
        });
        assertNull(root().getAppender(AlertmailAutoConfiguration.APPENDER_NAME), "detached on close");
        assertEquals(1, smtp.getReceivedMessages().length, "the close flushed it");
        assertTrue(Mails.text(smtp.getReceivedMessages()[0]).startsWith("1 error in 1 incident"));
        assertTrue(smtp.getReceivedMessages()[0].getSubject().startsWith("[test] checkout: 1 error"));
    }

    @Test
    void thePropertiesNeverPrintTheKey() {
        runner.withPropertyValues(properties(
                        "alertmail.api-key=re_Canary_9f8e7d6c5b",
                        "alertmail.password=hunter2hunter2",
                        "alertmail.redis-uri=redis://:redisCanary42@127.0.0.1:1"))
                .run(context -> {
                    String s = context.getBean(AlertmailProperties.class).toString();
                    assertFalse(
                            s.contains("re_Canary_9f8e7d6c5b") || s.contains("hunter2") || s.contains("redisCanary42"),
                            s);
                    assertThat(s).contains("redisUri=****");
                });
    }

    @Test
    void theRedisUriPropertyMakesTheAppenderAFleetMember() {
        runner.withPropertyValues(properties("alertmail.redis-uri=redis://:redisCanary42@127.0.0.1:1"))
                .run(context -> {
                    AlertEngine engine =
                            context.getBean(AlertmailLifecycle.class).engine();
                    assertNotNull(engine, "an unreachable Redis does not stop the appender");
                    java.util.List<String> status =
                            root().getLoggerContext().getStatusManager().getCopyOfStatusList().stream()
                                    .map(st -> st.getMessage())
                                    .toList();
                    assertTrue(
                            status.stream().anyMatch(m -> m.contains("redisUri=redis://****@127.0.0.1:1")),
                            status.toString());
                    assertTrue(status.stream().noneMatch(m -> m.contains("redisCanary42")), "the password is masked");
                });
        runner.withPropertyValues(properties("alertmail.redis-uri=http://cache:6379"))
                .run(context ->
                        assertNull(context.getBean(AlertmailLifecycle.class).engine(), "another scheme: not attached"));
    }

    @Test
    void enabledFalseOrNoSenderMeansNoAppender() {
        runner.withPropertyValues(properties("alertmail.enabled=false"))
                .run(context -> assertFalse(context.containsBean("alertmailLifecycle")));
        runner.withPropertyValues("alertmail.to=oncall@example.com")
                .run(context -> assertFalse(context.containsBean("alertmailLifecycle")));
    }

    @Test
    void aBadValueIsReportedAndTheApplicationStillStarts() {
        runner.withPropertyValues(properties("alertmail.group-wait=ten seconds"))
                .run(context -> {
                    assertTrue(context.isRunning() || context.getStartupFailure() == null);
                    assertNull(context.getBean(AlertmailLifecycle.class).engine(), "not attached");
                    assertNull(root().getAppender(AlertmailAutoConfiguration.APPENDER_NAME));
                });
    }

    @Test
    void theMeterBinderExposesTheCounters() {
        runner.withPropertyValues(properties("alertmail.group-wait=0", "alertmail.group-interval=1ms"))
                .run(context -> {
                    SimpleMeterRegistry registry = new SimpleMeterRegistry();
                    context.getBean(AlertmailMetrics.class).bindTo(registry);
                    for (int i = 0; i < 3; i++) {
                        LoggerFactory.getLogger("com.shop.Checkout")
                                .error("Payment {} failed", i, new IllegalStateException("x"));
                    }
                    AlertEngine engine =
                            context.getBean(AlertmailLifecycle.class).engine();
                    dev.alertmail.internal.engine.TestEngines.runDueWork(engine).get();
                    assertEquals(
                            3,
                            registry.get("alertmail.events").functionCounter().count());
                    assertEquals(
                            1,
                            registry.get("alertmail.emails")
                                    .tag("result", "sent")
                                    .functionCounter()
                                    .count());
                    assertEquals(
                            0,
                            registry.get("alertmail.emails")
                                    .tag("result", "failed")
                                    .functionCounter()
                                    .count());
                    assertEquals(1, registry.get("alertmail.incidents").gauge().value());
                    assertEquals(
                            0, registry.get("alertmail.emails.pending").gauge().value());
                    assertEquals(
                            "ALERTMAIL",
                            registry.get("alertmail.events").meter().getId().getTag("appender"));
                });
    }

    @Test
    void withLog4j2AsTheLoggingSystemTheAppenderGoesOnItsRoot() throws Exception {
        AlertmailProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "alertmail.from",
                        "alerts@example.com",
                        "alertmail.to",
                        "oncall@example.com,lead@example.com",
                        "alertmail.smtp-host",
                        "127.0.0.1",
                        "alertmail.smtp-port",
                        Integer.toString(smtp.port()),
                        "alertmail.security",
                        "NONE",
                        "alertmail.redact[0]",
                        "card=\\d+",
                        "alertmail.redact[1]",
                        "a,b")))
                .bind("alertmail", AlertmailProperties.class)
                .get();
        try (Log4jHarness app = new Log4jHarness("log4j2/empty.xml", Map.of(), null)) {
            RootAttachment attachment = Log4j2Root.attach(app.context, properties, "ALERTMAIL");
            assertNotNull(attachment.engine());
            app.log("com.shop.Checkout").error("Charge failed for card=4111111111111111");
            attachment.detach();
        }
        assertEquals(1, smtp.getReceivedMessages().length);
        assertEquals(2, smtp.getReceivedMessages()[0].getAllRecipients().length);
        assertThat(Mails.text(smtp.getReceivedMessages()[0])).contains("Charge failed for [redacted]");
    }

    /** What {@code scan="true"} does on a file change: reset the context, then configure it from the file. */
    private static void rescan(LoggerContext context) throws Exception {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(
                AlertmailAutoConfigurationTest.class.getClassLoader().getResource("logback-test.xml"));
    }

    @Test
    void aLogbackResetReattachesTheAppenderAndEngineIsTheLiveOne() throws Exception {
        runner.withPropertyValues(properties()).run(context -> {
            AlertmailLifecycle lifecycle = context.getBean(AlertmailLifecycle.class);
            AlertEngine before = lifecycle.engine();
            LoggerFactory.getLogger("com.shop.Checkout").error("before the reset");
            rescan((LoggerContext) LoggerFactory.getILoggerFactory()); // flushes the old appender's email
            assertEquals(1, smtp.getReceivedMessages().length, "the reset stopped (and flushed) the old appender");
            assertNotNull(
                    root().getAppender(AlertmailAutoConfiguration.APPENDER_NAME), "attached again after the reset");
            AlertEngine after = lifecycle.engine();
            assertNotNull(after);
            assertNotSame(before, after, "engine() is the new appender's");
            LoggerFactory.getLogger("com.shop.Checkout").error("after the reset");
            assertEquals(1, after.counters().events(), "the error reached the live engine");
            rescan((LoggerContext) LoggerFactory.getILoggerFactory()); // and again: the listener survives a reset
            assertNotNull(root().getAppender(AlertmailAutoConfiguration.APPENDER_NAME));
            LoggerFactory.getLogger("com.shop.Checkout").error("after the second reset");
        });
        assertNull(root().getAppender(AlertmailAutoConfiguration.APPENDER_NAME), "detached on close");
        assertEquals(3, smtp.getReceivedMessages().length);
        assertThat(Mails.text(smtp.getReceivedMessages()[1])).contains("after the reset");
        assertThat(Mails.text(smtp.getReceivedMessages()[2])).contains("after the second reset");
        rescan((LoggerContext) LoggerFactory.getILoggerFactory());
        assertNull(root().getAppender(AlertmailAutoConfiguration.APPENDER_NAME), "no longer re-attached once detached");
    }

    @Test
    void aLog4j2ReconfigurationReattachesTheAppenderAndEngineIsTheLiveOne() throws Exception {
        AlertmailProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "alertmail.from",
                        "alerts@example.com",
                        "alertmail.to",
                        "oncall@example.com",
                        "alertmail.smtp-host",
                        "127.0.0.1",
                        "alertmail.smtp-port",
                        Integer.toString(smtp.port()),
                        "alertmail.security",
                        "NONE")))
                .bind("alertmail", AlertmailProperties.class)
                .get();
        try (Log4jHarness app = new Log4jHarness("log4j2/empty.xml", Map.of(), null)) {
            RootAttachment attachment = Log4j2Root.attach(app.context, properties, "ALERTMAIL");
            AlertEngine before = attachment.engine();
            app.log("com.shop.Checkout").error("before the reconfiguration");
            app.reconfigure(); // what monitorInterval does on a file change
            assertEquals(
                    1, smtp.getReceivedMessages().length, "the old configuration's appender was stopped and flushed");
            assertNotNull(
                    app.context
                            .getConfiguration()
                            .getRootLogger()
                            .getAppenders()
                            .get("ALERTMAIL"),
                    "attached to the new configuration's root");
            AlertEngine after = attachment.engine();
            assertNotNull(after);
            assertNotSame(before, after);
            app.log("com.shop.Checkout").error("after the reconfiguration");
            assertEquals(1, after.counters().events(), "the error reached the live engine");
            attachment.detach();
            app.reconfigure();
            assertNull(
                    app.context
                            .getConfiguration()
                            .getRootLogger()
                            .getAppenders()
                            .get("ALERTMAIL"),
                    "no longer re-attached once detached");
        }
        assertEquals(2, smtp.getReceivedMessages().length);
        assertThat(Mails.text(smtp.getReceivedMessages()[1])).contains("after the reconfiguration");
    }

    @Test
    void everySettingIsAPropertyAndIdesCanCompleteIt() throws Exception {
        String metadata;
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "generated by spring-boot-configuration-processor");
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Setting s : Setting.values()) {
            assertThat(metadata).as("%s", s.kebabCase()).contains("\"name\": \"alertmail." + s.kebabCase() + "\"");
        }
        assertThat(metadata).contains("\"name\": \"alertmail.enabled\"");
    }
}
