package dev.alertmail.internal.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The small, stable (same in every JVM) hash functions fingerprints are made of. */
public final class Hashing {

    public static final long FNV_OFFSET = 0xcbf29ce484222325L;
    public static final long FNV_PRIME = 0x100000001b3L;
    /** A fingerprint hashes at most this much of each text: a 10 MB message must not slow append down. */
    public static final int MAX_HASHED_CHARS = 2_000;

    private Hashing() {}

    public static long fnv64(String s) {
        return fnv64(FNV_OFFSET, s);
    }

    /** FNV-1a over UTF-16 units (at most {@value #MAX_HASHED_CHARS}), then a separator. */
    public static long fnv64(long h, String s) {
        for (int i = 0, n = Math.min(s.length(), MAX_HASHED_CHARS); i < n; i++) {
            h = (h ^ s.charAt(i)) * FNV_PRIME;
        }
        return (h ^ 0x1F) * FNV_PRIME; // separator: ("ab","c") != ("a","bc")
    }

    /** Mixes a 64-bit value into a running hash. */
    public static long mix(long h, long v) {
        h = (h ^ v) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }

    /** MurmurHash3's finaliser: every input bit affects every output bit. */
    public static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** Lower-case hex of the SHA-256 of the UTF-8 bytes. */
    public static String sha256Hex(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
