package dev.alertmail.internal.capture;

import java.lang.ref.WeakReference;

/**
 * Remembers the fingerprint contribution of throwables logged more than once (a cached or
 * rethrown instance). A slot first only notes an instance's identity hash; only a second sighting
 * of that hash stores an entry, so a storm of fresh exceptions allocates nothing here. Entries
 * hold their throwable weakly: alertmail never keeps an application's exception alive.
 */
public final class ThrowableMemo {

    private static final int SLOTS = 256;

    private static final class Entry extends WeakReference<Throwable> {
        final long a;
        final long b;

        Entry(Throwable t, long a, long b) {
            super(t);
            this.a = a;
            this.b = b;
        }
    }

    private final int[] seen = new int[SLOTS];
    private final Entry[] entries = new Entry[SLOTS];

    /** Puts the remembered part of this very instance into the probe's lanes, when it was seen before. */
    boolean lookup(Throwable t, FingerprintProbe p) {
        Entry e = entries[System.identityHashCode(t) & (SLOTS - 1)];
        if (e == null || e.get() != t) {
            return false;
        }
        p.a = e.a;
        p.b = e.b;
        return true;
    }

    /** After a full computation of the throwable's part ({@code a}, {@code b}). */
    void remember(Throwable t, long a, long b) {
        int id = System.identityHashCode(t);
        int slot = id & (SLOTS - 1);
        if (seen[slot] != id) {
            seen[slot] = id;
        } else {
            entries[slot] = new Entry(t, a, b);
        }
    }
}
