package dev.alertmail.internal.capture;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
 * adapter fills from an event (Log4j2 copies the fields of its reusable event; Logback keeps a
 * reference to its immutable event), so keeping a line allocates little; a line is formatted
 * only when an incident needs it, and once.
 *
 * @param <S> the adapter's slot type
 */
public final class ContextLines<S> {

    public static final int MAX_KEYED_THREADS = 4_096;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final int size;
    private final Supplier<S> newSlot;
    private final ThreadLocal<@Nullable Ring<S>> here = new ThreadLocal<>();
    private final ConcurrentHashMap<Object, Ring<S>> keyed = new ConcurrentHashMap<>();

    /** The one format of a context line: {@code HH:mm:ss.SSS LEVEL logger - message} (UTC). */
    public static String format(
            long epochMillis, @Nullable Object level, String logger, @Nullable CharSequence message) {
        return TIME.format(Instant.ofEpochMilli(epochMillis)) + " " + level + " " + logger + " - " + message;
    }

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

    /**
     * The calling thread's lines before the newest one (the event itself), oldest first, each
     * formatted once: the incidents of a storm share most of their lines, and so their Strings.
     */
    public List<String> precedingHere(Function<S, @Nullable String> format) {
        Ring<S> ring = size == 0 ? null : here.get();
        return ring == null ? List.of() : ring.preceding(format);
    }

    /** Like {@link #precedingHere} for the thread identified by {@code thread}. */
    public List<String> precedingFor(Object thread, Function<S, @Nullable String> format) {
        Ring<S> ring = size == 0 ? null : keyed.get(thread);
        return ring == null ? List.of() : ring.preceding(format);
    }

    /** Rings kept for threads appended on their behalf (bounded). */
    public int keyedThreads() {
        return keyed.size();
    }

    private static final class Ring<S> {
        private final Object[] slots;
        private final @Nullable String[] lines;
        private long written;

        Ring(int size, Supplier<S> newSlot) {
            slots = new Object[size + 1]; // + the current event's own slot
            lines = new String[size + 1];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = newSlot.get();
            }
        }

        @SuppressWarnings("unchecked")
        S next() {
            int i = (int) (written++ % slots.length);
            lines[i] = null;
            return (S) slots[i];
        }

        @SuppressWarnings("unchecked")
        List<String> preceding(Function<S, @Nullable String> format) {
            long newest = written - 1;
            List<String> out = new ArrayList<>(slots.length - 1);
            for (long n = Math.max(0, newest - (slots.length - 1)); n < newest; n++) {
                int i = (int) (n % slots.length);
                if (lines[i] == null) {
                    lines[i] = format.apply((S) slots[i]);
                }
                if (lines[i] != null) {
                    out.add(lines[i]);
                }
            }
            return out;
        }
    }
}
