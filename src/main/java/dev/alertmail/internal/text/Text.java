package dev.alertmail.internal.text;

import org.jspecify.annotations.Nullable;

/** Small string helpers for untrusted text. */
public final class Text {

    private Text() {}

    /** At most {@code max} chars, never splitting a surrogate pair; marks the cut. */
    public static String cap(String s, int max) {
        return cap(s, max, s.length());
    }

    /** Like {@link #cap(String, int)} for the head of a longer text of {@code totalLength} chars. */
    public static String cap(String s, int max, int totalLength) {
        if (s.length() <= max && totalLength <= s.length()) {
            return s;
        }
        int end = Math.min(max, s.length());
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "… [" + (totalLength - end) + " chars cut]";
    }

    /** Replaces CR, LF and every other control character with a space: for anything that reaches a mail header. */
    public static String singleLine(@Nullable String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null) {
                b.append(control ? ' ' : c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** First line of a possibly multi-line text. */
    public static String firstLine(@Nullable String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        int cr = s.indexOf('\r');
        int end = nl < 0 ? cr : (cr < 0 ? nl : Math.min(nl, cr));
        return end < 0 ? s : s.substring(0, end);
    }

    /** The part after the last dot: {@code java.lang.IllegalStateException} becomes {@code IllegalStateException}. */
    public static String simpleName(@Nullable String className) {
        if (className == null) {
            return "";
        }
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
