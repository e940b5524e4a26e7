package dev.alertmail.internal.config;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Every configuration property, by the name users write in {@code logback.xml}, {@code log4j2.xml}
 * and {@code application.properties}. The one list both adapters, the table in docs/configuration.md and the Spring
 * Boot metadata are checked against.
 */
public enum Setting {
    API_KEY("apiKey", Kind.SECRET),
    FROM("from"),
    TO("to", Kind.REPEATABLE),
    CC("cc", Kind.REPEATABLE),
    BCC("bcc", Kind.REPEATABLE),
    REPLY_TO("replyTo", Kind.REPEATABLE),
    SMTP_HOST("smtpHost"),
    SMTP_PORT("smtpPort"),
    SECURITY("security"),
    SSL_TRUST("sslTrust"),
    USERNAME("username"),
    PASSWORD("password", Kind.SECRET),
    LEVEL("level"),
    IN_APP_PACKAGES("inAppPackages", Kind.REPEATABLE),
    APPLICATION("application"),
    ENVIRONMENT("environment"),
    HOST("host"),
    RELEASE("release"),
    GROUP_WAIT("groupWait"),
    GROUP_INTERVAL("groupInterval"),
    REPEAT_INTERVAL("repeatInterval"),
    RESOLVE_AFTER("resolveAfter"),
    SEND_RESOLVED("sendResolved"),
    MAX_EMAILS_PER_HOUR("maxEmailsPerHour"),
    MAX_EMAILS_PER_DAY("maxEmailsPerDay"),
    MAX_EMAILS_PER_SECOND("maxEmailsPerSecond"),
    MAX_INCIDENTS("maxIncidents"),
    MAX_INCIDENTS_PER_EMAIL("maxIncidentsPerEmail"),
    CONTEXT_LINES("contextLines"),
    CALLER_DATA("callerData"),
    IMMEDIATE_MARKER("immediateMarker"),
    IGNORE_MARKER("ignoreMarker"),
    CONNECT_TIMEOUT("connectTimeout"),
    TIMEOUT("timeout"),
    SHUTDOWN_TIMEOUT("shutdownTimeout"),
    LOCALHOST("localhost"),
    IDEMPOTENCY_KEY_PREFIX("idempotencyKeyPrefix"),
    SUBJECT("subject"),
    LOGS_URL("logsUrl"),
    REDACT("redact", Kind.REPEATABLE),
    REDACT_DEFAULTS("redactDefaults"),
    REDIS_URI("redisUri", Kind.SECRET),
    REDIS_CA("redisCa"),
    STATE_DIR("stateDir");

    private enum Kind {
        SINGLE,
        REPEATABLE,
        SECRET
    }

    private final String property;
    private final Kind kind;

    Setting(String property) {
        this(property, Kind.SINGLE);
    }

    Setting(String property, Kind kind) {
        this.property = property;
        this.kind = kind;
    }

    /** The name in configuration files, e.g. {@code groupWait}. */
    public String property() {
        return property;
    }

    /** Spring Boot's spelling, e.g. {@code group-wait}. */
    public String kebabCase() {
        return property.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** May be given several times (or comma-separated where the values allow it). */
    public boolean isRepeatable() {
        return kind == Kind.REPEATABLE;
    }

    /** Never echoed anywhere: not in status messages, not in {@code toString}. */
    public boolean isSecret() {
        return kind == Kind.SECRET;
    }

    /** The setting named {@code property} (case-sensitive, as in the files), or {@code null}. */
    public static @Nullable Setting byProperty(String property) {
        for (Setting s : values()) {
            if (s.property.equals(property)) {
                return s;
            }
        }
        return null;
    }
}
