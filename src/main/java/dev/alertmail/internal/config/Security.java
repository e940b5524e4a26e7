package dev.alertmail.internal.config;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How the SMTP connection is protected. */
public enum Security {
    /** Implicit TLS: the connection is encrypted from the first byte (Resend ports 465, 2465). */
    SMTPS,
    /** Plaintext greeting upgraded with STARTTLS; refused if the server does not offer it (25, 587, 2587). */
    STARTTLS,
    /** No encryption at all. Only when set explicitly, for loopback tests and private relays. */
    NONE;

    /** The security Resend documents for a port, or {@code null} when the port needs an explicit choice. */
    public static @Nullable Security forPort(int port) {
        switch (port) {
            case 465:
            case 2465:
                return SMTPS;
            case 25:
            case 587:
            case 2587:
                return STARTTLS;
            default:
                return null;
        }
    }

    /** Parses {@code SMTPS}, {@code STARTTLS} or {@code NONE}, case-insensitively. */
    public static Security parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (Security s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown security '" + text + "': use SMTPS, STARTTLS or NONE");
    }
}
