package dev.alertmail.internal.text;

import org.jspecify.annotations.Nullable;

/**
 * HTML escaping for element content and quoted attribute values. None of our dependencies exposes
 * one (Logback's {@code Transform} is off limits to the framework-free core), and five characters
 * do not earn a new dependency.
 */
public final class Html {

    private Html() {}

    public static String escape(@Nullable String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep;
            switch (c) {
                case '<':
                    rep = "&lt;";
                    break;
                case '>':
                    rep = "&gt;";
                    break;
                case '&':
                    rep = "&amp;";
                    break;
                case '"':
                    rep = "&quot;";
                    break;
                case '\'':
                    rep = "&#39;";
                    break;
                default:
                    // other C0 controls (not tab/newline) are invalid in HTML text
                    rep = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ? "\uFFFD" : null;
            }
            if (rep != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
