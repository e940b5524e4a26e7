package dev.alertmail.internal.render;

import dev.alertmail.internal.capture.IncidentSample;
import dev.alertmail.internal.capture.IncidentSample.TraceLine;
import dev.alertmail.internal.capture.StackTraces;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.incidents.Timeline;
import dev.alertmail.internal.plan.EmailPlan;
import dev.alertmail.internal.render.EmailView.Fact;
import dev.alertmail.internal.render.EmailView.IncidentView;
import dev.alertmail.internal.render.EmailView.Line;
import dev.alertmail.internal.render.EmailView.ResolvedView;
import dev.alertmail.internal.render.EmailView.TimelineView;
import dev.alertmail.internal.text.Text;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Decides what one email shows ({@link EmailView}) from a {@link EmailPlan}, at one level of detail. */
public final class ViewBuilder {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final int MAX_SUMMARY_LINES = 50;
    private static final long LOGS_MARGIN_MILLIS = 60_000;

    /**
     * How much of each incident is shown. Alerts must stay small (and Resend's limit far away): the
     * first level whose rendering fits the budget is used.
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

    private final AlertConfig config;
    private final SubjectLine subjects;

    ViewBuilder(AlertConfig config, SubjectLine subjects) {
        this.config = config;
        this.subjects = subjects;
    }

    EmailView build(EmailPlan plan, String host, String key, Detail detail) {
        return build(plan, host, key, detail, null);
    }

    /** @param notice a line the reader must see first (this email may repeat errors), or {@code null} */
    EmailView build(EmailPlan plan, String host, String key, Detail detail, @Nullable String notice) {
        int shown = Math.min(plan.entries().size(), config.maxIncidentsPerEmail());
        List<IncidentView> incidents = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            incidents.add(incident(plan, plan.entries().get(i), i + 1, host, detail, shown));
        }
        List<Line> more = new ArrayList<>();
        int hidden = 0;
        for (EmailPlan.Entry e : plan.entries().subList(shown, plan.entries().size())) {
            if (more.size() < MAX_SUMMARY_LINES) {
                more.add(new Line(e.count(), e.incident().sample.title()));
            } else {
                hidden++;
            }
        }
        List<ResolvedView> resolved = new ArrayList<>();
        for (EmailPlan.Resolved r : plan.resolved()) {
            resolved.add(new ResolvedView(
                    r.title(), r.total(), time(plan.wall(r.firstSeen())), time(plan.wall(r.lastSeen()))));
        }
        long events = plan.eventCount();
        int count = plan.entries().size();
        String summary = count == 0
                ? resolved.size() + (resolved.size() == 1 ? " incident" : " incidents") + " resolved"
                : events + (events == 1 ? " error" : " errors") + " in " + count
                        + (count == 1 ? " incident" : " incidents");
        return new EmailView(
                subjects.subject(plan, host),
                summary,
                facts(plan, host, notice),
                plan.heldBack(),
                incidents,
                more,
                hidden,
                resolved,
                key);
    }

    private List<Fact> facts(EmailPlan plan, String host, @Nullable String notice) {
        List<Fact> facts = new ArrayList<>();
        if (notice != null) {
            facts.add(new Fact("note", notice));
        }
        addIfSet(facts, "application", config.application());
        addIfSet(facts, "environment", config.environment());
        addIfSet(facts, "host", host);
        addIfSet(facts, "release", releases(plan, config.release()));
        facts.add(new Fact("window", time(plan.wall(plan.windowStart())) + " → " + time(plan.wall(plan.createdAt()))));
        return facts;
    }

    private IncidentView incident(
            EmailPlan plan, EmailPlan.Entry e, int number, String host, Detail detail, int incidents) {
        IncidentSample s = e.incident().sample;
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("logger", s.loggerName()));
        facts.add(new Fact("thread", s.threadName()));
        if (s.callSite() != null) {
            facts.add(new Fact("logged at", s.callSite()));
        }
        facts.add(new Fact("first seen", time(plan.wall(e.incident().firstSeen))));
        facts.add(new Fact("last seen", time(plan.wall(e.lastSeen()))));
        facts.add(new Fact("fingerprint", e.fingerprint().toHex()));
        facts.addAll(Memory.facts(e.incident()));
        if (!e.incident().hosts().isEmpty()) { // a fleet's email: who saw it, most first
            facts.add(new Fact("hosts", hosts(e.incident().hosts())));
        }
        int mdc = 0;
        for (Map.Entry<String, String> m : s.mdc().entrySet()) {
            if (mdc++ == detail.mdcEntries()) {
                break;
            }
            facts.add(new Fact("mdc " + m.getKey(), m.getValue()));
        }
        List<TraceLine> trace = cut(s.stackTrace(), detail.traceLinesFor(incidents));
        return new IncidentView(
                number,
                e.count(),
                s.title(),
                e.incident().releaseMark(),
                e.repeat() ? e.total() + " in total since first seen" : null,
                message(s, detail),
                facts,
                timeline(e.timeline(), plan),
                trace,
                foldFrameworkFrames(trace),
                detail.context() ? s.contextLines() : List.of(),
                logsUrl(plan, e, host));
    }

    /** The whole message when the title does not already say it all. */
    private static @Nullable String message(IncidentSample s, Detail detail) {
        String m = s.message();
        boolean saysMore = s.exceptionClass() != null
                ? !m.isEmpty() && !m.equals(s.exceptionMessage())
                : !Text.firstLine(m).equals(m) || m.length() > 300;
        return saysMore ? Text.cap(m, detail.messageChars()) : null;
    }

    private static @Nullable TimelineView timeline(Timeline.Snapshot t, EmailPlan plan) {
        if (t.counts().length < 2) {
            return null; // one bucket says nothing the count does not
        }
        long peak = 0;
        for (long c : t.counts()) {
            peak = Math.max(peak, c);
        }
        return new TimelineView(
                duration(t.bucketMillis()),
                t.counts(),
                peak,
                time(plan.wall(t.origin())),
                time(plan.wall(plan.createdAt())));
    }

    private @Nullable String logsUrl(EmailPlan plan, EmailPlan.Entry e, String host) {
        if (config.logsUrl() == null) {
            return null;
        }
        long from = plan.wall(e.incident().firstSeen) - LOGS_MARGIN_MILLIS;
        long to = plan.wall(e.lastSeen()) + LOGS_MARGIN_MILLIS;
        return config.logsUrl()
                .expand(Map.of(
                        "fingerprint",
                        e.fingerprint().toHex(),
                        "application",
                        config.application(),
                        "environment",
                        config.environment(),
                        "host",
                        host,
                        "from",
                        Instant.ofEpochMilli(from).toString(),
                        "to",
                        Instant.ofEpochMilli(to).toString(),
                        "fromMillis",
                        Long.toString(from),
                        "toMillis",
                        Long.toString(to)));
    }

    private static List<TraceLine> cut(List<TraceLine> lines, int max) {
        if (lines.size() <= max) {
            return lines;
        }
        List<TraceLine> cut = new ArrayList<>(lines.subList(0, max));
        if (max > 0) {
            cut.add(new TraceLine("… " + (lines.size() - max) + " more lines (kept short in this email)", false));
        }
        return cut;
    }

    /**
     * When the trace has application frames, runs of more than three framework frames shrink to
     * their first frame and a count.
     */
    public static List<TraceLine> foldFrameworkFrames(List<TraceLine> lines) {
        if (lines.stream().noneMatch(TraceLine::inApp)) {
            return lines;
        }
        List<TraceLine> out = new ArrayList<>(lines.size());
        int i = 0;
        while (i < lines.size()) {
            int j = i;
            while (j < lines.size() && isFrameworkFrame(lines.get(j))) {
                j++;
            }
            if (j - i > 3) {
                String indent =
                        lines.get(i).text().substring(0, lines.get(i).text().indexOf("at "));
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

    private static void addIfSet(List<Fact> facts, String label, String value) {
        if (!value.isEmpty()) {
            facts.add(new Fact(label, value));
        }
    }

    static String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis));
    }

    static String duration(long millis) {
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + " h";
        }
        return millis % 60_000 == 0
                ? millis / 60_000 + " min"
                : millis % 1_000 == 0 ? millis / 1_000 + " s" : millis + " ms";
    }

    /**
     * A fleet's members label their hosts {@code "host [release]"}: when the hosts in this email run
     * other releases than this one, the email names them all (each host's is in its incidents).
     */
    static String releases(EmailPlan plan, String own) {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (EmailPlan.Entry e : plan.entries()) {
            for (String label : e.incident().hosts().keySet()) {
                int open = label.lastIndexOf(" [");
                if (open > 0 && label.endsWith("]")) {
                    seen.add(label.substring(open + 2, label.length() - 1));
                }
            }
        }
        if (seen.isEmpty() || seen.equals(java.util.Set.of(own))) {
            return own;
        }
        return String.join(", ", seen) + " (the hosts differ: each host's is in its incidents)";
    }

    private static String hosts(Map<String, Long> hosts) {
        StringBuilder b = new StringBuilder();
        hosts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(20)
                .forEach(h -> b.append(b.length() == 0 ? "" : ", ")
                        .append(h.getKey())
                        .append(" (")
                        .append(h.getValue())
                        .append(')'));
        return b.toString();
    }
}
