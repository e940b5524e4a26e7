package dev.alertmail.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The {@code subject} setting, parsed once: literal text and placeholders ({@code %env},
 * {@code %mdc{key}}, …). An unknown placeholder is a configuration error naming it; {@code %%} is
 * a literal percent sign.
 */
public final class SubjectTemplate {

    static final Set<String> PLACEHOLDERS = Set.of(
            "env",
            "app",
            "count",
            "exception",
            "message",
            "logger",
            "thread",
            "level",
            "host",
            "release",
            "mark",
            "mdc");
    static final SubjectTemplate DEFAULT = parse(AlertConfig.DEFAULT_SUBJECT);

    /** A literal ({@code name == null}) or a placeholder with its optional {@code {argument}}. */
    private record Part(
            @Nullable String text,
            @Nullable String name,
            @Nullable String argument) {}

    private final String source;
    private final List<Part> parts;

    private SubjectTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    static SubjectTemplate parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            int end = i + 1;
            while (c == '%' && end < source.length() && Character.isLetter(source.charAt(end))) {
                end++;
            }
            if (c != '%' || end == i + 1) {
                boolean escaped = c == '%' && end < source.length() && source.charAt(end) == '%';
                literal.append(c);
                i += escaped ? 2 : 1;
                continue;
            }
            String name = source.substring(i + 1, end);
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder %" + name + " (known: %env %app %count"
                        + " %exception %message %logger %thread %level %host %release %mark %mdc{key})");
            }
            String argument = null;
            if (name.equals("mdc")) {
                int close = end < source.length() && source.charAt(end) == '{' ? source.indexOf('}', end) : -1;
                if (close < 0) {
                    throw new IllegalArgumentException("%mdc needs a key: %mdc{requestId}");
                }
                argument = source.substring(end + 1, close);
                end = close + 1;
            }
            if (literal.length() > 0) {
                parts.add(new Part(literal.toString(), null, null));
                literal.setLength(0);
            }
            parts.add(new Part(null, name, argument));
            i = end;
        }
        if (literal.length() > 0) {
            parts.add(new Part(literal.toString(), null, null));
        }
        return new SubjectTemplate(source, List.copyOf(parts));
    }

    /** @param values (placeholder name, argument or null) → its value for this email */
    public String render(BinaryOperator<String> values) {
        StringBuilder b = new StringBuilder(128);
        for (Part p : parts) {
            b.append(p.name() == null ? p.text() : values.apply(p.name(), p.argument()));
        }
        return b.toString();
    }

    /** The template as written: what status lines show and identities compare. */
    @Override
    public String toString() {
        return source;
    }
}
