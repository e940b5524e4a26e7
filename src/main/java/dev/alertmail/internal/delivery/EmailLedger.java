package dev.alertmail.internal.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.config.AlertConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many times this JVM has mailed each incident to each audience, across appender restarts
 * and reconfigurations: the history the idempotency key is made of. Entries outlive Resend's
 * memory of a key (24 h) by an hour, then are forgotten; their number is bounded, so heavy
 * fingerprint churn can make the ledger forget an incident early. That can never reuse a key:
 * the keys issued in the last 25 h are remembered as well (as many as the emails this JVM built,
 * which each engine's {@code maxEmailsPerHour} bounds), and a key derived again is salted into
 * one never used.
 */
public final class EmailLedger implements KeyHistory {

    static final int MAX_ENTRIES = 200_000;
    /** Resend remembers a key for 24 h; an hour more for clocks and retries. */
    static final Duration MEMORY = Duration.ofHours(25);

    /** The history of this JVM: every engine in it shares one, so no two of its emails share a key. */
    public static final EmailLedger JVM = new EmailLedger();

    private record Entry(String audience, Fingerprint fingerprint) {}

    private final Cache<Entry, Long> timesMailed;
    /** Keys issued within {@link #MEMORY}: bounded by the emails built, not by a size that could evict one. */
    private final Cache<String, Boolean> keysIssued = Caffeine.newBuilder()
            .expireAfterWrite(MEMORY)
            .executor(Runnable::run)
            .build();

    public EmailLedger() {
        this(MAX_ENTRIES);
    }

    /** With a smaller bound (tests: churn past it). */
    EmailLedger(int maxEntries) {
        timesMailed = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterAccess(MEMORY)
                .executor(Runnable::run) // evictions happen inside mail(), under its lock, not on a pool later
                .build();
    }

    /** The audience an email goes to: the sender and every recipient, sorted, addresses only. */
    public static String audience(AlertConfig c) {
        List<String> rcpt = new ArrayList<>();
        for (List<jakarta.mail.internet.InternetAddress> list : List.of(c.to(), c.cc(), c.bcc())) {
            list.forEach(a -> rcpt.add(a.getAddress().toLowerCase(Locale.ROOT)));
        }
        rcpt.sort(null);
        return c.from().getAddress().toLowerCase(Locale.ROOT) + ">" + String.join(",", rcpt);
    }

    /** An earlier life's history (its journal): the larger count wins, so no key of that life is derived again. */
    public synchronized void remember(String audience, Fingerprint fingerprint, long times) {
        timesMailed.asMap().merge(new Entry(audience, fingerprint), times, Math::max);
    }

    /** A key an earlier life issued (its journal): never issued again. */
    public void rememberKey(String key) {
        keysIssued.put(key, Boolean.TRUE);
    }

    /**
     * Derives the key from the incidents' mailing history, builds the email and books both once
     * the build succeeded; under one lock, so two engines of this JVM never derive the same key
     * for different emails. A key issued before (the history of these incidents was evicted) is
     * salted until it is one never issued.
     */
    @Override
    public synchronized <T> T mail(String audience, List<Fingerprint> fingerprints, Keys keys, Build<T> build) {
        List<IdempotencyKeys.Part> parts = new ArrayList<>(fingerprints.size());
        for (Fingerprint f : fingerprints) {
            Long n = timesMailed.getIfPresent(new Entry(audience, f));
            parts.add(new IdempotencyKeys.Part(f, n == null ? 0 : n));
        }
        int salt = 0;
        String key = keys.derive(parts, salt);
        while (keysIssued.getIfPresent(key) != null) {
            key = keys.derive(parts, ++salt);
        }
        T built = build.email(key, salt > 0);
        for (IdempotencyKeys.Part p : parts) {
            timesMailed.put(new Entry(audience, p.fingerprint()), p.timesMailedBefore() + 1);
        }
        keysIssued.put(key, Boolean.TRUE);
        return built;
    }
}
