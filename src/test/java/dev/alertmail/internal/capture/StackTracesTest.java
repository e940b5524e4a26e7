package dev.alertmail.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.internal.capture.IncidentSample.TraceLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackTracesTest {

    private final FrameClassifier inApp = new FrameClassifier(List.of("dev.alertmail"));

    @Test
    void aThrowingGetMessageIsRenderedNotPropagated() {
        RuntimeException hostile = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new IllegalStateException("exploded");
            }
        };
        List<TraceLine> lines = StackTraces.render(hostile, inApp);
        assertThat(lines.get(0).text()).contains("getMessage() threw java.lang.IllegalStateException");
    }

    @Test
    void linesAreBoundedAndInAppFramesFlagged() {
        Throwable t = new IllegalStateException("root");
        for (int i = 0; i < 1_000; i++) {
            t = new RuntimeException("level " + i, t);
        }
        List<TraceLine> lines = StackTraces.render(t, inApp);
        assertEquals(StackTraces.MAX_LINES + 1, lines.size());
        assertThat(lines.get(lines.size() - 1).text()).contains("more lines cut");
        assertTrue(lines.stream().anyMatch(TraceLine::inApp), "this test class is in-app");
    }

    @Test
    void aCyclicCauseChainIsCut() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        List<TraceLine> lines = StackTraces.render(a, inApp);
        assertTrue(
                lines.stream().anyMatch(l -> l.text().contains("[CIRCULAR REFERENCE: java.lang.RuntimeException: a]")),
                lines.toString());
    }

    @Test
    void sharedFramesWithTheEnclosingTraceAreFolded() {
        RuntimeException cause = new IllegalStateException("cause");
        RuntimeException top = new RuntimeException("top", cause);
        List<TraceLine> lines = StackTraces.render(top, inApp);
        assertTrue(lines.stream().anyMatch(l -> l.text().matches("\\t\\.\\.\\. \\d+ more")), lines.toString());
    }
}
