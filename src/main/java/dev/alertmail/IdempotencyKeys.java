package dev.alertmail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Derives the {@code Resend-Idempotency-Key}: {@code prefix/environment/application/window/hash}, where
 * the hash covers the sorted set of fingerprints in the email. The window is the group interval the
 * email was built in, so two replicas reporting the same incidents within it produce the same key
 * and Resend delivers one email; one replica never builds two emails within one group interval.
 */
public final class IdempotencyKeys {

    public static final int MAX_LENGTH = 256;

    private IdempotencyKeys() {
    }

    public static String derive(String prefix, String environment, String application, long windowIndex,
                                Collection<Fingerprint> fingerprints) {
        List<String> hex = new ArrayList<>(fingerprints.size());
        for (Fingerprint f : fingerprints) {
            hex.add(f.toHex());
        }
        hex.sort(null);
        String hash = sha256Hex(String.join(",", hex)).substring(0, 32);
        String key = prefix + "/" + segment(environment) + "/" + segment(application) + "/" + windowIndex + "/" + hash;
        return key.length() <= MAX_LENGTH ? key : key.substring(key.length() - MAX_LENGTH);
    }

    /** Keeps {@code [A-Za-z0-9._-]}, replaces the rest with '-', at most 48 chars, "-" when empty. */
    static String segment(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 48; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            b.append(ok ? c : '-');
        }
        return b.length() == 0 ? "-" : b.toString();
    }

    static String sha256Hex(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(d.length * 2);
            for (byte x : d) {
                b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
