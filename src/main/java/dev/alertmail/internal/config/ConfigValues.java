package dev.alertmail.internal.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of {@link AlertSettings} text: durations, whole numbers, booleans, addresses. A bad
 * value becomes a problem naming its property, and the default stands in so the other checks go on.
 */
public final class ConfigValues {

    /** Longer makes no sense for any timer or timeout here, and keeps nanosecond arithmetic far from overflow. */
    static final Duration MAX_DURATION = Duration.ofDays(365);

    private final AlertSettings in;
    final List<String> problems;

    ConfigValues(AlertSettings in, List<String> earlierProblems) {
        this.in = in;
        this.problems = new ArrayList<>(earlierProblems);
    }

    @Nullable
    String raw(Setting s) {
        return in.get(s);
    }

    List<String> all(Setting s) {
        return in.all(s);
    }

    @Nullable
    String env(String name) {
        return in.env(name);
    }

    String text(Setting s, String fallback) {
        String v = in.get(s);
        return v == null ? fallback : v.trim();
    }

    /** A duration of at least 1 ms (or zero, where that means "no wait"). */
    Duration duration(Setting s, String fallback, boolean zeroAllowed) {
        String v = in.get(s);
        Duration d;
        try {
            d = Durations.parse(v == null ? fallback : v);
        } catch (IllegalArgumentException e) {
            problems.add("'" + s.property() + "': " + e.getMessage());
            return Durations.parse(fallback);
        }
        if (d.compareTo(MAX_DURATION) > 0) {
            problems.add("'" + s.property() + "' " + v + " is more than 365 days");
            return Durations.parse(fallback);
        }
        if (d.isZero() && !zeroAllowed) {
            problems.add("'" + s.property() + "' must be more than zero");
        } else if (!d.isZero() && d.toMillis() < 1) {
            problems.add("'" + s.property() + "' " + v + " is below 1 ms");
        }
        return d;
    }

    int integer(Setting s, int fallback, int min, int max) {
        String v = in.get(s);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                problems.add("'" + s.property() + "' must be between " + min + " and " + max + ", was " + n);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add("'" + s.property() + "' " + v + " is not a whole number");
            return fallback;
        }
    }

    /** {@code true} or {@code false}, any case; nothing else ({@code yes} is a mistake, not {@code false}). */
    boolean bool(Setting s, boolean fallback) {
        String v = in.get(s);
        if (v == null) {
            return fallback;
        }
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                problems.add("'" + s.property() + "' " + v + " is not true or false");
                return fallback;
        }
    }

    <T> T parsed(Setting s, Supplier<T> parse, T fallback) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            problems.add("'" + s.property() + "': " + e.getMessage());
            return fallback;
        }
    }

    /** Like {@link #parsed} for an optional setting: {@code null} when it does not parse (the problem is noted). */
    <T> @Nullable T parsedOrNull(Setting s, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            problems.add("'" + s.property() + "': " + e.getMessage());
            return null;
        }
    }

    /** Jakarta Mail's parser: {@code "Doe, Jane" <jane@example.com>, ops@example.com} is two addresses. */
    List<InternetAddress> addresses(Setting s) {
        List<InternetAddress> out = new ArrayList<>();
        for (String v : in.all(s)) {
            try {
                for (InternetAddress a : InternetAddress.parse(v, true)) {
                    a.validate();
                    out.add(a);
                }
            } catch (AddressException e) {
                problems.add("'" + s.property() + "' address '" + v.trim() + "' is invalid: " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** Every comma-separated item of every value. */
    List<String> items(Setting s) {
        List<String> out = new ArrayList<>();
        for (String v : in.all(s)) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return List.copyOf(out);
    }
}
