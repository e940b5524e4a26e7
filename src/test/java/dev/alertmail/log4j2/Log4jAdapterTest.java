package dev.alertmail.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.AlertEngine;
import dev.alertmail.testing.Failures;
import dev.alertmail.testing.Log4jHarness;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.PinnedLog4jClock;
import dev.alertmail.testing.ScriptedSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only Log4j2 has: plugin building, managers, reconfiguration, the status logger. */
class Log4jAdapterTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private Map<String, String> port() {
        return Map.of("smtpPort", Integer.toString(greenMail.getSmtp().getPort()));
    }

    private static long senderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("alertmail-sender-"))
                .count();
    }

    @Test
    void reconfigurationKeepsPendingIncidentsAndLeaksNoThread() throws Exception {
        long threadsBefore = senderThreads();
        try (Log4jHarness app = new Log4jHarness("log4j2/plain.xml", port(), clock)) {
            AlertEngine engine = app.engine();
            ResendAlertAppender before = app.appender();
            for (int i = 0; i < 5; i++) {
                app.log("com.shop.Orders").error("Order {} failed", i, Failures.fromSiteA(i));
            }
            for (int r = 0; r < 3; r++) {
                app.reconfigure(); // same file, same settings: the manager carries over
            }
            assertNotSame(before, app.appender());
            assertSame(engine, app.engine(), "the new appender took over the same engine");
            assertEquals(threadsBefore + 1, senderThreads());
            for (int i = 0; i < 3; i++) {
                app.log("com.shop.Orders").error("Order {} failed", i, Failures.fromSiteA(i));
            }
            app.advance(Duration.ofSeconds(10));
            assertEquals(List.of(8L), Mails.counts(greenMail.getReceivedMessages()[0]));
        }
        assertEquals(threadsBefore, senderThreads(), "stopping the context stops the sender thread");
    }

    @Test
    void reconfigurationToOtherSettingsFlushesTheOldEngine() throws Exception {
        try (Log4jHarness app = new Log4jHarness("log4j2/plain.xml", port(), clock)) {
            AlertEngine old = app.engine();
            app.log("com.shop.Orders").error("Order {} failed", 1, Failures.fromSiteA(1));
            System.setProperty("alertmail.test.environment", "staging");
            try {
                app.reconfigure();
            } finally {
                System.clearProperty("alertmail.test.environment");
            }
            assertNotSame(old, app.engine());
            assertEquals(1, greenMail.getReceivedMessages().length, "the released engine flushed what was pending");
            assertTrue(greenMail.getReceivedMessages()[0].getSubject().startsWith("[prod]"));
        }
    }

    @Test
    void asyncLoggersWithReusedEventsAreCopiedCorrectly() throws Exception {
        // With the default 4096 slots, Log4j 2.25.5 itself lost ~17 % of this burst before any appender
        // (its CountingNoOp appender saw the same loss); a ring that holds the burst keeps the test about us.
        System.setProperty("log4j2.asyncLoggerConfigRingBufferSize", "16384");
        Log4jHarness app;
        try {
            app = new Log4jHarness("log4j2/async.xml", port(), clock);
        } finally {
            System.clearProperty("log4j2.asyncLoggerConfigRingBufferSize");
        }
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int worker = t;
            Thread thread = new Thread(
                    () -> {
                        for (int i = 0; i < 1_000; i++) {
                            app.log("com.shop.Orders").info("worker " + worker + " step " + i);
                            app.log("com.shop.Orders")
                                    .error("Order {} failed", worker * 10_000 + i, Failures.fromSiteA(i));
                        }
                    },
                    "async-worker-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        dev.alertmail.AlertEngine engine = app.engine();
        org.apache.logging.log4j.core.appender.CountingNoOpAppender counting =
                app.context.getConfiguration().getAppender("COUNT");
        app.close(); // drains the ring buffer, then stops the appender, which flushes
        assertEquals(6_000, counting.getCount(), "Log4j2 delivered every event");
        assertEquals(3_000, engine.counters().events(), "alertmail counted every ERROR it was given");
        jakarta.mail.internet.MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertEquals(List.of(3_000L), Mails.counts(mail), "one incident: the format, not the formatted text");
        String text = Mails.text(mail);
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("thread:\\s+async-worker-(\\d)").matcher(text);
        assertTrue(m.find(), text);
        String worker = m.group(1);
        java.util.regex.Matcher order = java.util.regex.Pattern.compile("message:\\s+Order (\\d+) failed")
                .matcher(text);
        assertTrue(order.find(), text);
        int i = Integer.parseInt(order.group(1)) - Integer.parseInt(worker) * 10_000;
        assertThat(text)
                .as("%s", "the context line right before the first error is that thread's own:\n" + text)
                .contains("INFO com.shop.Orders - worker " + worker + " step " + i + "\n");
        assertFalse(
                text.matches("(?s).*preceding lines.*worker (?!" + worker + ")\\d step.*"),
                "no other thread's lines in the context:\n" + text);
    }

    @Test
    void appendersWithIdenticalSettingsShareOneManager() {
        try (Log4jHarness app = new Log4jHarness("log4j2/shared.xml", port(), clock)) {
            assertSame(app.appender("ALERTS").getEngine(), app.appender("AUDIT").getEngine());
        }
    }

    @Test
    void badConfigurationIsReportedOnTheStatusLoggerAndNeverThrows() {
        try (Log4jHarness app = new Log4jHarness("log4j2/bad/no-from.xml", Map.of(), null)) {
            String errors = String.join("\n", app.errors());
            assertThat(errors).contains("'from' is required");
            assertThat(errors).contains("cannot parse duration 'ten seconds'");
            assertNull(app.appender());
            assertFalse(app.statusText().contains("re_x_secretish"), "sensitive attributes are not echoed");
            assertDoesNotThrow(() -> app.log("com.shop.Orders").error("boom", new IllegalStateException("x")));
        }
    }

    @Test
    void anEventReachingTwoAppendersThatShareAManagerIsCountedOnce() throws Exception {
        try (Log4jHarness app = new Log4jHarness("log4j2/shared-both.xml", port(), clock)) {
            assertSame(app.appender("ALERTS").getEngine(), app.appender("AUDIT").getEngine());
            for (int i = 0; i < 10; i++) { // com.shop.audit -> AUDIT, and additively root -> ALERTS
                app.log("com.shop.audit.Ledger").error("Ledger {} out of balance", i, Failures.fromSiteA(i));
            }
            app.log("com.shop.Orders").error("only root sees this");
            assertEquals(11, app.engine().counters().events());
            app.advance(Duration.ofSeconds(10));
            assertEquals(11, Mails.totalCount(greenMail.getReceivedMessages()[0]));
        }
    }

    /**
     * Garbage-free Log4j2 reuses one event and one message object per thread, and with a
     * millisecond clock two events of a thread may carry the same instant: distinct events must
     * still be counted, each once, while each still reaches both appenders of the shared manager.
     */
    @Test
    void reusedEventsInOneMillisecondAreNeverTakenForOneEventReachingTwoAppenders() throws Exception {
        assertTrue(org.apache.logging.log4j.core.util.Constants.ENABLE_THREADLOCALS, "garbage-free events");
        long reads = PinnedLog4jClock.pinnedReads();
        PinnedLog4jClock.pin(clock.millis());
        try (Log4jHarness app = new Log4jHarness("log4j2/shared-both.xml", port(), clock)) {
            org.apache.logging.log4j.Logger ledger = app.context.getLogger("com.shop.audit.Ledger");
            ledger.error("Ledger out of balance");
            ledger.error("Ledger locked"); // another error, same thread, same millisecond
            ledger.error("Ledger locked"); // the same error again: a second occurrence, not a second appender
            ledger.error("Ledger {} out of balance", 1);
            ledger.error("Ledger {} out of balance", 2);
            assertTrue(PinnedLog4jClock.pinnedReads() > reads, "the events took the pinned millisecond");
            assertEquals(5, app.engine().counters().events());
            app.advance(Duration.ofSeconds(10));
            Map<String, Long> counts = Mails.incidentCounts(greenMail.getReceivedMessages()[0]);
            assertEquals(5, Mails.totalCount(greenMail.getReceivedMessages()[0]), counts.toString());
            assertEquals(3, counts.size(), counts.toString());
        } finally {
            PinnedLog4jClock.unpin();
        }
    }

    /**
     * Releasing a manager runs under Log4j2's one lock for every manager of the JVM: the flush on
     * stop (up to shutdownTimeout) must not, or every other appender's start and stop waits for it.
     */
    @Test
    void aFlushStuckOnAStalledServerDoesNotHoldUpOtherManagers() throws Exception {
        try (ScriptedSmtpServer stalled = ScriptedSmtpServer.plain().stall()) {
            Log4jHarness app =
                    new Log4jHarness("log4j2/stalled.xml", Map.of("smtpPort", Integer.toString(stalled.port())), clock);
            app.log("com.shop.Orders").error("Order failed");
            Thread stopper = new Thread(app::close, "stopping-log4j2");
            stopper.start(); // the flush connects and gets no answer for shutdownTimeout (5 s)
            assertTrue(stalled.awaitStalledClient(30, java.util.concurrent.TimeUnit.SECONDS));
            try (Log4jHarness other = new Log4jHarness("log4j2/plain.xml", port(), clock)) { // creates a manager
                assertFalse(
                        app.statusText().contains("alertmail: stopped"),
                        "another manager was created only once the stuck flush was over:\n" + app.statusText());
                assertTrue(other.alertsRunning());
            }
            stopper.join(30_000);
            assertThat(app.statusText()).contains("alertmail: stopped");
            assertTrue(
                    app.statusText().contains("still being sent")
                            || app.statusText().contains("not delivered"),
                    "the stuck email is reported: " + app.statusText());
        }
    }

    @Test
    void eventsOfTheSenderThreadNeverReEnterEvenBehindAnAsyncLogger() throws Exception {
        try (Log4jHarness app = new Log4jHarness("log4j2/async.xml", port(), clock)) {
            String sender = dev.alertmail.internal.engine.TestEngines.senderThreadName(app.engine());
            Thread t =
                    new Thread(() -> app.log("com.example.SomeLibrary").error("logged by the sender thread"), sender);
            t.start();
            t.join();
            app.log("com.shop.Orders").error("counted");
            AlertEngine engine = app.engine();
            app.context.stop(30, java.util.concurrent.TimeUnit.SECONDS); // drains the ring buffer
            assertEquals(1, engine.counters().events());
        }
    }

    @Test
    void anEventCarryingOnlyAThrowableProxyKeepsItsTraceAndFingerprint() throws Exception {
        try (Log4jHarness app = new Log4jHarness("log4j2/plain.xml", port(), clock)) {
            RuntimeException live = Failures.fromSiteA(1);
            org.apache.logging.log4j.core.LogEvent real = org.apache.logging.log4j.core.impl.Log4jLogEvent.newBuilder()
                    .setLoggerName("com.shop.Orders")
                    .setLevel(org.apache.logging.log4j.Level.ERROR)
                    .setMessage(new org.apache.logging.log4j.message.ParameterizedMessage("Order {} failed", 1))
                    .setThrown(live)
                    .build();
            // what a copy of an event made where the exception class is unknown carries: the proxy only
            org.apache.logging.log4j.core.LogEvent deserialized = new org.apache.logging.log4j.core.AbstractLogEvent() {
                private static final long serialVersionUID = 1L;

                @Override
                public String getLoggerName() {
                    return real.getLoggerName();
                }

                @Override
                public org.apache.logging.log4j.Level getLevel() {
                    return real.getLevel();
                }

                @Override
                public org.apache.logging.log4j.message.Message getMessage() {
                    return real.getMessage();
                }

                @Override
                public org.apache.logging.log4j.core.impl.ThrowableProxy getThrownProxy() {
                    return real.getThrownProxy();
                }

                @Override
                public long getTimeMillis() {
                    return real.getTimeMillis();
                }

                @Override
                public String getThreadName() {
                    return "remote-host-worker";
                }

                @Override
                public long getThreadId() {
                    return -1;
                }
            };
            assertNull(deserialized.getThrown());
            app.appender().append(deserialized);
            app.log("com.shop.Orders").error("Order {} failed", 2, Failures.fromSiteA(2)); // the live twin
            app.advance(Duration.ofSeconds(10));
            String text = Mails.text(greenMail.getReceivedMessages()[0]);
            assertTrue(
                    text.startsWith("2 errors in 1 incident"),
                    "one fingerprint for the proxy and the live exception: " + text);
            assertThat(text).contains("at dev.alertmail.testing.Failures.fromSiteA");
        }
    }

    @Test
    void anArgumentWhoseToStringThrowsIsStillCounted() throws Exception {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("toString exploded");
            }
        };
        try (Log4jHarness app = new Log4jHarness("log4j2/plain.xml", port(), clock)) {
            app.context.getLogger("com.shop.Orders").error("Order {} failed", hostile);
            assertEquals(1, app.engine().counters().events());
            assertEquals(0, app.engine().counters().eventsDropped());
        }
    }
}
