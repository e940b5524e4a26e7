package dev.alertmail.internal.delivery;

import dev.alertmail.internal.capture.Fingerprint;
import java.util.List;
import java.util.function.Function;

/**
 * How many times each incident was already mailed to an audience: what the idempotency key is made
 * of. This JVM's {@link EmailLedger}, or a fleet's history in Redis.
 */
public interface KeyHistory {

    /** Builds an email from the incidents' history; an implementation may book it once built. */
    <T> T mail(String audience, List<Fingerprint> fingerprints, Function<List<IdempotencyKeys.Part>, T> build);
}
