package dev.alertmail.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.internal.capture.ThrowableAccess;
import dev.alertmail.internal.delivery.EmailLedger;
import dev.alertmail.internal.delivery.HostIdentity;
import dev.alertmail.internal.delivery.Outbox;
import dev.alertmail.internal.delivery.SendResult;
import dev.alertmail.internal.plan.EmailPlan;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.RecordingStatus;
import dev.alertmail.testing.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine with a fake transport: outbox, retries, pacing, shutdown and loss reports, without sockets. */
class EngineTest {

    private static final Pattern NOT_DELIVERED = Pattern.compile("\\((\\d+) incidents, (\\d+) events not delivered\\)");
    private static final Pattern NEVER_MAILED = Pattern.compile("(\\d+) events were counted but never made it");

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    private final FakeTransport transport = new FakeTransport();
    private final RecordingStatus status = new RecordingStatus();
    private final List<Engine> engines = new ArrayList<>();

    private Engine engine(Map<String, String> settings) {
        return engine(settings, plan -> {});
    }

    private Engine engine(Map<String, String> settings, Consumer<EmailPlan> beforeBuild) {
        Engine e = new Engine(
                TestConfigs.config(settings),
                "test",
                status,
                clock,
                new EmailLedger(),
                transport,
                beforeBuild,
                HostIdentity.DNS);
        engines.add(e);
        return e;
    }

    @AfterEach
    void stop() {
        transport.release();
        engines.forEach(Engine::close);
    }

    private static void errors(Engine e, String pattern, int n) {
        TestEngines.errors(e, "com.shop.Checkout", pattern, n);
    }

