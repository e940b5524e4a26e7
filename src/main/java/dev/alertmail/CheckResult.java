package dev.alertmail;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a configuration check.
 *
 * @param problem what went wrong in plain words, or {@code null} when everything worked
 */
public record CheckResult(@Nullable String problem) {

    public static final CheckResult OK = new CheckResult(null);

    public boolean ok() {
        return problem == null;
    }
}
