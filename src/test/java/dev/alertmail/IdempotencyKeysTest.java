package dev.alertmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    private static final Fingerprint A = new Fingerprint(1, 2);
    private static final Fingerprint B = new Fingerprint(3, 4);

    @Test
    void orderOfIncidentsDoesNotMatterButTheSetAndWindowDo() {
        String k = IdempotencyKeys.derive("alertmail", "prod", "checkout", 7, List.of(A, B));
        assertEquals(k, IdempotencyKeys.derive("alertmail", "prod", "checkout", 7, List.of(B, A)));
        assertNotEquals(k, IdempotencyKeys.derive("alertmail", "prod", "checkout", 8, List.of(A, B)));
        assertNotEquals(k, IdempotencyKeys.derive("alertmail", "prod", "checkout", 7, List.of(A)));
        assertNotEquals(k, IdempotencyKeys.derive("alertmail", "staging", "checkout", 7, List.of(A, B)));
    }

    @Test
    void hostileNamesBecomeASafeKey() {
        String k = IdempotencyKeys.derive("alertmail", "pr od\r\n/../", "x".repeat(500) + "ü<>", 1, List.of(A));
        assertTrue(k.matches("[A-Za-z0-9._/-]{1,256}"), k);
        assertTrue(IdempotencyKeys.derive("p", "", "", 1, List.of()).matches("p/-/-/1/[0-9a-f]{32}"));
    }
}
