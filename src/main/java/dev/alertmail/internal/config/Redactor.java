package dev.alertmail.internal.config;

import dev.alertmail.internal.text.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Replaces every match of the configured patterns with {@code [redacted]}, before escaping. */
public final class Redactor {

    /** Secrets are shorter than this: one starting before a cap ends inside the redacted window. */
    public static final int MARGIN = 1_024;

    static final String REPLACEMENT = "[redacted]";

    /** {@code redactDefaults=true}: common secrets that end up in exception messages. */
    static final List<Pattern> DEFAULTS = List.of(
            Pattern.compile("(?i)(?<=\\bbearer\\s)[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("\\bre_[A-Za-z0-9_]{8,}"),
            Pattern.compile("(?<=://[^/\\s:@]{1,256}:)[^@\\s/]{1,256}(?=@)"),
            Pattern.compile(
                    "(?i)(?<=\\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)[=:])[^&\\s\"',;]+"));

    private final List<Pattern> patterns;

    /** @param secret the SMTP password (API key): always redacted, whatever the patterns */
    public Redactor(List<Pattern> patterns, String secret) {
        List<Pattern> all = new ArrayList<>(patterns);
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

    /**
     * Redacts {@code s} and says where its first {@code safe} characters end in the result. For
     * the head of a longer text: what lies behind {@code safe} may hold a secret the cut made
     * unrecognisable, so only {@code text.substring(0, safeEnd)} may be shown. A match that
     * starts before {@code safe} is replaced whole, so its replacement lies before {@code safeEnd}.
     */
    public Redacted applyHead(String s, int safe) {
        String out = s;
        int p = Math.min(safe, s.length());
        for (Pattern pattern : patterns) {
            Matcher m = pattern.matcher(out);
            if (!m.find()) {
                continue;
            }
            StringBuilder b = new StringBuilder(out.length());
            int last = 0;
            int moved = -1; // where p is in b, once known
            do {
                b.append(out, last, m.start());
                if (moved < 0 && p <= m.start()) {
                    moved = b.length() - (m.start() - p);
                }
                b.append(REPLACEMENT);
                if (moved < 0 && p < m.end()) {
                    moved = b.length(); // inside this match: the replacement is whole, and safe
                }
                last = m.end();
            } while (m.find());
            b.append(out, last, out.length());
            p = moved >= 0 ? moved : p + b.length() - out.length();
            out = b.toString();
        }
        return new Redacted(out, p);
    }

    /**
     * Redact first, then cap: a secret across the cut leaves nothing behind. Only a window of
     * {@code max} + {@value #MARGIN} chars is redacted, so a 10 MB message costs no more than a
     * long one; and of a window cut from a longer text, only what its first {@code max} chars
     * became is shown. The rest of the window completes the secrets that start before {@code max};
     * its own end may cut one below what its pattern matches, so it is never shown — even when an
     * earlier redaction (a long token) made the redacted text shorter than {@code max}.
     */
    public String redactAndCap(@Nullable String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max + MARGIN) {
            return Text.cap(apply(s), max);
        }
        Redacted head = applyHead(s.substring(0, max + MARGIN), max);
        String shown =
                head.text().substring(0, Math.min(head.safeEnd(), head.text().length()));
        int total = head.text().length() + s.length() - (max + MARGIN); // about: the tail is not redacted
        return Text.cap(shown, max, Math.max(total, shown.length() + 1));
    }

    /** A redacted head: {@code text}, of which the first {@code safeEnd} characters may be shown. */
    public record Redacted(String text, int safeEnd) {}
}
