package dev.alertmail.internal.delivery;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.config.AlertConfig;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How many times this JVM has mailed each incident to each audience, across appender restarts
 * and reconfigurations: the history the idempotency key is made of. Keys outlive Resend's memory
 * of them (24 h) by an hour, then are forgotten; the number of entries is bounded.
 */
public final class EmailLedger implements KeyHistory {

    /** The history of this JVM: every engine in it shares one, so no two of its emails share a key. */
    public static final EmailLedger JVM = new EmailLedger();

    private record Entry(String audience, Fingerprint fingerprint) {
    }

    private final Cache<Entry, Long> timesMailed = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(25))
            .build();

    /** The audience an email goes to: the sender and every recipient, sorted, addresses only. */
    public static String audience(AlertConfig c) {
        List<String> rcpt = new ArrayList<>();
        for (List<jakarta.mail.internet.InternetAddress> list : List.of(c.to, c.cc, c.bcc)) {
            list.forEach(a -> rcpt.add(a.getAddress().toLowerCase(Locale.ROOT)));
        }
        rcpt.sort(null);
        return c.from.getAddress().toLowerCase(Locale.ROOT) + ">" + String.join(",", rcpt);
    }

    /**
     * Builds an email from the incidents' mailing history and books it once the build succeeded;
     * under one lock, so two engines of this JVM never derive the same key for different emails.
     */
    @Override
    public synchronized <T> T mail(String audience, List<Fingerprint> fingerprints,
                            Function<List<IdempotencyKeys.Part>, T> build) {
        List<IdempotencyKeys.Part> parts = new ArrayList<>(fingerprints.size());
        for (Fingerprint f : fingerprints) {
            Long n = timesMailed.getIfPresent(new Entry(audience, f));
            parts.add(new IdempotencyKeys.Part(f, n == null ? 0 : n));
        }
        T built = build.apply(parts);
        for (IdempotencyKeys.Part p : parts) {
            timesMailed.put(new Entry(audience, p.fingerprint()), p.timesMailedBefore() + 1);
        }
        return built;
    }
}
