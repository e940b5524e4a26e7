package dev.alertmail.internal.capture;

import java.lang.ref.WeakReference;

/**
 * Remembers the template hash of message patterns logged more than once. An SLF4J or Log4j2
 * pattern is a literal, the very same String on every call, so it is recognised by identity and
 * its template is computed twice, then never again. A message built by concatenation is a new
 * String every time: a slot first only notes an instance's identity hash, and only a second
 * sighting of that instance stores an entry, so such messages allocate nothing here (they are
 * templated in one pass each time). Entries hold their String weakly.
 */
final class PatternMemo {

    private static final int SLOTS = 256;

    private static final class Entry extends WeakReference<String> {
        final long a;
        final long b;

        Entry(String s, long a, long b) {
            super(s);
            this.a = a;
            this.b = b;
        }
    }

    private final int[] seen = new int[SLOTS];
    private final Entry[] entries = new Entry[SLOTS];

    /** Puts the remembered template hash of this very instance into the probe's lanes, when it was seen before. */
    boolean lookup(String s, FingerprintProbe p) {
        Entry e = entries[System.identityHashCode(s) & (SLOTS - 1)];
        if (e == null || e.get() != s) {
            return false;
        }
        p.a = e.a;
        p.b = e.b;
        return true;
    }

    /** After the template hash ({@code a}, {@code b}) was computed from a fixed start. */
    void remember(String s, long a, long b) {
        int id = System.identityHashCode(s);
        int slot = id & (SLOTS - 1);
        if (seen[slot] != id) {
            seen[slot] = id;
        } else {
            entries[slot] = new Entry(s, a, b);
        }
    }
}
