package dev.alertmail.internal.delivery;

import dev.alertmail.internal.capture.Fingerprint;
import java.util.List;

/**
 * How many times each incident was already mailed to an audience: what the idempotency key is made
 * of. This JVM's {@link EmailLedger}, or a fleet's history in Redis.
 */
public interface KeyHistory {

    /** Derives an email's key from its parts; {@code salt} is 0 but when that key was issued already. */
    interface Keys {
        String derive(List<IdempotencyKeys.Part> parts, int salt);
    }

    /** Builds an email under its key; {@code salted}: the ledger had forgotten history and the key was salted. */
    interface Build<T> {
        T email(String key, boolean salted);
    }

    /** Derives the key from the incidents' history and builds the email; an implementation may book it once built. */
    <T> T mail(String audience, List<Fingerprint> fingerprints, Keys keys, Build<T> build);
}
