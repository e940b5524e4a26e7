package dev.alertmail.internal.capture;

import dev.alertmail.internal.capture.IncidentSample.TraceLine;
import dev.alertmail.internal.text.Text;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An exception known only by its rendered trace ({@code at …} and {@code Caused by: …} lines), as a
 * deserialized or proxied event carries it: its lines marked in-app or not, and its root cause.
 * Nothing here redacts or caps: {@link SampleBuilder} does that to whatever it keeps.
 */
final class RenderedTrace {

    private RenderedTrace() {}

    /**
     * The root cause read from a rendered trace: its class, its message ({@code null}: the top
     * exception is the root, its own message stands) and its first in-app frame, if any.
     */
    record Root(
            String className,
            @Nullable String message,
            @Nullable String siteClass,
            String siteMethod) {}

    static List<TraceLine> lines(List<String> traceLines, FrameClassifier frames) {
        List<TraceLine> lines = new ArrayList<>();
        for (String line : traceLines) {
            if (lines.size() == StackTraces.MAX_LINES) {
                break;
            }
            String t = line.trim();
            boolean inApp = t.startsWith("at ") && frames.isInApp(frameClass(t.substring(3)));
            lines.add(new TraceLine(line, inApp));
        }
        return lines;
    }

    /** The last top-level "Caused by:" (else the top exception) and the first in-app frame after it. */
    static Root root(String className, List<String> traceLines, FrameClassifier frames) {
        String rootClass = className;
        String rootMessage = null;
        int from = 0;
        for (int i = 0; i < traceLines.size(); i++) {
            String line = traceLines.get(i);
            if (line.startsWith("Caused by: ")) {
                String header = line.substring("Caused by: ".length());
                int colon = header.indexOf(": ");
                rootClass = (colon < 0 ? header : header.substring(0, colon)).trim();
                rootMessage = colon < 0 ? "" : header.substring(colon + 2);
                from = i;
            }
        }
        for (int pass = 0; pass < 2; pass++) { // the root's own frames, else any in-app frame
            for (int i = pass == 0 ? from : 0; i < traceLines.size(); i++) {
                String t = traceLines.get(i).trim();
                if (t.startsWith("at ")) {
                    String frame = t.substring(3);
                    int paren = frame.indexOf('(');
                    String method = paren < 0 ? frame : frame.substring(0, paren);
                    String cls = frameClass(frame);
                    if (frames.isInApp(cls)) {
                        return new Root(
                                rootClass,
                                rootMessage,
                                cls,
                                method.substring(Math.min(method.length(), cls.length() + 1)));
                    }
                } else if (pass == 0 && i > from && t.startsWith("Caused by: ")) {
                    break;
                }
            }
        }
        return new Root(rootClass, rootMessage, null, "");
    }

    /** {@code OrderController.place}: simple class name (generated parts removed) and method, a lambda as its method. */
    static String site(String className, String method) {
        String m = method;
        if (m.startsWith("lambda$")) { // lambda$place$0
            int end = m.indexOf('$', 7);
            m = end > 7 ? m.substring(7, end) : m;
        }
        return Text.simpleName(FrameClassifier.normalise(className)) + "." + m;
    }

    private static String frameClass(String frame) {
        int paren = frame.indexOf('(');
        String method = paren < 0 ? frame : frame.substring(0, paren);
        int dot = method.lastIndexOf('.');
        return dot < 0 ? method : method.substring(0, dot);
    }
}
