package dev.alertmail;

/**
 * Renders a plan to subject, HTML and text within the email's size budget: the first level of
 * detail whose parts fit is used.
 */
final class DigestRenderer {

    /** HTML + text characters; about 800 KB of MIME at worst (base64 of non-ASCII text). */
    static final int MAX_BODY_CHARS = 600_000;

    /** The rendered parts of one email. */
    record Rendered(String subject, String html, String text) {
    }

    private final ViewBuilder views;
    private final HtmlRenderer html = new HtmlRenderer();
    private final TextRenderer text = new TextRenderer();

    DigestRenderer(AlertConfig config) {
        this.views = new ViewBuilder(config, new Subjects(config));
    }

    Rendered render(DigestPlan plan, String host, String key) {
        Rendered r = null;
        for (ViewBuilder.Detail detail : ViewBuilder.Detail.LEVELS) {
            DigestView v = views.build(plan, host, key, detail);
            r = new Rendered(v.subject(), html.render(v), text.render(v));
            if (r.html().length() + r.text().length() <= MAX_BODY_CHARS) {
                break;
            }
        }
        return r;
    }
}
