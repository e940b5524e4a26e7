package dev.alertmail.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.internal.capture.Fingerprint;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    private static final Fingerprint A = new Fingerprint(1, 2);
    private static final Fingerprint B = new Fingerprint(3, 4);

    private static final String AUDIENCE = "alerts@example.com>oncall@example.com";

    private static List<IdempotencyKeys.Part> parts(Object... fpAndTimes) {
        List<IdempotencyKeys.Part> parts = new java.util.ArrayList<>();
        for (int i = 0; i < fpAndTimes.length; i += 2) {
            parts.add(new IdempotencyKeys.Part((Fingerprint) fpAndTimes[i], (Integer) fpAndTimes[i + 1]));
        }
        return parts;
    }

    private static String key(String env, long window, String audience, List<IdempotencyKeys.Part> parts) {
        return IdempotencyKeys.derive("alertmail", env, "checkout", window, audience, parts);
    }

    @Test
    void orderOfIncidentsDoesNotMatterButTheSetWindowAudienceAndHistoryDo() {
        String k = key("prod", 7, AUDIENCE, parts(A, 0, B, 0));
        assertEquals(k, key("prod", 7, AUDIENCE, parts(B, 0, A, 0)));
        assertNotEquals(k, key("prod", 8, AUDIENCE, parts(A, 0, B, 0)));
        assertNotEquals(k, key("prod", 7, AUDIENCE, parts(A, 0)));
        assertNotEquals(k, key("staging", 7, AUDIENCE, parts(A, 0, B, 0)));
        assertNotEquals(k, key("prod", 7, "alerts@example.com>team-b@example.com", parts(A, 0, B, 0)), "recipients");
        assertNotEquals(k, key("prod", 7, AUDIENCE, parts(A, 1, B, 0)), "A was mailed once before");
    }

    @Test
    void hostileNamesBecomeASafeKey() {
        String k =
                IdempotencyKeys.derive("alertmail", "pr od\r\n/../", "x".repeat(500) + "ü<>", 1, AUDIENCE, parts(A, 0));
        assertTrue(k.matches("[A-Za-z0-9._/-]{1,256}"), k);
        assertTrue(IdempotencyKeys.derive("p", "", "", 1, AUDIENCE, List.of()).matches("p/-/-/1/[0-9a-f]{32}"));
    }
}
