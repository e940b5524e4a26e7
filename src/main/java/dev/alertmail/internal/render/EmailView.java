package dev.alertmail.internal.render;

import dev.alertmail.internal.capture.IncidentSample.TraceLine;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything one email shows, decided once: what to show, in which order, how much of it. The
 * HTML and text renderers only lay it out; neither decides anything the other would repeat.
 * Strings here are plain text (log content already redacted and capped), never markup.
 *
 * @param summary     "1200 errors in 2 incidents"
 * @param facts       application, environment, host, release, window
 * @param heldBack    emails the hourly cap held back before this one (their counts are in this one)
 * @param incidents   shown in full
 * @param more        listed in one line each ("and N more incidents")
 * @param moreHidden  beyond even those lines
 * @param resolved    incidents listed once as resolved
 */
public record EmailView(
        String subject,
        String summary,
        List<Fact> facts,
        long heldBack,
        List<IncidentView> incidents,
        List<Line> more,
        int moreHidden,
        List<ResolvedView> resolved,
        String idempotencyKey) {

    /** A label and its value, a table row in HTML and a "label: value" line in text. */
    record Fact(String label, String value) {}

    /** One line of a list: a count and a title. */
    record Line(long count, String title) {}

    /**
     * @param releaseMark "new in 1.4.2" or "regressed in 1.4.2" (a badge in HTML), else {@code null}
     * @param stillFiring "9000 in total since first seen" for a repeat, else {@code null}
     * @param message     the whole message, when it says more than the title
     * @param trace       the stack trace as the text part shows it (complete within the email's budget)
     * @param foldedTrace the same with long runs of framework frames folded (HTML)
     * @param logsUrl     the "view logs" link, already expanded and encoded, or {@code null}
     */
    record IncidentView(
            int number,
            long count,
            String title,
            @Nullable String releaseMark,
            @Nullable String stillFiring,
            @Nullable String message,
            List<Fact> facts,
            @Nullable TimelineView timeline,
            List<TraceLine> trace,
            List<TraceLine> foldedTrace,
            List<String> context,
            @Nullable String logsUrl) {}

    /**
     * Events per bucket since the incident was first seen.
     *
     * @param bucketLabel "10 s", "4 min"
     */
    record TimelineView(String bucketLabel, long[] counts, long peak, String from, String to) {
        /** The text part's bar chart, one block character per bucket. */
        String sparkline() {
            String blocks = "▁▂▃▄▅▆▇█";
            StringBuilder b = new StringBuilder(counts.length);
            for (long c : counts) {
                b.append(c == 0 ? '·' : blocks.charAt((int) Math.min(7, (c * 8 - 1) / Math.max(1, peak))));
            }
            return b.toString();
        }
    }

    /** A resolved incident: quiet since {@code lastSeen}. */
    record ResolvedView(String title, long total, String firstSeen, String lastSeen) {}

    long eventCount() {
        long n = 0;
        for (IncidentView i : incidents) {
            n += i.count();
        }
        for (Line l : more) {
            n += l.count();
        }
        return n;
    }
}
