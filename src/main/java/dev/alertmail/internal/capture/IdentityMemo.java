package dev.alertmail.internal.capture;

import java.lang.ref.WeakReference;

/**
 * Remembers a fingerprint part (two lanes) of objects seen more than once, recognised by
 * identity: a throwable logged again (cached or rethrown), or a message pattern (an SLF4J or
 * Log4j2 literal is the very same String on every call). A slot first only notes an instance's
 * identity hash; only a second sighting of that instance stores an entry, so a storm of fresh
 * exceptions or of concatenated messages allocates nothing here. Entries hold their object
 * weakly: alertmail never keeps an application's object alive.
 *
 * @param <T> what is remembered: {@code Throwable} or {@code String}
 */
final class IdentityMemo<T> {

    private static final int SLOTS = 256;

    private static final class Entry<T> extends WeakReference<T> {
        final long a;
        final long b;

        Entry(T t, long a, long b) {
            super(t);
            this.a = a;
            this.b = b;
        }
    }

    private final int[] seen = new int[SLOTS];

    @SuppressWarnings("unchecked")
    private final Entry<T>[] entries = new Entry[SLOTS];

    /** Puts the remembered part of this very instance into the probe's lanes, when it was seen before. */
    boolean lookup(T t, FingerprintProbe p) {
        Entry<T> e = entries[System.identityHashCode(t) & (SLOTS - 1)];
        if (e == null || e.get() != t) {
            return false;
        }
        p.a = e.a;
        p.b = e.b;
        return true;
    }

    /** After a full computation of the instance's part ({@code a}, {@code b}). */
    void remember(T t, long a, long b) {
        int id = System.identityHashCode(t);
        int slot = id & (SLOTS - 1);
        if (seen[slot] != id) {
            seen[slot] = id;
        } else {
            entries[slot] = new Entry<>(t, a, b);
        }
    }
}
