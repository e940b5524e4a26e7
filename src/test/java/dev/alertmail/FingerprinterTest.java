package dev.alertmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

    private final Fingerprinter fingerprinter = new Fingerprinter(new ClassNames(List.of()));

    private Fingerprint fp(String logger, String pattern, Throwable t) {
        return fingerprinter.of(logger, pattern, t).toFingerprint();
    }

    private static RuntimeException siteOne() {
        return new IllegalStateException("one " + System.nanoTime());
    }

    private static RuntimeException siteTwo() {
        return new IllegalStateException("two");
    }

    @Test
    void sameSiteDifferentMessagesIsOneFingerprint() {
        assertEquals(fp("a.B", "Order {} failed", siteOne()),
                fp("a.B", "Order {} failed", siteOne()));
    }

    @Test
    void differentSitesLoggersPatternsOrTypesDiffer() {
        Fingerprint base = fp("a.B", "p", siteOne());
        assertNotEquals(base, fp("a.B", "p", siteTwo()));
        assertNotEquals(base, fp("a.C", "p", siteOne()));
        assertNotEquals(base, fp("a.B", "q", siteOne()));
        assertNotEquals(base, fp("a.B", "p", new IllegalArgumentException()));
        assertNotEquals(fp("ab", "c", null), fp("a", "bc", null));
    }

    @Test
    void rootCauseDecidesTheSiteAndCyclesTerminate() {
        RuntimeException a = new RuntimeException("wrapper", siteOne());
        RuntimeException b = new RuntimeException("wrapper", siteTwo());
        assertNotEquals(fp("l", "p", a), fp("l", "p", b));

        RuntimeException x = new RuntimeException("x");
        RuntimeException y = new RuntimeException("y", x);
        x.initCause(y); // x -> y -> x
        Throwable root = Fingerprinter.rootCause(x, ThrowableAccess.JDK);
        assertSame(y, root);
        fp("l", "p", x); // terminates
    }

    @Test
    void hexIsStable() {
        assertEquals(32, fp("l", "p", null).toHex().length());
        assertEquals(fp("l", "p", null).toHex(), fp("l", "p", null).toHex());
    }
}