    private static void run(Engine e) {
        try {
            e.runDueWork().get(30, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    private static long sum(Pattern p, int group, List<String> lines) {
        long n = 0;
        for (String l : lines) {
            Matcher m = p.matcher(l);
            while (m.find()) {
                n += Long.parseLong(m.group(group));
            }
        }
        return n;
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffSameBytesSameKey() throws Exception {
        transport.then(SendResult.retry("451 4.3.0 try later"), SendResult.retry("421 4.4.2 busy"));
        Engine e = engine(Map.of());
        errors(e, "Order {} failed", 3);
        clock.advance(Duration.ofSeconds(10));
        run(e);
        run(e);
        assertEquals(1, transport.attempts.size(), "the backoff (at least 500 ms) has not passed");
        clock.advance(Duration.ofSeconds(1));
        run(e);
        clock.advance(Duration.ofSeconds(2));
        run(e);
        assertEquals(3, transport.attempts.size());
        for (FakeTransport.Attempt a : transport.attempts) {
            assertArrayEquals(transport.attempts.get(0).mime(), a.mime(), "byte for byte the same email");
        }
        assertEquals(1, e.counters().emailsSent());
        assertEquals(2, e.counters().emailsRetried());
        assertEquals(0, e.counters().emailsPending());
    }

    @Test
    void permanentFailuresAndPeerRefusalsAreBookedOnceAndNotRetried() {
        transport.then(
                SendResult.failed("550 5.7.1 domain not verified"),
                SendResult.deduplicated("550 invalid_idempotent_request"));
        Engine e = engine(Map.of("groupInterval", "1s"));
        errors(e, "A", 1);
        clock.advance(Duration.ofSeconds(10));
        run(e);
        errors(e, "B", 1);
        clock.advance(Duration.ofSeconds(11));
        run(e);
        clock.advance(Duration.ofMinutes(10));
        run(e);
        assertEquals(2, transport.attempts.size());
        assertEquals(1, e.counters().emailsFailed());
        assertEquals(1, e.counters().emailsDeduplicated());
        assertTrue(status.all().contains("550 5.7.1 domain not verified"), status.all());
        assertEquals(1, status.errors().size(), "a peer's refusal is not an error");
    }

    @Test
    void sendsArePacedToMaxEmailsPerSecond() {
        Engine e = engine(Map.of(
                "maxEmailsPerSecond", "1", "groupWait", "0", "groupInterval", "1ms", "shutdownTimeout", "100ms"));
        transport.then(SendResult.retry("451"), SendResult.retry("451"), SendResult.retry("451"));
        List<Integer> perTick = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            errors(e, "pattern " + t, 1);
            int before = transport.attempts.size();
            run(e);
            perTick.add(transport.attempts.size() - before);
            clock.advance(Duration.ofMillis(400));
        }
        for (int i = 0; i + 2 < perTick.size(); i++) {
            int inOneSecond = perTick.get(i) + perTick.get(i + 1) + perTick.get(i + 2);
            assertTrue(inOneSecond <= 1, "at most one attempt in any 1.2 s: " + perTick);
        }
    }

    @Test
    void anEmailFailingForTwentyThreeHoursIsGivenUpAndReportedWithItsCount() {
        for (int i = 0; i < 1_000; i++) {
            transport.then(SendResult.retry("421 4.3.2 down"));
        }
        Engine e = engine(Map.of());
        errors(e, "A", 12);
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 300 && e.counters().emailsFailed() == 0; i++) {
            run(e);
            clock.advance(Duration.ofMinutes(5));
        }
        assertEquals(1, e.counters().emailsFailed());
        assertTrue(
                status.errors().get(0).contains("giving up")
                        && status.errors().get(0).contains("12 events"),
                status.errors().toString());
    }

    @Test
    void stopWithAFullOutboxMailsOrReportsEveryEvent() {
        for (int i = 0; i < 10_000; i++) {
            transport.then(SendResult.retry("421 4.3.2 down"));
        }
        Engine e = engine(Map.of("groupWait", "0", "groupInterval", "1s", "shutdownTimeout", "300ms"));
        long logged = 0;
        for (int t = 0; t < 25; t++) {
            errors(e, "pattern " + t + " for {}", t + 1); // {}: the numbers are words
            logged += t + 1;
            run(e);
            clock.advance(Duration.ofSeconds(2));
        }
        assertEquals(Outbox.CAPACITY, e.counters().emailsPending(), "pending emails are bounded");
        e.close();
        long lost = sum(NOT_DELIVERED, 2, status.errors()) + sum(NEVER_MAILED, 1, status.errors());
        assertEquals(logged, lost, "every event is reported: " + status.errors());
        assertTrue(status.all().contains(Outbox.CAPACITY + 1 + " email(s) not delivered"), status.all());
    }

    @Test
    void stopWhileTheWorkerIsStuckInASendStillFlushesWithinShutdownTimeout() throws Exception {
        transport.holdNext();
        Engine e = engine(Map.of("shutdownTimeout", "1s"));
        errors(e, "A", 5);
        clock.advance(Duration.ofSeconds(10));
        e.runDueWork(); // the worker enters the send and stays there
        assertTrue(transport.holding.await(30, TimeUnit.SECONDS));
        errors(e, "A", 7);
        errors(e, "B", 2);
        long start = System.nanoTime();
        e.close();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 5_000, "stop took " + tookMs + " ms");
        List<FakeTransport.Attempt> sent = transport.sent();
        assertEquals(1, sent.size(), "the flush went out from the stopping thread");
        assertEquals(9, sent.get(0).events());
        assertTrue(sent.get(0).timeoutCap() <= 1_000, "its timeouts are capped by what is left of shutdownTimeout");
        assertTrue(status.all().contains("still being sent (1 incidents, 5 events not delivered)"), status.all());
    }

    @Test
    void aFailedBuildBooksNothingAndIsReportedOnce() {
        AtomicInteger failures = new AtomicInteger(3);
        Engine e = engine(Map.of(), plan -> {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("renderer exploded");
            }
        });
        errors(e, "A", 4);
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 4; i++) {
            run(e);
            clock.advance(Duration.ofMillis(200));
        }
        assertEquals(1, transport.sent().size());
        assertTrue(Mailbox.text(transport.sent().get(0)).startsWith("4 errors in 1 incident"));
        assertEquals(1, status.errors().size(), "throttled: " + status.errors());
        assertTrue(
                status.errors().get(0).contains("4 events stay unreported"),
                status.errors().toString());
    }

    @Test
    void maxIncidentsIsExactUnderConcurrencyAndEveryEventIsCounted() throws Exception {
        Engine e = engine(Map.of("maxIncidents", "100"));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    errors(e, "thread " + id + " pattern " + i + " for {}", 1); // {}: the numbers are words
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(100, e.incidentsTracked());
        assertEquals(4_000, e.counters().events());
        e.close();
        assertTrue(Mailbox.text(transport.sent().get(0)).startsWith("4000 errors in 101 incidents"));
    }

    /** An invariant under real concurrency; {@link IncidentStoreTest} makes the retirement race happen on purpose. */
    @Test
    void countingThreadsAndRetirementsNeverLoseAnEvent() throws Exception {
        Engine e = engine(
                Map.of("resolveAfter", "1ms", "repeatInterval", "1ms", "groupWait", "0", "groupInterval", "1ms"));
        AtomicLong counted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        for (int t = 0; t < 3; t++) {
            threads.add(new Thread(() -> {
                java.util.Random random = new java.util.Random();
                while (!stop.get()) { // bursts and pauses: the incident goes quiet, is retired, and is hit again
                    int burst = 1 + random.nextInt(200);
                    errors(e, "hot", burst);
                    counted.addAndGet(burst);
                    java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(2_000_000));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(5)); // quiet "long enough" over and over, while the threads keep counting
            run(e);
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        e.close();
        long mailed = 0;
        for (FakeTransport.Attempt a : transport.sent()) {
            mailed += a.events();
        }
        assertEquals(counted.get(), e.counters().events());
        assertEquals(counted.get(), mailed, "every event in exactly one email: " + status.errors());
    }

    @Test
    void backoffCountsFromTheEndOfAStalledAttemptAndAnErrorInTheTransportIsJustAFailedAttempt() {
        Engine e = engine(Map.of("timeout", "20s"));
        transport.duringSend(() -> clock.advance(Duration.ofSeconds(20)));
        transport.then(SendResult.retry("421 4.4.2 timed out"));
        errors(e, "A", 1);
        clock.advance(Duration.ofSeconds(10));
        run(e); // the attempt takes 20 s of clock time, then fails
        clock.advance(Duration.ofMillis(200));
        run(e);
        assertEquals(1, transport.attempts.size(), "backed off from when the attempt ended, not began");
        transport.duringSend(() -> {
            throw new StackOverflowError("in the transport");
        });
        clock.advance(Duration.ofSeconds(2));
        run(e);
        assertEquals(2, e.counters().emailsRetried(), "an Error is a failed attempt, not an email stuck in flight");
        transport.duringSend(() -> {});
        clock.advance(Duration.ofSeconds(5));
        run(e);
        assertEquals(1, e.counters().emailsSent());
    }

    /**
     * Issue #19, finding 8: an application that crashes at start stops while the start-up lookup
     * of this machine's name still waits on DNS. The stop must not wait for it past
     * shutdownTimeout (the crash alert goes out with a fallback name), and must not hold the
     * JVM-wide key ledger while it waits (another engine of this JVM keeps mailing).
     */
    @Test
    void aSlowHostLookupNeverHoldsTheStopPastShutdownTimeoutNorTheLedger() throws Exception {
        java.util.concurrent.CountDownLatch dns = new java.util.concurrent.CountDownLatch(1);
        HostIdentity.Resolver slowDns = canonical -> {
            while (true) { // like a real lookup: an interrupt does not end it
                try {
                    dns.await();
                    return "looked-up.example";
                } catch (InterruptedException ignored) {
                    // keep waiting
                }
            }
        };
        EmailLedger ledger = new EmailLedger();
        Engine crashing = new Engine(
                TestConfigs.config(Map.of("shutdownTimeout", "500ms")),
                "crashing",
                status,
                clock,
                ledger,
                transport,
                plan -> {},
                slowDns);
        FakeTransport otherTransport = new FakeTransport();
        Engine other = new Engine(
                TestConfigs.config(Map.of("localhost", "other.example")),
                "other",
                status,
                clock,
                ledger,
                otherTransport,
                plan -> {},
                canonical -> "other.example");
        engines.add(crashing);
        engines.add(other);
        try {
            errors(crashing, "Application failed to start", 1);
            errors(other, "B", 1);
            clock.advance(Duration.ofSeconds(10));
            long start = System.nanoTime();
            Thread stopping = new Thread(crashing::close, "stopping");
            stopping.start();
            boolean otherMailed;
            try {
                other.runDueWork().get(5, TimeUnit.SECONDS);
                otherMailed = otherTransport.sent().size() == 1;
            } catch (java.util.concurrent.TimeoutException e) {
                otherMailed = false;
            }
            stopping.join(5_000);
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            boolean stuck = stopping.isAlive();
            dns.countDown();
            stopping.join();
            assertFalse(stuck, "close() waited for DNS past shutdownTimeout (500 ms): " + status.all());
            assertTrue(otherMailed, "another engine could not mail while this one waited for DNS: " + status.all());
            // 500 ms of shutdownTimeout, then at most 1 s for the worker thread (stuck in the lookup) to end
            assertTrue(tookMs < 4_000, "stop took " + tookMs + " ms");
            assertEquals(1, transport.sent().size(), "the crash alert went out: " + status.all());
            String messageId = transport.sent().get(0).parse().getMessageID();
            assertTrue(messageId.endsWith("@localhost>"), "a fallback name, not a wait: " + messageId);
            assertFalse(status.all().contains("not delivered"), status.all());
        } finally {
            dns.countDown();
        }
    }

    /**
     * Issue #19, finding 5: NTP steps the wall clock back an hour. The engine's timers count the
     * time that really passed, so an incident inside groupWait is mailed when groupWait is over,
     * not an hour later.
     */
    @Test
    void aWallClockSteppedBackInsideGroupWaitDoesNotDelayTheEmail() throws Exception {
        Engine e = engine(Map.of());
        errors(e, "Order {} failed", 2);
        clock.advance(Duration.ofSeconds(5));
        run(e);
        clock.stepWallClock(Duration.ofHours(-1));
        run(e);
        errors(e, "Order {} failed", 1);
        clock.advance(Duration.ofSeconds(4));
        run(e);
        assertEquals(0, transport.attempts.size(), "9 s of groupWait (10 s) have passed");
        clock.advance(Duration.ofSeconds(1));
        run(e);
        assertEquals(1, transport.sent().size(), "10 s have passed: " + status.all());
        assertEquals(3, transport.sent().get(0).events());
        String text = Mailbox.text(transport.sent().get(0));
        assertTrue(text.contains("09:00:10"), "times are shown on the wall clock as it reads now: " + text);
    }

    /** ... and a retry waits its backoff in time that really passed. */
    @Test
    void aWallClockSteppedBackDuringARetryBackoffDoesNotDelayTheRetry() {
        transport.then(SendResult.retry("421 4.3.2 try later"));
        Engine e = engine(Map.of());
        errors(e, "Order {} failed", 1);
        clock.advance(Duration.ofSeconds(10));
        run(e);
        assertEquals(1, transport.attempts.size());
        clock.stepWallClock(Duration.ofHours(-1));
        clock.advance(Duration.ofSeconds(1)); // the first backoff is at most 1 s
        run(e);
        assertEquals(2, transport.attempts.size(), status.all());
        assertEquals(1, e.counters().emailsSent());
    }

    /** ... and a repeat scheduled before the step goes out a repeatInterval after the last email, really. */
    @Test
    void aWallClockSteppedBackDoesNotDelayARepeatScheduledBeforeTheStep() throws Exception {
        Engine e = engine(Map.of("repeatInterval", "1h"));
        errors(e, "Order {} failed", 1);
        clock.advance(Duration.ofSeconds(10));
        run(e);
        assertEquals(1, transport.sent().size());
        errors(e, "Order {} failed", 4); // still firing
        clock.advance(Duration.ofMinutes(30));
        clock.stepWallClock(Duration.ofHours(-1));
        run(e);
        clock.advance(Duration.ofMinutes(29));
        run(e);
        assertEquals(1, transport.sent().size(), "59 min since the first email");
        clock.advance(Duration.ofMinutes(1));
        run(e);
        assertEquals(2, transport.sent().size(), "an hour has passed since the first email: " + status.all());
        assertEquals(4, transport.sent().get(1).events());
    }

    /** Reads a sent email's text part. */
    static final class Mailbox {
        static String text(FakeTransport.Attempt a) {
            try {
                return dev.alertmail.testing.Mails.text(a.parse());
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }
    }

    private static final Pattern AFTER_STOP = Pattern.compile("(\\d+) events arrived after the appender stopped");

    /** A thread that passed the framework's started-check records after the loss report. */
    @Test
    void anEventRecordedAfterCloseIsReportedAsLostNeverSilentlyCounted() throws Exception {
        Engine e = engine(Map.of());
        errors(e, "A", 2);
        e.close();
        assertTrue(status.all().contains("events=2"), status.all());
        errors(e, "A", 1); // an incident the final email knew
        errors(e, "B", 2); // a new one
        assertEquals(5, e.counters().events());
        assertEquals(3, sum(AFTER_STOP, 1, status.errors()), "each late event reported once: " + status.all());
        assertEquals(1, transport.sent().size());
        assertEquals(2, transport.sent().get(0).events(), "the final email had the two from before");
    }

    /**
     * The race itself: a thread is inside {@code record} (capturing a new incident's sample) when
     * {@code close()} flushes and reports; its event lands after both. It is reported, with its
     * count, once — and an event that the loss report did see is not reported twice.
     */
    @Test
    void anEventCountedWhileCloseReportsIsReportedOnceAsLost() throws Exception {
        transport.then(SendResult.failed("550 5.7.1 rejected"));
        Engine e = engine(Map.of());
        java.util.concurrent.CountDownLatch inCapture = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        errors(e, "A", 4);
        Thread late = new Thread(
                () -> e.record(
                        "com.shop.Checkout",
                        "B",
                        null,
                        ThrowableAccess.JDK,
                        "B",
                        (ev, b) -> {
                            inCapture.countDown();
                            try {
                                closed.await();
                            } catch (InterruptedException ie) {
                                Thread.currentThread().interrupt();
                            }
                            b.message(() -> ev);
                        },
                        false),
                "late-logger");
        late.start();
        assertTrue(inCapture.await(30, TimeUnit.SECONDS));
        e.close(); // the final email (A ×4) is refused: its events are reported as not delivered
        closed.countDown();
        late.join(30_000);
        assertEquals(5, e.counters().events());
        assertTrue(status.all().contains("550 5.7.1 rejected"), status.all());
        assertEquals(1, sum(AFTER_STOP, 1, status.errors()), status.all());
    }
}
