package dev.alertmail.internal.config;

import java.util.List;
import java.util.regex.Pattern;

/** Replaces every match of the configured patterns with {@code [redacted]}, before escaping. */
public final class Redactor {

    static final String REPLACEMENT = "[redacted]";

    /** {@code redactDefaults=true}: common secrets that end up in exception messages. */
    static final List<Pattern> DEFAULTS = List.of(
            Pattern.compile("(?i)(?<=\\bbearer\\s)[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("\\bre_[A-Za-z0-9_]{8,}"),
            Pattern.compile("(?<=://[^/\\s:@]{1,256}:)[^@\\s/]{1,256}(?=@)"),
            Pattern.compile("(?i)(?<=\\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)[=:])[^&\\s\"',;]+"));

    private final List<Pattern> patterns;

    /** @param secret the SMTP password (API key): always redacted, whatever the patterns */
    public Redactor(List<Pattern> patterns, String secret) {
        List<Pattern> all = new java.util.ArrayList<>(patterns);
        if (secret != null && secret.length() >= 4) {
            all.add(Pattern.compile(Pattern.quote(secret)));
        }
        this.patterns = List.copyOf(all);
    }

    public String apply(String s) {
        if (s == null || patterns.isEmpty()) {
            return s;
        }
        String out = s;
        for (Pattern p : patterns) {
            out = p.matcher(out).replaceAll(REPLACEMENT);
        }
        return out;
    }
}
