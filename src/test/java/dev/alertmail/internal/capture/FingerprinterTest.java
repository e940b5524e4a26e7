package dev.alertmail.internal.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

    private final Fingerprinter fingerprinter = new Fingerprinter(new FrameClassifier(List.of()));

    private Fingerprint fp(String logger, String pattern, Throwable t) {
        return fingerprinter.of(logger, pattern, t, ThrowableAccess.JDK).toFingerprint();
    }

    private static RuntimeException siteOne() {
        return new IllegalStateException("one " + System.nanoTime());
    }

    private static RuntimeException siteTwo() {
        return new IllegalStateException("two");
    }

    @Test
    void sameSiteDifferentMessagesIsOneFingerprint() {
        assertEquals(fp("a.B", "Order {} failed", siteOne()), fp("a.B", "Order {} failed", siteOne()));
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

    /** An exception thrown through a frame of {@code generatedClass}, as proxies and mocks make them. */
    private static RuntimeException through(String generatedClass, String exceptionClass) {
        RuntimeException e = new IllegalStateException("x");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(generatedClass, "charge", null, -1),
            new StackTraceElement("com.shop.Checkout", "run", "Checkout.java", 42)
        });
        return exceptionClass == null ? e : new RuntimeException(exceptionClass, e);
    }

    @Test
    void classNamesGeneratedPerJvmAreNormalisedSoReplicasAgree() {
        String[][] sameInEveryJvm = {
            {"com.shop.Payments$$EnhancerBySpringCGLIB$$1a2b3c", "com.shop.Payments$$EnhancerBySpringCGLIB$$9f8e7d"},
            {"com.shop.Payments$$SpringCGLIB$$0", "com.shop.Payments$$SpringCGLIB$$1"},
            {"com.shop.Payments$ByteBuddy$kq3XyZ", "com.shop.Payments$ByteBuddy$Ab12Cd"},
            {"com.shop.Order$HibernateProxy$a1B2c3D4", "com.shop.Order$HibernateProxy$Z9y8X7w6"},
            {"com.shop.Payments$MockitoMock$123456789", "com.shop.Payments$MockitoMock$987654321"},
            {"jdk.proxy2.$Proxy12", "jdk.proxy2.$Proxy7"},
            {"com.shop.Checkout$$Lambda/0x00007f3c1c0a1234", "com.shop.Checkout$$Lambda/0x00007f5e2d0b5678"},
        };
        for (String[] pair : sameInEveryJvm) {
            assertEquals(fp("l", "p", through(pair[0], null)), fp("l", "p", through(pair[1], null)), pair[0]);
            assertEquals(FrameClassifier.normalise(pair[0]), FrameClassifier.normalise(pair[1]));
        }
        assertNotEquals(
                fp("l", "p", through("com.shop.Payments", null)), fp("l", "p", through("com.shop.Refunds", null)));
        assertEquals(
                "com.shop.Outer$Inner",
                FrameClassifier.normalise("com.shop.Outer$Inner"),
                "inner classes stay distinct");
    }

    @Test
    void theSameThrowableLoggedAgainIsRecognisedWithoutChangingItsFingerprint() {
        RuntimeException shared = new IllegalStateException("cached");
        Fingerprint first = fp("l", "p", shared);
        for (int i = 0; i < 5; i++) {
            assertEquals(first, fp("l", "p", shared));
        }
        assertNotEquals(first, fp("l", "q", shared), "another pattern, another incident");
        assertEquals(first, fp("l", "p", new IllegalStateException("cached")), "a fresh instance from the same site");
    }

    @Test
    void messagesThatDifferOnlyInValuesAreOneFingerprintAndSentencesStayApart() {
        RuntimeException e = siteTwo();
        Fingerprint charge = fp("a.B", "Charge failed for order ORD-1 after 85 ms", e);
        for (int id = 2; id < 100; id++) {
            assertEquals(charge, fp("a.B", "Charge failed for order ORD-" + id + " after " + id * 7 + " ms", e));
        }
        assertNotEquals(charge, fp("a.B", "Refund failed for order ORD-1 after 85 ms", e));
        assertEquals(
                fp("a.B", "Timeout calling inventory for sku " + java.util.UUID.randomUUID(), null),
                fp("a.B", "Timeout calling inventory for sku " + java.util.UUID.randomUUID(), null));
    }

    @Test
    void aRememberedPatternGivesTheSameFingerprintAsAFreshOne() {
        String literal = "Order {} failed after 3 tries";
        Fingerprint first = fp("a.B", literal, null);
        fp("a.B", literal, null); // second sighting: remembered
        assertEquals(first, fp("a.B", literal, null));
        assertEquals(first, fp("a.B", new String(literal), null), "a copy (not remembered) hashes the same");
        assertNotEquals(first, fp("a.C", literal, null), "the logger still counts");
        assertNotEquals(
                fp("a.B", "Order {} failed in step 1", null),
                fp("a.B", "Order {} failed in step 2", null),
                "a pattern with SLF4J placeholders is taken as written: its numbers are words");
    }
}
