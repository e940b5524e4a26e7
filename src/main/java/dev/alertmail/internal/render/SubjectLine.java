package dev.alertmail.internal.render;

import dev.alertmail.internal.capture.IncidentSample;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.plan.EmailPlan;
import dev.alertmail.internal.text.Text;

/**
 * The subject line of an email: the {@code subject} template filled from the email's top incident,
 * on one line (CR, LF and other controls removed), at most {@value #MAX_SUBJECT} characters.
 */
public final class SubjectLine {

    public static final int MAX_SUBJECT = 200;

    private final AlertConfig config;

    SubjectLine(AlertConfig config) {
        this.config = config;
    }

    /** The first release mark among the email's incidents ("new in 1.4.2"), or nothing. */
    private static String mark(EmailPlan plan) {
        for (EmailPlan.Entry e : plan.entries()) {
            String m = e.incident().releaseMark();
            if (m != null) {
                return m;
            }
        }
        return "";
    }

    String subject(EmailPlan plan, String host) {
        String s;
        if (plan.entries().isEmpty()) {
            String first = plan.resolved().isEmpty()
                    ? ""
                    : " — " + plan.resolved().get(0).title();
            s = "[" + config.environment() + "] " + config.application() + ": "
                    + plan.resolved().size() + " resolved" + first;
        } else {
            IncidentSample top = plan.entries().get(0).incident().sample;
            long count = plan.eventCount();
            s = config.subject().render((name, argument) -> switch (name) {
                case "env" -> config.environment();
                case "app" -> config.application();
                case "count" -> Long.toString(count);
                case "exception" -> top.headline();
                case "message" -> top.subjectMessage();
                case "logger" -> Text.simpleName(top.loggerName());
                case "thread" -> top.threadName();
                case "level" -> top.level();
                case "host" -> host;
                case "release" -> config.release();
                case "mark" -> mark(plan);
                case "mdc" -> top.mdc().getOrDefault(argument, "");
                default -> throw new IllegalStateException("placeholder %" + name + " passed validation");
            });
            if (count == 1) {
                s = s.replace("1 errors", "1 error");
            }
        }
        s = s.replace("[]", "").trim();
        if (s.startsWith(":")) {
            s = s.substring(1).trim();
        }
        s = Text.singleLine(s).replaceAll("\\s{2,}", " ").trim();
        if (s.length() <= MAX_SUBJECT) {
            return s;
        }
        int end = MAX_SUBJECT - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never half an emoji
        }
        return s.substring(0, end) + "…";
    }
}
