package dev.alertmail.internal.render;

import dev.alertmail.internal.capture.IncidentSample.TraceLine;
import dev.alertmail.internal.render.EmailView.Fact;
import dev.alertmail.internal.render.EmailView.IncidentView;
import dev.alertmail.internal.render.EmailView.Line;
import dev.alertmail.internal.render.EmailView.ResolvedView;
import dev.alertmail.internal.render.EmailView.TimelineView;
import dev.alertmail.internal.text.Html;

/**
 * Lays a {@link EmailView} out as email HTML that keeps its meaning in Outlook's Word engine,
 * Gmail and Apple Mail: tables for layout, inline CSS only, {@code <br>} for line breaks outside
 * {@code <pre>} (Outlook ignores {@code white-space}), no images, scripts or styles blocks. Every
 * view string is escaped here; the only link is the configured "view logs" URL.
 */
public final class HtmlRenderer {

    private static final String FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
    private static final String MONO = "font-family:SFMono-Regular,Consolas,Menlo,monospace;font-size:12px;";
    private static final String RED = "#cf222e";
    private static final String GREY = "#57606a";
    private static final String INK = "#1f2328";
    private static final String LINE = "#d0d7de";
    private static final String TABLE = "role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"";

    String render(EmailView v) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"color-scheme\" content=\"light dark\"><title>")
                .append(esc(v.subject()))
                .append("</title></head><body style=\"margin:0;padding:0;background:#f4f5f7;color:")
                .append(INK)
                .append(";")
                .append(FONT)
                .append("\">")
                .append("<table ")
                .append(TABLE)
                .append(" width=\"100%\" bgcolor=\"#f4f5f7\" style=\"background:#f4f5f7;\">")
                .append("<tr><td align=\"center\" style=\"padding:16px;\">")
                .append("<table ")
                .append(TABLE)
                .append(" width=\"860\" bgcolor=\"#ffffff\" style=\"width:100%;max-width:860px;")
                .append("background:#ffffff;color:")
                .append(INK)
                .append(";border:1px solid ")
                .append(LINE)
                .append(";border-radius:6px;\">");
        header(h, v);
        for (IncidentView i : v.incidents()) {
            incident(h, i);
        }
        if (!v.more().isEmpty()) {
            section(h)
                    .append("<b>and ")
                    .append(v.more().size() + v.moreHidden())
                    .append(" more incidents</b><br>");
            for (Line l : v.more()) {
                h.append(l.count()).append(" × ").append(esc(l.title())).append("<br>");
            }
            if (v.moreHidden() > 0) {
                h.append("… ").append(v.moreHidden()).append(" more<br>");
            }
            h.append("</td></tr>");
        }
        if (!v.resolved().isEmpty()) {
            section(h).append("<b style=\"color:#1a7f37;\">resolved</b> (no new events since)<br>");
            for (ResolvedView r : v.resolved()) {
                h.append("✓ ")
                        .append(esc(r.title()))
                        .append(" · ")
                        .append(r.total())
                        .append(" in total, last seen ")
                        .append(r.lastSeen())
                        .append("<br>");
            }
            h.append("</td></tr>");
        }
        h.append("<tr><td style=\"padding:10px 20px;border-top:1px solid ")
                .append(LINE)
                .append(";font-size:11px;color:")
                .append(GREY)
                .append(";\">Sent by alertmail · idempotency key ")
                .append(esc(v.idempotencyKey()))
                .append("</td></tr></table></td></tr></table></body></html>");
        return h.toString();
    }

    private static void header(StringBuilder h, EmailView v) {
        h.append("<tr><td style=\"padding:16px 20px;border-bottom:3px solid ")
                .append(RED)
                .append(";\">")
                .append("<div style=\"font-size:20px;font-weight:600;\">")
                .append(esc(v.summary()))
                .append("</div>")
                .append("<div style=\"font-size:13px;color:")
                .append(GREY)
                .append(";margin-top:4px;\">");
        String sep = "";
        for (Fact f : v.facts()) {
            h.append(sep)
                    .append(esc(f.label()))
                    .append(" <b style=\"color:")
                    .append(INK)
                    .append(";\">")
                    .append(esc(f.value()))
                    .append("</b>");
            sep = " · ";
        }
        h.append("</div>");
        if (v.heldBack() > 0) {
            h.append("<div style=\"margin-top:8px;padding:6px 10px;background:#fff8c5;color:#4d2d00;font-size:13px;\">")
                    .append("The rate limit held back ")
                    .append(v.heldBack())
                    .append(v.heldBack() == 1 ? " email" : " emails")
                    .append(" before this one; their counts are included here.</div>");
        }
        h.append("</td></tr>");
    }

    private static void incident(StringBuilder h, IncidentView i) {
        h.append("<tr><td style=\"padding:14px 20px;border-top:1px solid ")
                .append(LINE)
                .append(";\">")
                .append("<div style=\"font-size:15px;font-weight:600;\">")
                .append("<span style=\"padding:1px 8px;margin-right:8px;border-radius:10px;background:")
                .append(RED)
                .append(";color:#ffffff;font-size:13px;\">")
                .append(i.count())
                .append("×</span>")
                .append(esc(i.title()));
        if (i.releaseMark() != null) {
            h.append(" <span style=\"padding:1px 6px;border-radius:4px;background:#ddf4ff;color:#0550ae;")
                    .append("font-size:12px;font-weight:600;\">")
                    .append(esc(i.releaseMark()))
                    .append("</span>");
        }
        if (i.stillFiring() != null) {
            h.append(" <span style=\"font-size:12px;font-weight:400;color:#9a6700;\">still firing · ")
                    .append(esc(i.stillFiring()))
                    .append("</span>");
        }
        h.append("</div>");
        if (i.message() != null) {
            h.append("<div style=\"margin-top:6px;font-size:14px;\">")
                    .append(lines(i.message()))
                    .append("</div>");
        }
        h.append("<table ")
                .append(TABLE)
                .append(" style=\"margin-top:8px;font-size:12px;color:")
                .append(GREY)
                .append(";\">");
        for (Fact f : i.facts()) {
            h.append("<tr><td valign=\"top\" style=\"padding:1px 12px 1px 0;\">")
                    .append(esc(f.label()))
                    .append("</td><td style=\"padding:1px 0;color:")
                    .append(INK)
                    .append(";\">")
                    .append(lines(f.value()))
                    .append("</td></tr>");
        }
        h.append("</table>");
        if (i.timeline() != null) {
            timeline(h, i.timeline());
        }
        if (i.logsUrl() != null) {
            h.append("<div style=\"margin-top:8px;font-size:13px;\"><a href=\"")
                    .append(esc(i.logsUrl()))
                    .append("\" style=\"color:#0969da;\">View logs</a></div>");
        }
        if (!i.foldedTrace().isEmpty()) {
            pre(h, "10px 0 0");
            for (TraceLine line : i.foldedTrace()) {
                h.append(line.inApp() ? "<b style=\"color:#0550ae;\">" : "<span style=\"color:" + GREY + ";\">")
                        .append(esc(line.text()))
                        .append(line.inApp() ? "</b>\n" : "</span>\n");
            }
            h.append("</pre>");
        }
        if (!i.context().isEmpty()) {
            h.append("<div style=\"margin-top:8px;font-size:12px;color:")
                    .append(GREY)
                    .append(";\">preceding lines on this thread</div>");
            pre(h, "4px 0 0");
            for (String line : i.context()) {
                h.append(esc(line)).append('\n');
            }
            h.append("</pre>");
        }
        h.append("</td></tr>");
    }

    /** Bars as table cells with a height: the one chart form Outlook, Gmail and Apple Mail all draw. */
    private static void timeline(StringBuilder h, TimelineView t) {
        h.append("<div style=\"margin-top:8px;font-size:12px;color:")
                .append(GREY)
                .append(";\">events per ")
                .append(esc(t.bucketLabel()))
                .append(" since first seen (peak ")
                .append(t.peak())
                .append(")</div>")
                .append("<table ")
                .append(TABLE)
                .append(" style=\"margin-top:2px;\"><tr>");
        for (long c : t.counts()) {
            int px = c == 0 ? 1 : (int) Math.max(2, c * 24 / Math.max(1, t.peak()));
            String color = c == 0 ? LINE : RED;
            h.append("<td valign=\"bottom\" height=\"24\" style=\"height:24px;padding:0 1px 0 0;\">")
                    .append("<table ")
                    .append(TABLE)
                    .append("><tr><td width=\"6\" height=\"")
                    .append(px)
                    .append("\" bgcolor=\"")
                    .append(color)
                    .append("\" title=\"")
                    .append(c)
                    .append("\" style=\"width:6px;height:")
                    .append(px)
                    .append("px;background:")
                    .append(color)
                    .append(";font-size:1px;line-height:1px;\">&nbsp;</td>")
                    .append("</tr></table></td>");
        }
        h.append("</tr></table><div style=\"font-size:11px;color:")
                .append(GREY)
                .append(";\">")
                .append(esc(t.from()))
                .append(" → ")
                .append(esc(t.to()))
                .append("</div>");
    }

    private static StringBuilder section(StringBuilder h) {
        return h.append("<tr><td style=\"padding:12px 20px;border-top:1px solid ")
                .append(LINE)
                .append(";font-size:13px;\">");
    }

    private static void pre(StringBuilder h, String margin) {
        h.append("<pre style=\"margin:")
                .append(margin)
                .append(";padding:10px;background:#f6f8fa;color:")
                .append(INK)
                .append(";border:1px solid ")
                .append(LINE)
                .append(";white-space:pre-wrap;word-break:break-word;")
                .append(MONO)
                .append("\">");
    }

    /** Escaped, with each line break an explicit {@code <br>} and indentation kept. */
    private static String lines(String s) {
        return esc(s).replace("\r\n", "\n")
                .replace("\r", "\n")
                .replace("\n", "<br>")
                .replace("  ", "&nbsp; ");
    }

    private static String esc(String s) {
        return Html.escape(s);
    }
}
