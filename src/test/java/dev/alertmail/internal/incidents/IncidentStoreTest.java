package dev.alertmail.internal.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.alertmail.internal.capture.Fingerprinter;
import dev.alertmail.internal.capture.FrameClassifier;
import dev.alertmail.internal.capture.SampleBuilder;
import dev.alertmail.internal.capture.SampleCapture;
import dev.alertmail.internal.capture.ThrowableAccess;
import dev.alertmail.internal.config.Redactor;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentStoreTest {

    private static final long T0 = 1_764_064_800_000L;

    private final FrameClassifier frames = new FrameClassifier(List.of());
    private final Fingerprinter fingerprinter = new Fingerprinter(frames);
    private final SampleBuilder.Factory samples = new SampleBuilder.Factory(frames, new Redactor(List.of(), ""));
    private final SampleCapture<String> capture = (e, b) -> b.message(() -> e);
    private final IncidentStore store = new IncidentStore(10, T0);

    private void record(String pattern, long at) {
        store.record(
                fingerprinter.of("com.shop.Checkout", pattern, null, ThrowableAccess.JDK),
                pattern,
                capture,
                samples,
                at,
                false);
    }

    @Test
    void hitsOnARetiredIncidentAreFoldedIntoANewOneThatWaitsLikeAnyNewIncident() {
        record("Order {} failed", T0);
        Incident held = store.incidents().iterator().next(); // a thread looked it up ...
        store.retire(held, 1); // ... the worker retired it (one event mailed) ...
        held.hit(T0 + 5, false); // ... and the thread counts into it anyway
        held.hit(T0 + 6, false);
        assertEquals(0, store.size());

        store.foldLateHits(T0 + 10);
        Incident live = store.incidents().iterator().next();
        assertNotSame(held, live);
        assertEquals(2, live.count(), "both late hits, nothing twice");
        assertEquals(T0 + 10, live.firstSeen, "new from the fold on: it waits groupWait like any new incident");

        record("Order {} failed", T0 + 11); // a fresh lookup finds the live one
        held.hit(T0 + 12, false); // the stale reference still counts
        store.foldLateHits(T0 + 13);
        assertSame(live, store.incidents().iterator().next());
        assertEquals(4, live.count());
        assertEquals(0, store.unfolded());
    }

    @Test
    void aRetiredIncidentIsForgottenOnceNoThreadCanCountIntoIt() {
        record("p", T0);
        Incident held = store.incidents().iterator().next();
        store.retire(held, 1);
        held = null; // the last reference goes
        for (int i = 0; i < 50 && store.watchedRetirements() > 0; i++) {
            System.gc();
            store.foldLateHits(T0 + i);
        }
        assertEquals(0, store.watchedRetirements());
        assertEquals(0, store.size());
    }

    @Test
    void pastMaxIncidentsNewFingerprintsGoToTheOverflowAndRetiringMakesRoom() {
        for (int i = 0; i < 15; i++) {
            record("pattern " + i + " {}", T0); // {}: taken as written, the numbers are words
        }
        assertEquals(10, store.size());
        assertEquals(5, store.overflow().count());
        store.retire(store.incidents().iterator().next(), 1);
        record("pattern 99", T0);
        assertEquals(10, store.size());
        assertEquals(5, store.overflow().count());
    }

    @Test
    void aCaptureThatBlowsUpLeavesNoSlotTaken() {
        SampleCapture<String> exploding = (e, b) -> {
            throw new StackOverflowError("deep toString");
        };
        for (int i = 0; i < 20; i++) {
            try {
                store.record(
                        fingerprinter.of("l", "p" + i, null, ThrowableAccess.JDK), "e", exploding, samples, T0, false);
            } catch (StackOverflowError expected) {
                // the engine counts it as dropped; the slot must not stay taken
            }
        }
        assertEquals(0, store.size());
        record("fine", T0);
        assertEquals(1, store.size());
    }
}
