package dev.alertmail;

import java.util.ArrayList;
import java.util.List;

/**
 * The last few log events of each thread, kept so an incident can show what led to it. Stores
 * references only (no formatting on the hot path); the capture formats them when an incident is new.
 *
 * @param <E> the framework's event type (must be safe to keep: immutable or copied)
 */
public final class ContextLines<E> {

    private final int size;
    private final ThreadLocal<Ring> rings;

    public ContextLines(int size) {
        this.size = size;
        this.rings = ThreadLocal.withInitial(Ring::new);
    }

    public void add(E event) {
        if (size > 0) {
            rings.get().add(event);
        }
    }

    /** This thread's recent events, oldest first. */
    @SuppressWarnings("unchecked")
    public List<E> recent() {
        if (size == 0) {
            return List.of();
        }
        Ring r = rings.get();
        List<E> out = new ArrayList<>(Math.min(r.written, size));
        long from = Math.max(0, r.written - size);
        for (long i = from; i < r.written; i++) {
            out.add((E) r.items[(int) (i % size)]);
        }
        return out;
    }

    private final class Ring {
        final Object[] items = new Object[size];
        int written;

        void add(Object e) {
            items[written % size] = e;
            written = written == Integer.MAX_VALUE ? size + (written % size) + 1 : written + 1;
        }
    }
}
