package dev.alertmail.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.alertmail.AlertEngine;
import dev.alertmail.testing.Failures;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only Logback has: AsyncAppender, contexts without an MDC adapter. */
class LogbackAdapterTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private Map<String, String> port() {
        return Map.of("smtpPort", Integer.toString(smtp.port()));
    }

    @Test
    void eventsOfTheSenderThreadNeverReEnterEvenBehindAnAsyncAppender() throws Exception {
        try (LogbackHarness app = new LogbackHarness("logback/async.xml", port(), clock)) {
            String sender = dev.alertmail.internal.engine.TestEngines.senderThreadName(app.engine());
            Thread t = new Thread(
                    () -> app.logger("com.example.SomeLibrary").error("logged by the sender thread"), sender);
            t.start();
            t.join();
            app.logger("com.shop.Orders").error("counted");
            AlertEngine engine = app.engine();
            app.close(); // drains the AsyncAppender's queue first
            assertEquals(1, engine.counters().events());
        }
    }

    @Test
    void withoutAnMdcAdapterTheRestOfTheEventIsStillCopied() throws Exception {
        LoggerContext context = new LoggerContext(); // no setMDCAdapter: the MDC cannot be read
        context.putProperty("smtpPort", Integer.toString(smtp.port()));
        context.putObject(AlertEngine.CLOCK_KEY, clock);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogbackAdapterTest.class.getClassLoader().getResource("logback/plain.xml"));
        try {
            context.getLogger("com.shop.Payments").error("Payment {} failed", 7, Failures.fromSiteA(7));
            clock.advance(Duration.ofSeconds(10));
            dev.alertmail.internal.engine.TestEngines.runDueWork(
                            ((ResendAlertAppender) context.getLogger("ROOT").getAppender("ALERTS")).getEngine())
                    .get();
        } finally {
            context.stop();
        }
        String text = Mails.text(smtp.getReceivedMessages()[0]);
        assertThat(text).contains("logger:      com.shop.Payments");
        assertThat(text).contains("thread:      " + Thread.currentThread().getName());
        assertThat(text).contains("IllegalStateException: payment declined for order 7");
        assertThat(text).contains("Payment 7 failed");
        assertThat(text).contains("at dev.alertmail.testing.Failures.fromSiteA");
        assertFalse(text.contains("unknown"), text);
    }
}
