package dev.alertmail.internal.capture;

import dev.alertmail.internal.capture.IncidentSample.TraceLine;
import dev.alertmail.internal.text.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Renders a throwable's cause chain the way {@link Throwable#printStackTrace()} does (causes,
 * suppressed, "... n more" for frames shared with the enclosing trace), but bounded: cycles are cut,
 * each trace keeps at most {@value #MAX_FRAMES_PER_TRACE} frames and the whole at most
 * {@value #MAX_LINES} lines.
 */
public final class StackTraces {

    public static final int MAX_LINES = 400;
    static final int MAX_FRAMES_PER_TRACE = 100;
    static final int MAX_HEADER = 1_000;
    static final int MAX_LINE = 500;

    private StackTraces() {}

    public static List<TraceLine> render(Throwable t, FrameClassifier inApp) {
        if (t == null) {
            return List.of();
        }
        List<TraceLine> out = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        append(out, t, "", "", new StackTraceElement[0], seen, inApp);
        if (out.size() > MAX_LINES) {
            int cut = out.size() - MAX_LINES;
            out = new ArrayList<>(out.subList(0, MAX_LINES));
            out.add(new TraceLine("… " + cut + " more lines cut", false));
        }
        return List.copyOf(out);
    }

    private static void append(
            List<TraceLine> out,
            Throwable t,
            String caption,
            String indent,
            StackTraceElement[] enclosing,
            Set<Throwable> seen,
            FrameClassifier inApp) {
        if (out.size() > MAX_LINES) {
            return;
        }
        if (!seen.add(t)) {
            out.add(new TraceLine(indent + caption + "[CIRCULAR REFERENCE: " + header(t) + "]", false));
            return;
        }
        out.add(new TraceLine(indent + caption + header(t), false));
        StackTraceElement[] frames = t.getStackTrace();
        int m = frames.length - 1;
        int n = enclosing.length - 1;
        while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
            m--;
            n--;
        }
        int shared = frames.length - 1 - m;
        int shown = Math.min(m + 1, MAX_FRAMES_PER_TRACE);
        for (int i = 0; i < shown; i++) {
            StackTraceElement f = frames[i];
            out.add(new TraceLine(indent + "\tat " + f, inApp.isInApp(f.getClassName())));
        }
        if (shown < m + 1) {
            out.add(new TraceLine(indent + "\t… " + (m + 1 - shown) + " frames cut", false));
        }
        if (shared > 0) {
            out.add(new TraceLine(indent + "\t... " + shared + " more", false));
        }
        for (Throwable s : t.getSuppressed()) {
            append(out, s, "Suppressed: ", indent + "\t", frames, seen, inApp);
        }
        Throwable cause = t.getCause();
        if (cause != null) {
            append(out, cause, "Caused by: ", indent, frames, seen, inApp);
        }
    }

    private static String header(Throwable t) {
        String msg;
        try {
            msg = t.getLocalizedMessage();
        } catch (RuntimeException e) { // a hostile getMessage() must not break alerting
            msg = "<getMessage() threw " + e.getClass().getName() + ">";
        }
        String s = msg == null ? t.getClass().getName() : t.getClass().getName() + ": " + msg;
        return Text.cap(s, MAX_HEADER);
    }
}
