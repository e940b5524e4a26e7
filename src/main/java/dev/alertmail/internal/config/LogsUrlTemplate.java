package dev.alertmail.internal.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code logsUrl} setting: a link to the application's logs for one incident, e.g.
 * {@code https://kibana/app/discover#/?_g=(time:(from:'{from}',to:'{to}'))&_a=(query:'{fingerprint}')}.
 * Only {@code http} and {@code https} URLs; every substituted value is URL-encoded.
 */
public final class LogsUrlTemplate {

    static final Set<String> PLACEHOLDERS =
            Set.of("fingerprint", "application", "environment", "host", "from", "to", "fromMillis", "toMillis");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final String source;

    private LogsUrlTemplate(String source) {
        this.source = source;
    }

    public static LogsUrlTemplate parse(String source) {
        String s = source.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            throw new IllegalArgumentException("must be an http:// or https:// URL, was '" + s + "'");
        }
        if (s.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>')) {
            throw new IllegalArgumentException("must not contain spaces, quotes or angle brackets");
        }
        Matcher m = PLACEHOLDER.matcher(s);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} (known: {fingerprint}"
                        + " {application} {environment} {host} {from} {to} {fromMillis} {toMillis})");
            }
        }
        return new LogsUrlTemplate(s);
    }

    /** The link with every placeholder replaced by its URL-encoded value. */
    public String expand(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(source);
        StringBuilder b = new StringBuilder(source.length() + 64);
        while (m.find()) {
            String v = values.getOrDefault(m.group(1), "");
            m.appendReplacement(
                    b,
                    Matcher.quoteReplacement(
                            URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The template as written: what status lines show and identities compare. */
    @Override
    public String toString() {
        return source;
    }
}
