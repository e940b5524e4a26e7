package dev.alertmail.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the duration forms users write in logging configs: Logback's ({@code 10 seconds},
 * {@code 500 milliseconds}), short ({@code 10s}, {@code 500ms}, {@code 1m}, {@code 1h}, {@code 2d})
 * and ISO-8601 ({@code PT10S}).
 *
 * <p>Logback's own {@code Duration} accepts only the first form and the core must not depend on
 * Logback, hence this small parser, used for both frameworks.
 */
public final class Durations {

    private static final Pattern FORM = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*(ms|millis|milliseconds?|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)?");

    private Durations() {}

    /** @throws IllegalArgumentException naming the text when it is not a positive-or-zero duration */
    public static Duration parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p") || t.startsWith("-p")) {
            try {
                return nonNegative(Duration.parse(t.toUpperCase(Locale.ROOT)), text);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw invalid(text);
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2); // Logback: a bare number is milliseconds
        double millis = amount * unitMillis(unit);
        return Duration.ofNanos(Math.round(millis * 1_000_000d));
    }

    private static long unitMillis(String unit) {
        switch (unit.charAt(0)) {
            case 's':
                return 1_000L;
            case 'h':
                return 3_600_000L;
            case 'd':
                return 86_400_000L;
            case 'm':
                // "m", "min", "minute(s)" are minutes; "ms", "millis", "millisecond(s)" are milliseconds.
                return unit.equals("m") || unit.startsWith("min") ? 60_000L : 1L;
            default:
                throw new AssertionError(unit);
        }
    }

    private static Duration nonNegative(Duration d, String text) {
        if (d.isNegative()) {
            throw invalid(text);
        }
        return d;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "cannot parse duration '" + text + "': use e.g. '10 seconds', '10s', '500ms', '1m', '1h' or 'PT10S'");
    }
}
