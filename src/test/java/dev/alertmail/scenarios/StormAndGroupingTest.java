package dev.alertmail.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.testing.Adapter;
import dev.alertmail.testing.AlertApp;
import dev.alertmail.testing.Failures;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.TestLog;
import jakarta.mail.internet.MimeMessage;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Storms, grouping, levels and repeats, through a real logback.xml and log4j2.xml alike. */
class StormAndGroupingTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private AlertApp app(Adapter adapter, String... props) {
        Map<String, String> p = new HashMap<>();
        p.put("smtpPort", Integer.toString(smtp.port()));
        for (int i = 0; i < props.length; i += 2) {
            p.put(props[i], props[i + 1]);
        }
        return adapter.start("plain", p, clock);
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void stormOfTenThousandErrorsFromFourThreadsBecomesOneEmailWithExactCounts(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter)) {
            TestLog log = app.log("com.shop.Checkout");
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(
                        () -> {
                            await(start);
                            for (int i = 0; i < 2_500; i++) {
                                Failures.kind(log, i % 10, i);
                            }
                        },
                        "worker-" + t);
                threads.add(thread);
                thread.start();
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(10_000, app.engine().counters().events());

            app.runDueWork();
            assertEquals(0, smtp.getReceivedMessages().length, "group wait has not elapsed yet");

            app.advance(Duration.ofSeconds(10));
            MimeMessage[] mails = smtp.getReceivedMessages();
            assertEquals(1, mails.length);
            List<Long> counts = Mails.counts(mails[0]);
            assertEquals(10, counts.size(), counts.toString());
            assertEquals(10_000, Mails.totalCount(mails[0]));
            counts.forEach(c -> assertEquals(1_000L, c));
            assertTrue(
                    mails[0].getSubject().startsWith("[prod] checkout: 10000 errors — IllegalStateException"),
                    mails[0].getSubject());

            app.advance(Duration.ofMinutes(5));
            assertEquals(1, smtp.getReceivedMessages().length, "nothing new, nothing to repeat yet");
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void parameterisedMessagesAreOneIncidentAndTwoThrowSitesAreTwo(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter)) {
            TestLog log = app.log("com.shop.Orders");
            for (int id = 0; id < 50; id++) {
                log.error("Order {} failed", id, Failures.fromSiteA(id));
            }
            for (int id = 0; id < 7; id++) {
                log.error("Order {} failed", id, Failures.fromSiteB(id));
            }
            app.advance(Duration.ofSeconds(10));
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertEquals(List.of(50L, 7L), Mails.counts(mail));
            assertThat(Mails.text(mail))
                    .as("%s", "the first sample is kept, intact")
                    .contains("payment declined for order 0");
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void warnIsIgnoredByDefaultAndIncludedWithLevelWarn(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter)) {
            app.log("com.shop.Cart").warn("Cart almost full");
            app.advance(Duration.ofMinutes(1));
            assertEquals(0, app.engine().counters().events());
            assertEquals(0, smtp.getReceivedMessages().length);
        }
        try (AlertApp app = app(adapter, "level", "WARN")) {
            app.log("com.shop.Cart").warn("Cart almost full");
            app.advance(Duration.ofMinutes(1));
            MimeMessage[] mails = smtp.getReceivedMessages();
            assertEquals(1, mails.length);
            assertEquals(Map.of("Cart almost full", 1L), Mails.incidentCounts(mails[0]));
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void stillFiringIncidentIsRepeatedWithCountSinceLastEmailAndStoppedOneIsNot(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter)) {
            TestLog log = app.log("com.shop.Payments");
            for (int i = 0; i < 3; i++) {
                log.error("Gateway timeout for {}", i, new SocketTimeoutException("read timed out"));
            }
            log.error("Refund 1 rejected");
            app.advance(Duration.ofSeconds(10));
            assertEquals(
                    Map.of("SocketTimeoutException: read timed out", 3L, "Refund 1 rejected", 1L),
                    Mails.incidentCounts(smtp.getReceivedMessages()[0]));

            // the gateway keeps failing, the refund never again
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofMinutes(10));
                log.error("Gateway timeout for {}", i, new SocketTimeoutException("read timed out"));
                app.runDueWork();
            }
            assertEquals(1, smtp.getReceivedMessages().length, "repeat interval (1 h) not reached yet");

            app.advance(Duration.ofMinutes(10)); // 1 h 10 s after the first email
            MimeMessage[] mails = smtp.getReceivedMessages();
            assertEquals(2, mails.length);
            assertEquals(Map.of("SocketTimeoutException: read timed out", 5L), Mails.incidentCounts(mails[1]));
            assertThat(Mails.text(mails[1])).contains("still firing: 8 in total");

            app.advance(Duration.ofHours(3));
            assertEquals(2, smtp.getReceivedMessages().length, "a stopped incident is not mailed again");
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void stopFlushesWhatGroupWaitWasStillHoldingBack(Adapter adapter) throws Exception {
        AlertApp app = app(adapter);
        for (int i = 0; i < 3; i++) {
            app.log("com.shop.Checkout").error("Order {} failed", i, Failures.fromSiteA(i));
        }
        app.runDueWork();
        assertEquals(0, smtp.getReceivedMessages().length, "still inside group wait");

        app.close(); // LoggerContext.stop(), as the frameworks' shutdown hooks do
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertEquals(1, mails.length);
        assertEquals(List.of(3L), Mails.counts(mails[0]));
        assertThat(app.statusText()).contains("stopped; events=3, emailsSent=1");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
