package dev.alertmail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The last few log lines of each logging thread, so an incident can show what led to it. Lines
 * never cross threads: they are kept per thread <em>identity</em>.
 *
 * <ul>
 *   <li>Appending on the logging thread itself (the usual case): one ring per thread, in a
 *       {@link ThreadLocal}; it dies with the thread, however many short-lived (virtual) threads come and go.
 *   <li>Appending on another thread (an async appender or logger): rings keyed by what the event
 *       says about its thread (an id, or a name when that is all there is); bounded by starting
 *       over past {@value #MAX_KEYED_THREADS} threads.
 * </ul>
 *
 * A ring is written and read by one appending thread only, and holds preallocated slots the
 * adapter copies an event into, so keeping a line allocates nothing.
 *
 * @param <S> the adapter's slot type
 */
public final class ContextLines<S> {

    static final int MAX_KEYED_THREADS = 4_096;

    private final int size;
    private final Supplier<S> newSlot;
    private final ThreadLocal<@Nullable Ring<S>> here = new ThreadLocal<>();
    private final ConcurrentHashMap<Object, Ring<S>> keyed = new ConcurrentHashMap<>();

    /** @param size lines per thread; 0 keeps nothing */
    public ContextLines(int size, Supplier<S> newSlot) {
        this.size = size;
        this.newSlot = newSlot;
    }

    /** The slot to overwrite with the calling thread's newest line, or {@code null} when disabled. */
    public @Nullable S nextSlotHere() {
        if (size == 0) {
            return null;
        }
        Ring<S> ring = here.get();
        if (ring == null) {
            ring = new Ring<>(size, newSlot);
            here.set(ring);
        }
        return ring.next();
    }

    /** The slot for a line of another thread, identified by {@code thread}; {@code null} when disabled. */
    public @Nullable S nextSlotFor(Object thread) {
        if (size == 0) {
            return null;
        }
        Ring<S> ring = keyed.get(thread);
        if (ring == null) {
            if (keyed.size() >= MAX_KEYED_THREADS) {
                keyed.clear();
            }
            ring = keyed.computeIfAbsent(thread, t -> new Ring<>(size, newSlot));
        }
        return ring.next();
    }

    /** The calling thread's lines before the newest one, oldest first (the newest is the event itself). */
    public List<S> precedingHere() {
        Ring<S> ring = size == 0 ? null : here.get();
        return ring == null ? List.of() : ring.preceding();
    }

    public List<S> precedingFor(Object thread) {
        Ring<S> ring = size == 0 ? null : keyed.get(thread);
        return ring == null ? List.of() : ring.preceding();
    }

    /** Rings kept for threads appended on their behalf (bounded). */
    int keyedThreads() {
        return keyed.size();
    }

    private static final class Ring<S> {
        private final Object[] slots;
        private long written;

        Ring(int size, Supplier<S> newSlot) {
            slots = new Object[size + 1]; // + the current event's own slot
            for (int i = 0; i < slots.length; i++) {
                slots[i] = newSlot.get();
            }
        }

        @SuppressWarnings("unchecked")
        S next() {
            return (S) slots[(int) (written++ % slots.length)];
        }

        @SuppressWarnings("unchecked")
        List<S> preceding() {
            long newest = written - 1;
            List<S> out = new ArrayList<>(slots.length - 1);
            for (long i = Math.max(0, newest - (slots.length - 1)); i < newest; i++) {
                out.add((S) slots[(int) (i % slots.length)]);
            }
            return out;
        }
    }
}
