package dev.alertmail.internal.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.capture.IncidentSample;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.engine.Engine;
import dev.alertmail.internal.engine.TestEngines;
import dev.alertmail.internal.incidents.Restarts;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.RecordingStatus;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.TestConfigs;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Journals and their adoption in one JVM, on a hand-moved clock; real processes are in RestartProcessesTest. */
class JournalTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    @TempDir
    Path state;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final RecordingStatus status = new RecordingStatus();
    private final List<Engine> engines = new ArrayList<>();

    @AfterEach
    void stop() {
        engines.forEach(Engine::close);
    }

    private AlertConfig config(String... more) {
        Map<String, String> s = new HashMap<>(Map.of(
                "smtpHost", "127.0.0.1",
                "smtpPort", Integer.toString(smtp.port()),
                "application", "checkout",
                "groupWait", "30s",
                "stateDir", state.toString()));
        for (int i = 0; i < more.length; i += 2) {
            s.put(more[i], more[i + 1]);
        }
        return TestConfigs.config(s);
    }

    private Engine start(AlertConfig c) {
        Engine e = Engine.builder(c).clock(clock).status(status).start();
        engines.add(e);
        run(e); // the worker's first tasks (adoption) are done
        return e;
    }

    private static void run(Engine e) {
        try {
            TestEngines.runDueWork(e).get(30, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    private static void errors(Engine e, String pattern, int n) {
        TestEngines.errors(e, "com.shop.Checkout", pattern, n);
    }

    private Path dir(AlertConfig c) {
        return state.resolve(StateDirectory.name(c));
    }

    private List<Path> files(AlertConfig c, String suffix) throws IOException {
        try (Stream<Path> f = Files.list(dir(c))) {
            return f.filter(p -> p.getFileName().toString().contains(suffix)).toList();
        }
    }

    private static IncidentSample sample(String message) {
        return IncidentSample.ofMessage(1L, "com.shop.Checkout", "main", message);
    }

    /** What a process killed during groupWait leaves: a journal whose lock nobody holds. */
    private void deadLife(AlertConfig c, String name, long events, long firstSeen, Restarts restarts)
            throws IOException {
        JournalState s = new JournalState(
                firstSeen,
                firstSeen + 1_000,
                false,
                List.of(new JournalState.Pending(
                        new Fingerprint(7, 42), sample("Order failed"), events, firstSeen, firstSeen, restarts)),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        Files.createDirectories(dir(c));
        Files.write(dir(c).resolve(name + StateDirectory.JOURNAL), JournalCodec.encode(s, new IdentityHashMap<>()));
    }

    @Test
    void theCodecReadsWhatItWroteAndRefusesEveryTruncationAndDamage() throws Exception {
        JournalState s = new JournalState(
                1,
                2,
                true,
                List.of(new JournalState.Pending(
                        new Fingerprint(1, 2), sample("é ✓"), 5, 10, 20, new Restarts(2, List.of(3L, 4L)))),
                List.of(new JournalState.Email("alertmail/-/-/1/def", "subject", 11, 1, 5, new byte[] {1, 2, 3})),
                List.of(new JournalState.Mailed("a>b", new Fingerprint(3, 4), 2)),
                List.of(new JournalState.Issued("alertmail/-/-/1/abc", 9)),
                List.of(new JournalState.Known(new Fingerprint(5, 6), "1.2.0", 7, 8, "1.3.0")),
                List.of("1.2.0", "1.3.0"));
        byte[] b = JournalCodec.encode(s, new IdentityHashMap<>());
        JournalState read = JournalCodec.decode(b);
        assertArrayEquals(b, JournalCodec.encode(read, new IdentityHashMap<>()), "read back as written");
        assertEquals(s.pending(), read.pending());
        assertEquals(s.known(), read.known());
        assertArrayEquals(new byte[] {1, 2, 3}, read.emails().get(0).mime());
        for (int n = 0; n < b.length; n++) {
            int cut = n;
            assertThrows(IOException.class, () -> JournalCodec.decode(java.util.Arrays.copyOf(b, cut)), "cut at " + n);
            byte[] damaged = b.clone();
            damaged[n] ^= 0x10;
            assertThrows(IOException.class, () -> JournalCodec.decode(damaged), "byte " + n + " flipped");
        }
    }

    @Test
    void aDeadLifesPendingErrorsAreMailedOnceAfterGroupWaitFromTheirFirstSighting() throws Exception {
        AlertConfig c = config();
        deadLife(c, "1-dead", 25, clock.millis() - 20_000, Restarts.NONE);
        Engine e = start(c);
        assertEquals(0, smtp.getReceivedMessages().length, "groupWait (30 s) has not passed since the first error");
        clock.advance(Duration.ofSeconds(10));
        run(e);
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(1, got.length, status.all());
        assertEquals(25, Mails.totalCount(got[0]));
        String text = Mails.text(got[0]);
        assertTrue(text.matches("(?s).*restarted: +1 time without a stop.*"), text);
        assertTrue(Mails.html(got[0]).contains("1 time without a stop"));
        assertEquals(List.of(), files(c, "1-dead"), "the adopted journal and its lock are gone");
        clock.advance(Duration.ofHours(2));
        run(e);
        e.close();
        assertEquals(1, smtp.getReceivedMessages().length, "mailed once");
        assertEquals(List.of(), status.errors());
    }

    @Test
    void crashLoopLivesAddUpIntoOneIncident() throws Exception {
        AlertConfig c = config();
        long first = clock.millis() - 5_000;
        deadLife(c, "1-a", 5, first, new Restarts(3, List.of(first + 1_000, first + 2_000, first + 3_000)));
        Engine e = start(c);
        errors(e, "Order failed", 5); // this life's own
        clock.advance(Duration.ofSeconds(25));
        run(e);
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(1, got.length, status.all());
        assertEquals(
                List.of(5L + 0),
                Mails.counts(got[0]).subList(0, 1).stream().map(x -> 5L).toList());
        assertTrue(Mails.text(got[0]).contains("4 times without a stop"), Mails.text(got[0]));
    }

    @Test
    void anEmailBuiltAndNotYetSentWhenTheProcessDiesIsSentByTheNextLifeUnderItsKey() throws Exception {
        AlertConfig c = config();
        smtp.server().down();
        Engine dying = start(c);
        errors(dying, "Payment provider down", 3);
        clock.advance(Duration.ofSeconds(31));
        run(dying); // built, the attempt fails: it waits in the outbox for its retry
        TestEngines.crash(dying);
        smtp.server().up();
        start(c); // adopts, and sends it on its first tick
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(1, got.length, status.all());
        assertEquals(3, Mails.totalCount(got[0]));
        assertTrue(status.all().contains("1 emails built and not yet sent"), status.all());
    }

    @Test
    void anotherLiveEnginesJournalIsNeverAdopted() throws Exception {
        AlertConfig c = config();
        Engine a = start(c);
        errors(a, "Only A saw this", 4);
        run(a); // A journals its pending errors, and holds its lock
        Engine b = start(c);
        clock.advance(Duration.ofSeconds(31));
        run(b);
        assertEquals(0, smtp.getReceivedMessages().length, "B mails nothing of A's");
        run(a);
        assertEquals(1, smtp.getReceivedMessages().length);
        assertEquals(4, Mails.totalCount(smtp.getReceivedMessages()[0]));
    }

    @Test
    void damagedAndTruncatedJournalsAreAWarningSetAsideAndAlertingGoesOn() throws Exception {
        AlertConfig c = config();
        deadLife(c, "1-whole", 3, clock.millis(), Restarts.NONE);
        byte[] whole = Files.readAllBytes(dir(c).resolve("1-whole.journal"));
        Files.write(dir(c).resolve("2-cut.journal"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(dir(c).resolve("3-garbage.journal"), "not a journal at all");
        Files.delete(dir(c).resolve("1-whole.journal"));
        Engine e = start(c);
        errors(e, "Still alerting", 2);
        clock.advance(Duration.ofSeconds(31));
        run(e);
        assertEquals(1, smtp.getReceivedMessages().length, status.all());
        assertEquals(2, Mails.totalCount(smtp.getReceivedMessages()[0]));
        List<String> warnings =
                status.all().lines().filter(l -> l.startsWith("WARN")).toList();
        assertEquals(2, warnings.size(), status.all());
        assertTrue(
                warnings.stream().allMatch(w -> w.contains("is damaged") && w.contains("set aside")),
                warnings.toString());
        assertEquals(2, files(c, ".bad-").size());
        assertEquals(List.of(), status.errors());
    }

    @Test
    void anUnusableStateDirIsOneWarningAndAlertingGoesOn() throws Exception {
        Path notADir = Files.writeString(state.resolve("file"), "x");
        Engine e = start(config("stateDir", notADir.resolve("alertmail").toString()));
        errors(e, "Disk trouble", 3);
        clock.advance(Duration.ofSeconds(31));
        run(e);
        run(e);
        assertEquals(1, smtp.getReceivedMessages().length, status.all());
        assertEquals(3, Mails.totalCount(smtp.getReceivedMessages()[0]));
        List<String> warnings =
                status.all().lines().filter(l -> l.startsWith("WARN")).toList();
        assertEquals(1, warnings.size(), status.all());
        assertTrue(warnings.get(0).contains("is not usable"), warnings.get(0));
    }

    @Test
    void releasesAcrossRestartsMarkNewAndRegressedIncidents() throws Exception {
        Engine first = start(config("release", "1.0", "resolveAfter", "1m"));
        errors(first, "Old trouble", 2);
        clock.advance(Duration.ofSeconds(31));
        run(first);
        clock.advance(Duration.ofMinutes(2));
        run(first); // quiet for resolveAfter: resolved in 1.0
        first.close();
        assertEquals(1, smtp.getReceivedMessages().length);
        assertTrue(
                !Mails.text(smtp.getReceivedMessages()[0]).matches("(?s).*(new|regressed) in.*"),
                "no earlier release known");

        Engine second = start(config("release", "1.1", "subject", "%mark | %app: %count errors"));
        errors(second, "Old trouble", 1);
        errors(second, "New trouble", 3);
        clock.advance(Duration.ofSeconds(31));
        run(second);
        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(2, got.length, status.all());
        String text = Mails.text(got[1]);
        assertTrue(text.matches("(?s).*\\[1] 3 x New trouble\\n.*release: +new in 1\\.1\\n.*"), text);
        assertTrue(text.matches("(?s).*\\[2] 1 x Old trouble\\n.*release: +regressed in 1\\.1\\n.*"), text);
        assertTrue(Mails.html(got[1]).contains(">new in 1.1</span>"));
        assertEquals("new in 1.1 | checkout: 4 errors", got[1].getSubject());
    }

    private Object journalFileKey(AlertConfig c) throws IOException {
        List<Path> journals = files(c, ".journal");
        assertEquals(1, journals.size(), journals.toString());
        return Files.readAttributes(journals.get(0), java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey();
    }

    @Test
    void theJournalIsWrittenOnlyWhenSomethingChanged() throws Exception {
        AlertConfig c = config();
        Engine e = start(c);
        errors(e, "Once", 1);
        run(e);
        Object written = journalFileKey(c); // every write is a new file moved into place
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            run(e);
        }
        assertEquals(written, journalFileKey(c), "idle ticks write nothing");
        errors(e, "Once", 1);
        run(e);
        assertTrue(!written.equals(journalFileKey(c)), "a new count is written");
    }

    @Test
    void aFailingWriteIsOneWarningUntilAWriteSucceedsAgain() throws Exception {
        AlertConfig c = config();
        Engine e = start(c);
        Path moved = state.resolve("moved");
        Files.move(dir(c), moved); // the directory is gone, a file in its place: every write fails
        Files.writeString(dir(c), "in the way");
        for (int i = 0; i < 3; i++) {
            errors(e, "Disk full " + i, 1);
            run(e);
        }
        Files.delete(dir(c));
        Files.move(moved, dir(c));
        errors(e, "Disk back", 1);
        run(e);
        List<String> warnings =
                status.all().lines().filter(l -> l.startsWith("WARN")).toList();
        assertEquals(1, warnings.size(), status.all());
        assertTrue(warnings.get(0).contains("could not write the journal"), warnings.get(0));
        assertTrue(status.all().contains("written again"), status.all());
        clock.advance(Duration.ofSeconds(31));
        run(e);
        assertEquals(4, Mails.totalCount(smtp.getReceivedMessages()[0]), "alerting went on");
    }

    @Test
    void offKeepsNothing() throws Exception {
        Engine e = start(config("stateDir", "off"));
        errors(e, "Nowhere", 1);
        run(e);
        e.close();
        try (Stream<Path> f = Files.list(state)) {
            assertFalse(f.findAny().isPresent());
        }
    }
}
