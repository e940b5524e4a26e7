package dev.alertmail.internal.delivery;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.text.Hashing;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Resend-Idempotency-Key}: {@code prefix/environment/application/window/hash}. The
 * window is the group interval the email was built in; the hash covers the audience (sender and
 * sorted recipients) and, per incident, its fingerprint and how many times this JVM already mailed
 * it to that audience. Replicas with the same history agree on the key (Resend sends once); one
 * process never uses a key twice for different emails (Resend would refuse the second).
 */
public final class IdempotencyKeys {

    static final int MAX_LENGTH = 256;

    /** One incident's part of the key. */
    public record Part(Fingerprint fingerprint, long timesMailedBefore) {}

    private IdempotencyKeys() {}

    public static String derive(
            String prefix, String environment, String application, long window, String audience, List<Part> parts) {
        return derive(prefix, environment, application, window, audience, parts, 0);
    }

    /** @param salt 0, but when this process already issued the key of salt 0 (its history was forgotten): then 1, 2, … */
    static String derive(
            String prefix,
            String environment,
            String application,
            long window,
            String audience,
            List<Part> parts,
            int salt) {
        List<String> items = new ArrayList<>(parts.size());
        for (Part p : parts) {
            items.add(p.fingerprint().toHex() + ":" + p.timesMailedBefore());
        }
        items.sort(null);
        String hashed = audience + "\n" + String.join(",", items) + (salt == 0 ? "" : "\nsalt " + salt);
        String hash = Hashing.sha256Hex(hashed).substring(0, 32);
        String key = prefix + "/" + segment(environment) + "/" + segment(application) + "/" + window + "/" + hash;
        return key.length() <= MAX_LENGTH ? key : key.substring(key.length() - MAX_LENGTH);
    }

    /** Keeps {@code [A-Za-z0-9._-]}, replaces the rest with '-', at most 48 chars, "-" when empty. */
    static String segment(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 48; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-';
            b.append(ok ? c : '-');
        }
        return b.length() == 0 ? "-" : b.toString();
    }
}
