package dev.alertmail.internal.config;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The {@code level} setting: the least severe level that alerts. Names as both frameworks spell them. */
public enum Threshold {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR;

    static @Nullable Threshold parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (Threshold l : values()) {
            if (l.name().equals(t)) {
                return l;
            }
        }
        return null;
    }
}
