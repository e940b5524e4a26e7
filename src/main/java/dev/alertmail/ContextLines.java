package dev.alertmail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last few log events of each application thread, kept so an incident can show what led to
 * it. Keyed by the event's thread name, not by the appending thread: behind an async logger or
 * appender every event is appended by one background thread. Stores references only (no
 * formatting on the hot path); the capture formats them when an incident is new.
 *
 * @param <E> the framework's event type (must be safe to keep: immutable or copied)
 */
public final class ContextLines<E> {

    /** Past this many threads (pool churn) the rings start over: memory stays bounded. */
    static final int MAX_THREADS = 4_096;

    private final int size;
    private final ConcurrentHashMap<String, Ring> rings = new ConcurrentHashMap<>();

    public ContextLines(int size) {
        this.size = size;
    }

    public void add(String thread, E event) {
        if (size == 0 || thread == null) {
            return;
        }
        Ring ring = rings.get(thread);
        if (ring == null) {
            if (rings.size() >= MAX_THREADS) {
                rings.clear();
            }
            ring = rings.computeIfAbsent(thread, t -> new Ring());
        }
        ring.add(event);
    }

    /** The thread's recent events, oldest first. */
    public List<E> recent(String thread) {
        Ring ring = size == 0 || thread == null ? null : rings.get(thread);
        return ring == null ? List.of() : ring.snapshot();
    }

    private final class Ring {
        private final Object[] items = new Object[size];
        private long written;

        synchronized void add(Object e) { // uncontended: one appending thread per ring at a time
            items[(int) (written++ % size)] = e;
        }

        @SuppressWarnings("unchecked")
        synchronized List<E> snapshot() {
            List<E> out = new ArrayList<>((int) Math.min(written, size));
            for (long i = Math.max(0, written - size); i < written; i++) {
                out.add((E) items[(int) (i % size)]);
            }
            return out;
        }
    }
}
