package dev.alertmail.internal.journal;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.delivery.EmailLedger;
import dev.alertmail.internal.delivery.IdempotencyKeys;
import dev.alertmail.internal.delivery.KeyHistory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM's {@link EmailLedger}, with what this engine mailed noted for its journal: so that the
 * next life of this process derives no key of this one (Resend would refuse a key reused for a
 * different email as "same key, different payload"). Bounded: the most recent entries are kept.
 */
final class JournaledKeys implements KeyHistory {

    static final int MAX_MAILED = 10_000;
    static final int MAX_KEYS = 5_000;
    /** Resend remembers a key for 24 h; an hour more, as the ledger does. */
    static final long KEY_MEMORY_MILLIS = 25 * 3_600_000L;

    private record Entry(String audience, Fingerprint fingerprint) {}

    private final EmailLedger ledger;
    private final Clock clock;
    private final Map<Entry, Long> mailed = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Long> keys = new LinkedHashMap<>();
    private long changes;

    JournaledKeys(EmailLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public <T> T mail(String audience, List<Fingerprint> fingerprints, Keys derive, Build<T> build) {
        List<List<IdempotencyKeys.Part>> parts = new ArrayList<>(1);
        List<String> issued = new ArrayList<>(1);
        T email = ledger.mail(
                audience,
                fingerprints,
                (p, salt) -> {
                    parts.add(p);
                    return derive.derive(p, salt);
                },
                (key, salted) -> {
                    T built = build.email(key, salted);
                    issued.add(key);
                    return built;
                });
        if (!issued.isEmpty()) {
            noteMailed(audience, parts.get(0), issued.get(0));
        }
        return email;
    }

    private synchronized void noteMailed(String audience, List<IdempotencyKeys.Part> parts, String key) {
        for (IdempotencyKeys.Part p : parts) {
            mailed.put(new Entry(audience, p.fingerprint()), p.timesMailedBefore() + 1);
        }
        keys.put(key, clock.millis());
        trim();
        changes++;
    }

    /** An earlier life's history: into the JVM's ledger, and into this life's journal. */
    synchronized void adopt(JournalState s) {
        long now = clock.millis();
        for (JournalState.Mailed m : s.mailed()) {
            ledger.remember(m.audience(), m.fingerprint(), m.times());
            mailed.merge(new Entry(m.audience(), m.fingerprint()), m.times(), Math::max);
        }
        for (JournalState.Issued k : s.keys()) {
            if (now - k.issuedAt() < KEY_MEMORY_MILLIS) {
                ledger.rememberKey(k.key());
                keys.merge(k.key(), k.issuedAt(), Math::max);
            }
        }
        trim();
        changes++;
    }

    synchronized List<JournalState.Mailed> mailed() {
        List<JournalState.Mailed> out = new ArrayList<>(mailed.size());
        mailed.forEach((e, n) -> out.add(new JournalState.Mailed(e.audience(), e.fingerprint(), n)));
        return out;
    }

    synchronized List<JournalState.Issued> keys() {
        long now = clock.millis();
        keys.values().removeIf(at -> now - at >= KEY_MEMORY_MILLIS);
        List<JournalState.Issued> out = new ArrayList<>(keys.size());
        keys.forEach((k, at) -> out.add(new JournalState.Issued(k, at)));
        return out;
    }

    /** Grows with every email built or history adopted: the journal is written again when it moved. */
    synchronized long changes() {
        return changes;
    }

    private void trim() {
        for (var it = mailed.keySet().iterator(); mailed.size() > MAX_MAILED; ) {
            it.next();
            it.remove();
        }
        for (var it = keys.keySet().iterator(); keys.size() > MAX_KEYS; ) {
            it.next();
            it.remove();
        }
    }
}
