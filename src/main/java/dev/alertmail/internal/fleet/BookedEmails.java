package dev.alertmail.internal.fleet;

import dev.alertmail.internal.delivery.OutgoingEmail;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * The fleet's emails this member booked in Redis, or took over from a previous mailer: which are
 * in its outbox (not taken over twice), which left it (Redis forgets them on the next call), and
 * how an email is kept in Redis (a few facts, then its MIME bytes one char per byte).
 */
final class BookedEmails {

    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();
    private final List<OutgoingEmail> restored = new ArrayList<>();

    /** This member booked {@code email}: it is the fleet's now, cleared from Redis once it leaves the outbox. */
    void booked(OutgoingEmail email) {
        String key = email.key();
        queued.add(key);
        email.bookedInFleet();
        email.whenDone(() -> done(key));
    }

    /** An email booked by an earlier mailer, to send again byte for byte (unless this member has it already). */
    void restore(String key, String value, long wallOffset) {
        if (queued.contains(key)) {
            return;
        }
        OutgoingEmail e = decode(key, value, wallOffset);
        if (e != null) {
            queued.add(key);
            restored.add(e);
        }
    }

    /** Emails in the outbox, or that left it and are still to be cleared from Redis. */
    boolean busy() {
        return !queued.isEmpty() || !finished.isEmpty();
    }

    /** Fleet emails booked in Redis and not yet sent (or given up). */
    int inOutbox() {
        return queued.size();
    }

    /** Restored emails not yet handed to the outbox; taken once. */
    List<OutgoingEmail> takeRestored() {
        List<OutgoingEmail> out = new ArrayList<>(restored);
        restored.clear();
        return out;
    }

    /** Keys of emails that left the outbox since the last call; named in the next one. */
    List<String> takeFinished() {
        List<String> done = new ArrayList<>();
        for (String k; (k = finished.poll()) != null; ) {
            done.add(k);
        }
        return done;
    }

    /** The call that named them failed: named again in the next one. */
    void unnamed(Collection<String> keys) {
        finished.addAll(keys);
    }

    private void done(String key) {
        queued.remove(key);
        finished.add(key);
    }

    static String encode(OutgoingEmail e, long wallOffset) {
        return e.incidents() + "\t" + e.events() + "\t" + (e.createdAt() + wallOffset) + "\t"
                + e.subject().replace('\t', ' ') + "\t" + new String(e.mime(), StandardCharsets.ISO_8859_1);
    }

    private @Nullable OutgoingEmail decode(String key, String value, long wallOffset) {
        String[] f = value.split("\t", 5);
        if (f.length < 5) {
            return null;
        }
        try {
            return OutgoingEmail.restored(
                    f[4].getBytes(StandardCharsets.ISO_8859_1),
                    key,
                    f[3],
                    Long.parseLong(f[2]) - wallOffset,
                    Integer.parseInt(f[0]),
                    Long.parseLong(f[1]),
                    () -> done(key));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
