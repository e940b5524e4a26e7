package dev.alertmail.internal.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The configuration as text, exactly as a config file gives it. Both adapters (and the Spring Boot
 * binding) only pass strings in here; parsing and validation happen once, in {@link #toConfig()},
 * so every framework accepts the same values and reports the same problems.
 *
 * <p>A blank value counts as not set (an unset {@code ${VAR}} substitutes to nothing). A repeatable
 * setting collects every value given.
 */
public final class AlertSettings {

    /** Environment variable read for the API key when {@code apiKey} is not set or blank. */
    public static final String API_KEY_ENV = "RESEND_API_KEY";

    private final Map<Setting, List<String>> values = new EnumMap<>(Setting.class);
    private final List<String> problems = new ArrayList<>();
    private UnaryOperator<@Nullable String> environment = System::getenv;

    /** Sets (or, for a repeatable setting, adds) a value; blank and {@code null} are ignored. */
    public AlertSettings set(Setting setting, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        List<String> list = values.computeIfAbsent(setting, s -> new ArrayList<>());
        if (!setting.isRepeatable()) {
            list.clear();
        }
        list.add(value);
        return this;
    }

    /** Like {@link #set(Setting, String)} by property name; an unknown name is a configuration problem. */
    public AlertSettings set(String property, @Nullable String value) {
        Setting s = Setting.byProperty(property);
        if (s == null) {
            problems.add("unknown property '" + property + "'");
            return this;
        }
        return set(s, value);
    }

    /** Where environment variables come from ({@link System#getenv} unless a test says otherwise). */
    public AlertSettings environment(UnaryOperator<@Nullable String> env) {
        this.environment = env;
        return this;
    }

    /** The last value given, or {@code null}. */
    @Nullable
    String get(Setting s) {
        List<String> list = values.get(s);
        return list == null || list.isEmpty() ? null : list.get(list.size() - 1);
    }

    List<String> all(Setting s) {
        List<String> list = values.get(s);
        return list == null ? List.of() : List.copyOf(list);
    }

    @Nullable
    String env(String name) {
        return environment.apply(name);
    }

    /**
     * Parses and validates everything at once.
     *
     * @throws InvalidConfigException listing every problem, each naming its property; never a secret
     */
    public AlertConfig toConfig() {
        return new ConfigReader(this, problems).read();
    }

    /**
     * What both adapters do on start, in the same words: the configuration, or every problem as an
     * error status line (then {@code null}: the appender stays stopped); a plaintext warning.
     */
    public @Nullable AlertConfig toConfig(String appenderName, StatusReporter status) {
        try {
            AlertConfig config = toConfig();
            for (String warning : config.plaintextWarnings()) {
                status.warn("alertmail appender [" + appenderName + "]: " + warning);
            }
            return config;
        } catch (InvalidConfigException e) {
            e.statusLines(appenderName).forEach(status::error);
            return null;
        }
    }
}
