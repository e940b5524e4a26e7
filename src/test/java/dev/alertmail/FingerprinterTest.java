package dev.alertmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

    private final Fingerprinter fingerprinter = new Fingerprinter(InAppFrames.of(List.of()));

    private static RuntimeException siteOne() {
        return new IllegalStateException("one " + System.nanoTime());
    }

    private static RuntimeException siteTwo() {
        return new IllegalStateException("two");
    }

    @Test
    void sameSiteDifferentMessagesIsOneFingerprint() {
        assertEquals(fingerprinter.fingerprint("a.B", "Order {} failed", siteOne()),
                fingerprinter.fingerprint("a.B", "Order {} failed", siteOne()));
    }

    @Test
    void differentSitesLoggersPatternsOrTypesDiffer() {
        Fingerprint base = fingerprinter.fingerprint("a.B", "p", siteOne());
        assertNotEquals(base, fingerprinter.fingerprint("a.B", "p", siteTwo()));
        assertNotEquals(base, fingerprinter.fingerprint("a.C", "p", siteOne()));
        assertNotEquals(base, fingerprinter.fingerprint("a.B", "q", siteOne()));
        assertNotEquals(base, fingerprinter.fingerprint("a.B", "p", new IllegalArgumentException()));
        assertNotEquals(fingerprinter.fingerprint("ab", "c", null), fingerprinter.fingerprint("a", "bc", null));
    }

    @Test
    void rootCauseDecidesTheSiteAndCyclesTerminate() {
        RuntimeException a = new RuntimeException("wrapper", siteOne());
        RuntimeException b = new RuntimeException("wrapper", siteTwo());
        assertNotEquals(fingerprinter.fingerprint("l", "p", a), fingerprinter.fingerprint("l", "p", b));

        RuntimeException x = new RuntimeException("x");
        RuntimeException y = new RuntimeException("y", x);
        x.initCause(y); // x -> y -> x
        Throwable root = Fingerprinter.rootCause(x);
        assertSame(y, root);
        fingerprinter.fingerprint("l", "p", x); // terminates
    }

    @Test
    void hexIsStable() {
        assertEquals(32, fingerprinter.fingerprint("l", "p", null).toHex().length());
        assertEquals(fingerprinter.fingerprint("l", "p", null).toHex(), fingerprinter.fingerprint("l", "p", null).toHex());
    }
}
