package dev.alertmail.internal.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContextLinesUnitTest {

    static final class Slot {
        String line;
    }

    @Test
    void keepsTheLastLinesOfEachThreadBeforeTheNewest() {
        ContextLines<Slot> lines = new ContextLines<>(3, Slot::new);
        for (int i = 0; i < 6; i++) {
            lines.nextSlotHere().line = "line " + i;
        }
        assertEquals(List.of("line 2", "line 3", "line 4"), lines.precedingHere(s -> s.line));
    }

    @Test
    void thousandsOfShortLivedThreadsBehindAnAsyncAppenderStayBounded() {
        AtomicInteger slots = new AtomicInteger();
        ContextLines<Slot> lines = new ContextLines<>(2, () -> {
            slots.incrementAndGet();
            return new Slot();
        });
        for (long thread = 0; thread < 50_000; thread++) {
            lines.nextSlotFor(thread).line = "x";
        }
        assertTrue(slots.get() <= 50_000 * 3, "slots are allocated per ring, once");
        assertTrue(lines.keyedThreads() <= ContextLines.MAX_KEYED_THREADS, "rings: " + lines.keyedThreads());
    }

    @Test
    void aLineIsFormattedOnceAndSharedUntilItsSlotIsReused() {
        ContextLines<Slot> lines = new ContextLines<>(2, Slot::new);
        AtomicInteger formatted = new AtomicInteger();
        java.util.function.Function<Slot, String> format = s -> {
            formatted.incrementAndGet();
            return "formatted " + s.line;
        };
        lines.nextSlotHere().line = "a";
        lines.nextSlotHere().line = "b";
        lines.nextSlotHere().line = "c";
        List<String> first = lines.precedingHere(format);
        List<String> again = lines.precedingHere(format);
        assertEquals(List.of("formatted a", "formatted b"), first);
        assertTrue(first.get(1) == again.get(1), "the same String for the next incident");
        assertEquals(2, formatted.get());
        lines.nextSlotHere().line = "d"; // reuses a's slot
        assertEquals(List.of("formatted b", "formatted c"), lines.precedingHere(format));
        assertEquals(3, formatted.get());
    }

    @Test
    void zeroKeepsNothing() {
        ContextLines<Slot> lines = new ContextLines<>(0, Slot::new);
        assertNull(lines.nextSlotHere());
        assertNull(lines.nextSlotFor("t"));
        assertTrue(lines.precedingHere(s -> s.line).isEmpty());
    }
}
