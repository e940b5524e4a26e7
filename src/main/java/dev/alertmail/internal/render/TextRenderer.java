package dev.alertmail.internal.render;

import dev.alertmail.internal.capture.IncidentSample.TraceLine;
import dev.alertmail.internal.render.EmailView.Fact;
import dev.alertmail.internal.render.EmailView.IncidentView;
import dev.alertmail.internal.render.EmailView.Line;
import dev.alertmail.internal.render.EmailView.ResolvedView;

/** Lays a {@link EmailView} out as the plain-text part: every fact the HTML shows, complete traces. */
public final class TextRenderer {

    String render(EmailView v) {
        StringBuilder t = new StringBuilder(4096);
        t.append(v.summary()).append('\n');
        for (Fact f : v.facts()) {
            t.append(f.label())
                    .append(": ")
                    .append(f.value().replace("→", "->"))
                    .append('\n');
        }
        if (v.heldBack() > 0) {
            t.append("rate limit held back ")
                    .append(v.heldBack())
                    .append(v.heldBack() == 1 ? " email" : " emails")
                    .append(" before this one; their counts are included here\n");
        }
        for (IncidentView i : v.incidents()) {
            t.append("\n[")
                    .append(i.number())
                    .append("] ")
                    .append(i.count())
                    .append(" x ")
                    .append(i.title())
                    .append('\n');
            if (i.stillFiring() != null) {
                t.append("    still firing: ").append(i.stillFiring()).append('\n');
            }
            if (i.message() != null) {
                t.append("    message:\n");
                indent(t, "      ", i.message());
            }
            for (Fact f : i.facts()) {
                t.append("    ").append(pad(f.label() + ":")).append(f.value()).append('\n');
            }
            if (i.timeline() != null) {
                t.append("    timeline:    ")
                        .append(i.timeline().sparkline())
                        .append("  (per ")
                        .append(i.timeline().bucketLabel())
                        .append(", peak ")
                        .append(i.timeline().peak())
                        .append(")\n");
            }
            if (i.logsUrl() != null) {
                t.append("    logs:        ").append(i.logsUrl()).append('\n');
            }
            for (TraceLine l : i.trace()) {
                t.append("    ").append(l.text()).append('\n');
            }
            if (!i.context().isEmpty()) {
                t.append("    preceding lines on this thread:\n");
                for (String l : i.context()) {
                    t.append("      ").append(l).append('\n');
                }
            }
        }
        if (!v.more().isEmpty()) {
            t.append("\nand ").append(v.more().size() + v.moreHidden()).append(" more incidents:\n");
            for (Line l : v.more()) {
                t.append("  ").append(l.count()).append(" x ").append(l.title()).append('\n');
            }
            if (v.moreHidden() > 0) {
                t.append("  ... ").append(v.moreHidden()).append(" more\n");
            }
        }
        if (!v.resolved().isEmpty()) {
            t.append("\nresolved (no new events since):\n");
            for (ResolvedView r : v.resolved()) {
                t.append("  ")
                        .append(r.title())
                        .append(" - ")
                        .append(r.total())
                        .append(" in total, last seen ")
                        .append(r.lastSeen())
                        .append('\n');
            }
        }
        t.append("\n-- \nSent by alertmail, idempotency key ")
                .append(v.idempotencyKey())
                .append('\n');
        return t.toString();
    }

    private static String pad(String label) {
        return label.length() >= 13 ? label + " " : label + " ".repeat(13 - label.length());
    }

    private static void indent(StringBuilder t, String indent, String text) {
        for (String line : text.split("\r\n|\r|\n", -1)) {
            t.append(indent).append(line).append('\n');
        }
    }
}
