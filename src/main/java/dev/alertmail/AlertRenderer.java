package dev.alertmail;

import dev.alertmail.Digest.Entry;
import dev.alertmail.IncidentSample.TraceLine;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Digest} into subject, HTML and plain text. Every log-derived string goes through
 * {@link #untrusted} (redact, then escape) before it reaches the HTML; headers get single-line text.
 * Inline CSS only, no images or scripts: mail clients strip the rest.
 */
public final class AlertRenderer {

    public static final int MAX_SUBJECT = 200;
    private static final int MAX_SUMMARY_LINES = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final String FONT = "font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;";
    private static final String MONO = "font-family:SFMono-Regular,Consolas,Menlo,monospace;font-size:12px;";

    private final String subjectTemplate;
    private final Redactor redactor;

    public AlertRenderer(AlertConfig config) {
        this.subjectTemplate = config.subject;
        this.redactor = new Redactor(config.redact, config.password);
    }

    /** The rendered parts of one email. */
    public record Rendered(String subject, String html, String text) {
    }

    /**
     * How much of each incident is shown. Alerts must stay small (and Resend's limit far away): the
     * first level whose HTML + text fit in {@link #MAX_BODY_CHARS} is used.
     */
    record Detail(int traceLines, int messageChars, int mdcEntries, boolean context) {
        static final List<Detail> LEVELS = List.of(
                new Detail(StackTraces.MAX_LINES, IncidentSample.MAX_MESSAGE, IncidentSample.MAX_MDC_ENTRIES, true),
                new Detail(25, 1_000, 8, false),
                new Detail(0, 200, 0, false));

        /** Trace lines per incident: the budget is shared when an email lists many incidents. */
        int traceLinesFor(int incidents) {
            return Math.min(traceLines, Math.max(Math.min(traceLines, 30), 600 / Math.max(1, incidents)));
        }
    }

    /** HTML + text characters; about 800 KB of MIME at worst (base64 of non-ASCII text). */
    public static final int MAX_BODY_CHARS = 600_000;
    static final int MAX_LINE = 500;

    public Rendered render(Digest d) {
        String subject = subject(d);
        Rendered r = null;
        for (Detail detail : Detail.LEVELS) {
            r = new Rendered(subject, html(d, detail), text(d, detail));
            if (r.html().length() + r.text().length() <= MAX_BODY_CHARS) {
                break;
            }
        }
        return r;
    }

    String subject(Digest d) {
        Entry top = d.entries().isEmpty() ? d.summarised().get(0) : d.entries().get(0);
        long count = d.eventCount();
        String s = subjectTemplate
                .replace("%env", d.environment())
                .replace("%app", d.application())
                .replace("%count", Long.toString(count))
                .replace("%exception", headline(top.sample()))
                .replace("%message", Text.firstLine(nullToEmpty(top.sample().message())));
        if (count == 1) {
            s = s.replace("1 errors", "1 error");
        }
        s = s.replace("[]", "").trim();
        if (s.startsWith(":")) {
            s = s.substring(1).trim();
        }
        s = Text.singleLine(redactor.apply(s)).replaceAll("\\s{2,}", " ");
        return s.length() <= MAX_SUBJECT ? s : s.substring(0, MAX_SUBJECT - 1) + "…";
    }

    /** Exception simple name, or the logger's simple name for an error without a throwable. */
    private static String headline(IncidentSample s) {
        return s.exceptionClass() != null ? Text.simpleName(s.exceptionClass()) : Text.simpleName(s.loggerName());
    }

    private String untrusted(String s) {
        return Html.escape(redactor.apply(s));
    }

    String html(Digest d, Detail detail) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\">")
                .append("<meta name=\"color-scheme\" content=\"light dark\">")
                .append("<title>").append(untrusted(subject(d))).append("</title></head>")
                .append("<body style=\"margin:0;padding:16px;background:#f4f5f7;color:#1f2328;").append(FONT).append("\">")
                .append("<div style=\"max-width:860px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-radius:6px;\">");
        // summary
        h.append("<div style=\"padding:16px 20px;border-bottom:3px solid #cf222e;\">")
                .append("<div style=\"font-size:20px;font-weight:600;\">")
                .append(d.eventCount()).append(d.eventCount() == 1 ? " error" : " errors").append(" in ")
                .append(d.incidentCount()).append(d.incidentCount() == 1 ? " incident" : " incidents")
                .append("</div><div style=\"font-size:13px;color:#57606a;margin-top:4px;\">");
        if (!d.application().isEmpty()) {
            h.append("application <b>").append(untrusted(d.application())).append("</b> · ");
        }
        if (!d.environment().isEmpty()) {
            h.append("environment <b>").append(untrusted(d.environment())).append("</b> · ");
        }
        h.append(TIME.format(Instant.ofEpochMilli(d.windowStart()))).append(" → ")
                .append(TIME.format(Instant.ofEpochMilli(d.createdAt()))).append("</div>");
        if (d.heldBack() > 0) {
            h.append("<div style=\"margin-top:8px;padding:6px 10px;background:#fff8c5;color:#4d2d00;border-radius:4px;font-size:13px;\">")
                    .append("The rate limit held back ").append(d.heldBack()).append(d.heldBack() == 1 ? " email" : " emails")
                    .append(" before this one; their counts are included here.</div>");
        }
        h.append("</div>");
        int i = 1;
        for (Entry e : d.entries()) {
            incidentHtml(h, e, i++, detail, d.entries().size());
        }
        if (!d.summarised().isEmpty()) {
            h.append("<div style=\"padding:12px 20px;border-top:1px solid #d0d7de;font-size:13px;\">")
                    .append("<b>and ").append(d.summarised().size()).append(" more incidents</b><ul style=\"margin:6px 0;padding-left:20px;\">");
            int shown = 0;
            for (Entry e : d.summarised()) {
                if (shown++ == MAX_SUMMARY_LINES) {
                    h.append("<li>… ").append(d.summarised().size() - MAX_SUMMARY_LINES).append(" more</li>");
                    break;
                }
                h.append("<li>").append(e.count()).append(" × ").append(untrusted(title(e.sample()))).append("</li>");
            }
            h.append("</ul></div>");
        }
        h.append("<div style=\"padding:10px 20px;border-top:1px solid #d0d7de;font-size:11px;color:#57606a;\">")
                .append("Sent by alertmail · idempotency key ").append(Html.escape(d.idempotencyKey()))
                .append("</div></div></body></html>");
        return h.toString();
    }

    private void incidentHtml(StringBuilder h, Entry e, int index, Detail detail, int incidents) {
        IncidentSample s = e.sample();
        h.append("<div style=\"padding:14px 20px;border-top:1px solid #d0d7de;\">")
                .append("<div style=\"font-size:15px;font-weight:600;\">")
                .append("<span style=\"display:inline-block;min-width:28px;padding:1px 8px;margin-right:8px;border-radius:10px;")
                .append("background:#cf222e;color:#ffffff;text-align:center;font-size:13px;\">")
                .append(e.count()).append("×</span>")
                .append(untrusted(title(s)));
        if (e.repeat()) {
            h.append(" <span style=\"font-size:12px;font-weight:400;color:#9a6700;\">still firing · ")
                    .append(e.total()).append(" in total</span>");
        }
        h.append("</div>");
        if (s.message() != null && s.exceptionMessage() != null && !s.message().equals(s.exceptionMessage())) {
            h.append("<div style=\"margin-top:6px;font-size:14px;white-space:pre-wrap;\">")
                    .append(untrusted(Text.cap(s.message(), detail.messageChars()))).append("</div>");
        }
        h.append("<table style=\"margin-top:8px;font-size:12px;color:#57606a;border-collapse:collapse;\">");
        row(h, "logger", untrusted(s.loggerName()));
        row(h, "thread", untrusted(s.threadName()));
        row(h, "first seen", TIME.format(Instant.ofEpochMilli(e.firstSeen())));
        row(h, "last seen", TIME.format(Instant.ofEpochMilli(e.lastSeen())));
        row(h, "fingerprint", e.fingerprint().toHex());
        for (Map.Entry<String, String> m : mdc(s, detail)) {
            row(h, "mdc " + untrusted(m.getKey()), untrusted(m.getValue()));
        }
        h.append("</table>");
        List<TraceLine> trace = foldFrameworkFrames(trace(s, detail, incidents));
        if (!trace.isEmpty()) {
            h.append("<pre style=\"margin:10px 0 0;padding:10px;background:#f6f8fa;color:#1f2328;border:1px solid #d0d7de;")
                    .append("border-radius:4px;white-space:pre-wrap;word-break:break-word;").append(MONO).append("\">");
            for (TraceLine line : trace) {
                String text = untrusted(Text.cap(line.text(), MAX_LINE));
                if (line.inApp()) {
                    h.append("<b style=\"color:#0550ae;\">").append(text).append("</b>\n");
                } else {
                    h.append("<span style=\"color:#57606a;\">").append(text).append("</span>\n");
                }
            }
            h.append("</pre>");
        }
        if (detail.context() && !s.contextLines().isEmpty()) {
            h.append("<div style=\"margin-top:8px;font-size:12px;color:#57606a;\">preceding lines on this thread</div>")
                    .append("<pre style=\"margin:4px 0 0;padding:8px;background:#f6f8fa;color:#1f2328;border:1px solid #d0d7de;")
                    .append("border-radius:4px;white-space:pre-wrap;word-break:break-word;").append(MONO).append("\">");
            for (String line : s.contextLines()) {
                h.append(untrusted(line)).append('\n');
            }
            h.append("</pre>");
        }
        h.append("</div>");
    }

    private static List<TraceLine> trace(IncidentSample s, Detail detail, int incidents) {
        int max = detail.traceLinesFor(incidents);
        if (s.stackTrace().size() <= max) {
            return s.stackTrace();
        }
        List<TraceLine> cut = new java.util.ArrayList<>(s.stackTrace().subList(0, max));
        if (max > 0) {
            cut.add(new TraceLine("… " + (s.stackTrace().size() - max) + " more lines (kept short in this email)", false));
        }
        return cut;
    }

    /**
     * HTML only (the text part stays complete): when the trace has application frames, runs of
     * more than three framework frames shrink to their first frame and a count.
     */
    static List<TraceLine> foldFrameworkFrames(List<TraceLine> lines) {
        if (lines.stream().noneMatch(TraceLine::inApp)) {
            return lines;
        }
        List<TraceLine> out = new java.util.ArrayList<>(lines.size());
        int i = 0;
        while (i < lines.size()) {
            int j = i;
            while (j < lines.size() && isFrameworkFrame(lines.get(j))) {
                j++;
            }
            if (j - i > 3) {
                String indent = lines.get(i).text().substring(0, lines.get(i).text().indexOf("at "));
                out.add(lines.get(i));
                out.add(new TraceLine(indent + "… " + (j - i - 1) + " framework frames", false));
                i = j;
            } else {
                out.add(lines.get(i));
                i++;
            }
        }
        return out;
    }

    private static boolean isFrameworkFrame(TraceLine l) {
        return !l.inApp() && l.text().trim().startsWith("at ");
    }

    private static List<Map.Entry<String, String>> mdc(IncidentSample s, Detail detail) {
        List<Map.Entry<String, String>> all = new java.util.ArrayList<>(s.mdc().entrySet());
        return all.size() <= detail.mdcEntries() ? all : all.subList(0, detail.mdcEntries());
    }

    private static void row(StringBuilder h, String name, String escapedValue) {
        h.append("<tr><td style=\"padding:1px 12px 1px 0;vertical-align:top;\">").append(name)
                .append("</td><td style=\"padding:1px 0;color:#1f2328;\">").append(escapedValue).append("</td></tr>");
    }

    /** "IllegalStateException: message" or, without a throwable, the message. */
    private static String title(IncidentSample s) {
        String msg = s.exceptionClass() != null && s.exceptionMessage() != null ? s.exceptionMessage() : s.message();
        String first = Text.cap(Text.firstLine(nullToEmpty(msg)), 300);
        return s.exceptionClass() != null ? Text.simpleName(s.exceptionClass()) + ": " + first : first;
    }

    String text(Digest d, Detail detail) {
        StringBuilder t = new StringBuilder(4096);
        t.append(d.eventCount()).append(d.eventCount() == 1 ? " error" : " errors").append(" in ")
                .append(d.incidentCount()).append(d.incidentCount() == 1 ? " incident" : " incidents").append('\n');
        if (!d.application().isEmpty()) {
            t.append("application: ").append(redactor.apply(d.application())).append('\n');
        }
        if (!d.environment().isEmpty()) {
            t.append("environment: ").append(redactor.apply(d.environment())).append('\n');
        }
        t.append("window: ").append(TIME.format(Instant.ofEpochMilli(d.windowStart()))).append(" -> ")
                .append(TIME.format(Instant.ofEpochMilli(d.createdAt()))).append('\n');
        if (d.heldBack() > 0) {
            t.append("rate limit held back ").append(d.heldBack()).append(" email(s) before this one; counts included\n");
        }
        int i = 1;
        for (Entry e : d.entries()) {
            IncidentSample s = e.sample();
            t.append("\n[").append(i++).append("] ").append(e.count()).append(" x ")
                    .append(redactor.apply(title(s)));
            t.append('\n');
            if (e.repeat()) {
                t.append("    still firing: ").append(e.total()).append(" in total since first seen\n");
            }
            if (s.message() != null && s.exceptionMessage() != null && !s.message().equals(s.exceptionMessage())) {
                t.append("    message:     ").append(redactor.apply(Text.cap(s.message(), detail.messageChars()))).append('\n');
            }
            t.append("    logger:      ").append(redactor.apply(s.loggerName())).append('\n')
                    .append("    thread:      ").append(redactor.apply(s.threadName())).append('\n')
                    .append("    first seen:  ").append(TIME.format(Instant.ofEpochMilli(e.firstSeen()))).append('\n')
                    .append("    last seen:   ").append(TIME.format(Instant.ofEpochMilli(e.lastSeen()))).append('\n')
                    .append("    fingerprint: ").append(e.fingerprint().toHex()).append('\n');
            for (Map.Entry<String, String> m : mdc(s, detail)) {
                t.append("    mdc ").append(redactor.apply(m.getKey())).append(": ").append(redactor.apply(m.getValue())).append('\n');
            }
            appendLines(t, "    ", trace(s, detail, d.entries().size()).stream()
                    .map(l -> Text.cap(l.text(), MAX_LINE)).toList());
            if (detail.context() && !s.contextLines().isEmpty()) {
                t.append("    preceding lines on this thread:\n");
                appendLines(t, "      ", s.contextLines());
            }
        }
        if (!d.summarised().isEmpty()) {
            t.append("\nand ").append(d.summarised().size()).append(" more incidents:\n");
            int shown = 0;
            for (Entry e : d.summarised()) {
                if (shown++ == MAX_SUMMARY_LINES) {
                    t.append("  ... ").append(d.summarised().size() - MAX_SUMMARY_LINES).append(" more\n");
                    break;
                }
                t.append("  ").append(e.count()).append(" x ").append(redactor.apply(title(e.sample()))).append('\n');
            }
        }
        t.append("\n-- \nSent by alertmail, idempotency key ").append(d.idempotencyKey()).append('\n');
        return t.toString();
    }

    private void appendLines(StringBuilder t, String indent, List<String> lines) {
        for (String l : lines) {
            t.append(indent).append(redactor.apply(l)).append('\n');
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
