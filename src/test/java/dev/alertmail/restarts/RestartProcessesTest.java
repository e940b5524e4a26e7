package dev.alertmail.restarts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.internal.engine.TestEngines;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lives of a service in JVMs of their own, killed with {@code Runtime.halt} during groupWait; the
 * next life is an engine in this JVM on a hand-moved clock (started at the real time, since
 * journals keep wall-clock times), on the same stateDir, through the same logback.xml.
 */
class RestartProcessesTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    @TempDir
    Path state;

    private final List<Process> processes = new ArrayList<>();
    private final List<LogbackHarness> apps = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        apps.forEach(LogbackHarness::close);
    }

    /** Starts a life; returns once it journaled its events (and, with {@code now}, died). */
    private Process life(int events, String when) throws Exception {
        return life(events, when, "60s", 1_000, "com.shop.Checkout", "1.0");
    }

    private Process life(int events, String when, String groupWait, long lifeMillis, String logger, String release)
            throws Exception {
        Process p = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-Xmx128m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LifeMain.class.getName(),
                        Integer.toString(smtp.port()),
                        state.toString(),
                        Integer.toString(events),
                        groupWait,
                        when,
                        Long.toString(lifeMillis),
                        logger,
                        release)
                .redirectErrorStream(true)
                .start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String l; (l = out.readLine()) != null; ) {
            seen.append(l).append('\n');
            if (l.startsWith("JOURNALED")) {
                if (when.equals("now")) {
                    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                    assertEquals(9, p.exitValue(), "halted");
                }
                return p;
            }
        }
        throw new AssertionError("the life ended without journaling:\n" + seen);
    }

    private LogbackHarness nextLife(MutableClock clock, String... more) {
        Map<String, String> props = new java.util.HashMap<>(
                Map.of("smtpPort", Integer.toString(smtp.port()), "stateDir", state.toString()));
        for (int i = 0; i < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        LogbackHarness app = new LogbackHarness("logback/journal.xml", props, clock);
        apps.add(app);
        run(app);
        return app;
    }

    private static void run(LogbackHarness app) {
        try {
            TestEngines.runDueWork(app.engine()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void killedDuringGroupWaitTheNextLifeMailsEveryErrorOnce() throws Exception {
        life(25, "now");
        MutableClock clock = new MutableClock(Instant.now());
        LogbackHarness app = nextLife(clock);
        assertEquals(0, smtp.getReceivedMessages().length, "groupWait runs from the first error, in any life");
        clock.advance(Duration.ofSeconds(59)); // the first error is over a second old already: its groupWait is over

        run(app);
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(1, got.length, app.statusText());
        assertEquals(25, Mails.totalCount(got[0]), "kill -9 during groupWait: all 25 mailed");
        assertTrue(Mails.text(got[0]).contains("1 time without a stop"), Mails.text(got[0]));
        clock.advance(Duration.ofHours(2));
        run(app);
        app.close();
        assertEquals(1, smtp.getReceivedMessages().length, "once");
        assertEquals(List.of(), app.errors());
    }

    @Test
    void aCrashLoopIsOneIncidentWithTheSummedCount() throws Exception {
        for (int i = 0; i < 4; i++) {
            life(5, "now"); // each adopts the one before, journals the sum, dies before groupWait
        }
        MutableClock clock = new MutableClock(Instant.now());
        LogbackHarness app = nextLife(clock);
        for (int i = 0; i < 5; i++) {
            LifeMain.log(app, "com.shop.Checkout", i); // the fifth life lives on
        }
        clock.advance(Duration.ofSeconds(61));
        run(app);
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(1, got.length, app.statusText());
        assertEquals(List.of(25L), Mails.counts(got[0]), "4 dead lives and this one: 25 of 25, one incident");
        String text = Mails.text(got[0]);
        assertTrue(text.contains("4 times without a stop"), text);
        assertTrue(Mails.html(got[0]).contains("4 times without a stop"));
    }

    @Test
    void twoLiveProcessesNeverAdoptEachOther() throws Exception {
        Process a = life(5, "onInput"); // alive, its journal locked
        MutableClock clock = new MutableClock(Instant.now());
        LogbackHarness b = nextLife(clock);
        clock.advance(Duration.ofSeconds(61));
        run(b);
        assertEquals(0, smtp.getReceivedMessages().length, "B adopts nothing of a live A");
        a.getOutputStream().write('\n');
        a.getOutputStream().flush();
        assertTrue(a.waitFor(30, TimeUnit.SECONDS));
        LogbackHarness c = nextLife(clock); // A is dead now: C takes its journal over, B's stays B's
        clock.advance(Duration.ofSeconds(61));
        run(c);
        run(b);
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(1, got.length, c.statusText());
        assertEquals(5, Mails.totalCount(got[0]));
    }

    @Test
    void theNextLifeNeverReusesAKeyOfThePreviousOne() throws Exception {
        String logger = "com.shop.Keys" + System.nanoTime(); // an incident this JVM's own ledger never mailed
        life(3, "now", "1s", 3_000, logger, "1.0"); // mailed (groupWait 1 s), then killed
        assertEquals(1, smtp.getReceivedMessages().length);
        MutableClock clock = new MutableClock(Instant.now());
        LogbackHarness next = nextLife(clock);
        LifeMain.log(next, logger, 4); // the same incident, in the same window (groupInterval 1 h)
        clock.advance(Duration.ofSeconds(61));
        run(next);
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(2, got.length, "not refused as the same key with a different payload: " + next.statusText());
        assertNotEquals(Mails.header(got[0], "Resend-Idempotency-Key"), Mails.header(got[1], "Resend-Idempotency-Key"));
    }

    @Test
    void afterADeployANewErrorSaysWhichReleaseBroughtIt() throws Exception {
        life(5, "now"); // release 1.0: killed with 5 errors pending
        MutableClock clock = new MutableClock(Instant.now());
        LogbackHarness next = nextLife(clock, "release", "1.1", "subject", "%mark [%env] %app: %count errors");
        LifeMain.log(next, "com.shop.Checkout", 1); // known since 1.0
        LifeMain.log(next, "com.shop.Refunds", 1); // first seen in 1.1
        clock.advance(Duration.ofSeconds(61));
        run(next);
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(1, got.length, next.statusText());
        String text = Mails.text(got[0]);
        assertTrue(
                text.matches("(?s).*\\[2] 1 x Order 1 could not be paid\\n[^\\[]*release: +new in 1\\.1\\n.*"), text);
        assertEquals(1, text.split("new in 1\\.1", -1).length - 1, "only the new one: " + text);
        assertTrue(Mails.html(got[0]).contains(">new in 1.1</span>"));
        assertEquals("new in 1.1 [prod] checkout: 7 errors", got[0].getSubject());
    }
}
