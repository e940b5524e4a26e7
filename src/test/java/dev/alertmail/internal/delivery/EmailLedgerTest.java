package dev.alertmail.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.internal.capture.Fingerprint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JVM's mailing history, bounded: it may forget, but it must never let two emails share a key. */
class EmailLedgerTest {

    private static final String AUDIENCE = "alerts@example.com>oncall@example.com";
    private static final long WINDOW = 29_926_680;

    private int salted;

    private String mail(EmailLedger ledger, Fingerprint... fingerprints) {
        return ledger.mail(
                AUDIENCE,
                List.of(fingerprints),
                (parts, salt) -> IdempotencyKeys.derive("alertmail", "prod", "checkout", WINDOW, AUDIENCE, parts, salt),
                (key, s) -> {
                    salted += s ? 1 : 0;
                    return key;
                });
    }

    /**
     * Issue #19: with more fingerprints mailed within Resend's 24 h than the ledger holds,
     * Caffeine evicts entries, and an incident mailed again in the same window would get the
     * key of its earlier email: Resend refuses it as "same key, different payload" and the alert
     * is lost. Every email this process builds must carry a key of its own.
     */
    @Test
    void fingerprintChurnPastTheBoundNeverLetsTwoEmailsShareAKey() {
        EmailLedger ledger = new EmailLedger(3);
        List<String> keys = new ArrayList<>();
        keys.add(mail(ledger, new Fingerprint(0, 0)));
        for (int round = 0; round < 5; round++) {
            for (int i = 1; i <= 20; i++) {
                keys.add(mail(ledger, new Fingerprint(i, i)));
            }
        }
        keys.add(mail(ledger, new Fingerprint(0, 0))); // e.g. the flush on stop, in the same window
        Set<String> distinct = new HashSet<>(keys);
        assertTrue(
                distinct.size() == keys.size(),
                (keys.size() - distinct.size()) + " of " + keys.size() + " emails reused an earlier email's key");
        assertTrue(salted > 0, "a salted key is reported (Delivery says so on the status channel)");
    }

    /** Salting is only for a key issued before: replicas with the same history still agree on the plain key. */
    @Test
    void aKeyNeverIssuedBeforeIsThePlainDeterministicOne() {
        EmailLedger ledger = new EmailLedger();
        Fingerprint f = new Fingerprint(7, 7);
        String plain = IdempotencyKeys.derive(
                "alertmail", "prod", "checkout", WINDOW, AUDIENCE, List.of(new IdempotencyKeys.Part(f, 0)));
        assertEquals(plain, mail(ledger, f));
        assertEquals(plain, mail(new EmailLedger(), f), "another process (replica) derives the same key");
    }
}
