package dev.alertmail.internal.render;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.plan.EmailPlan;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders a plan to subject, HTML and text within the email's size budget: the first level of
 * detail whose parts fit is used.
 */
public final class EmailRenderer {

    /** HTML + text characters; about 800 KB of MIME at worst (base64 of non-ASCII text). */
    static final int MAX_BODY_CHARS = 600_000;

    /** The rendered parts of one email. */
    public record Rendered(String subject, String html, String text) {}

    private final ViewBuilder views;
    private final HtmlRenderer html = new HtmlRenderer();
    private final TextRenderer text = new TextRenderer();

    public EmailRenderer(AlertConfig config) {
        this.views = new ViewBuilder(config, new SubjectLine(config));
    }

    public Rendered render(EmailPlan plan, String host, String key) {
        return render(plan, host, key, null);
    }

    /** @param notice a note shown first among the email's facts, or {@code null} */
    public Rendered render(EmailPlan plan, String host, String key, @Nullable String notice) {
        List<ViewBuilder.Detail> levels = ViewBuilder.Detail.LEVELS;
        for (int i = 0; ; i++) { // the last, least detailed level is taken whatever its size
            EmailView v = views.build(plan, host, key, levels.get(i), notice);
            Rendered r = new Rendered(v.subject(), html.render(v), text.render(v));
            if (i == levels.size() - 1 || r.html().length() + r.text().length() <= MAX_BODY_CHARS) {
                return r;
            }
        }
    }
}
