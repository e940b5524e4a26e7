package dev.alertmail.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alertmail.internal.capture.IncidentSample.TraceLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameFoldingTest {

    private static TraceLine fw(String m) {
        return new TraceLine("\tat org.springframework.X." + m + "(X.java:1)", false);
    }

    private static TraceLine app(String m) {
        return new TraceLine("\tat com.shop.Y." + m + "(Y.java:1)", true);
    }

    @Test
    void longFrameworkRunsFoldShortOnesStay() {
        TraceLine header = new TraceLine("java.lang.IllegalStateException: x", false);
        List<TraceLine> folded = ViewBuilder.foldFrameworkFrames(
                List.of(header, app("a"), fw("1"), fw("2"), fw("3"), fw("4"), fw("5"), app("b"), fw("6"), fw("7")));
        assertEquals(
                List.of(
                        header.text(),
                        app("a").text(),
                        fw("1").text(),
                        "\t… 4 framework frames",
                        app("b").text(),
                        fw("6").text(),
                        fw("7").text()),
                folded.stream().map(TraceLine::text).toList());
    }

    @Test
    void withoutApplicationFramesNothingIsFolded() {
        List<TraceLine> lines = List.of(fw("1"), fw("2"), fw("3"), fw("4"), fw("5"));
        assertEquals(lines, ViewBuilder.foldFrameworkFrames(lines));
    }
}
