package dev.alertmail.internal.config;

import dev.alertmail.internal.text.Hashing;
import jakarta.mail.internet.InternetAddress;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A validated, immutable configuration. Made from text by {@link AlertSettings#toConfig()} (through
 * {@link ConfigReader}); every default below is what an unset property means.
 */
public record AlertConfig(
        InternetAddress from,
        List<InternetAddress> to,
        List<InternetAddress> cc,
        List<InternetAddress> bcc,
        List<InternetAddress> replyTo,
        String smtpHost,
        int smtpPort,
        Security security,
        @Nullable String sslTrust,
        String username,
        String password,
        Threshold level,
        List<String> inAppPackages,
        String application,
        String environment,
        @Nullable String host,
        String release,
        Duration groupWait,
        Duration groupInterval,
        Duration repeatInterval,
        Duration resolveAfter,
        boolean sendResolved,
        int maxEmailsPerHour,
        /* At most this many emails in any 24 hours; 0: no daily cap. */
        int maxEmailsPerDay,
        int maxEmailsPerSecond,
        int maxIncidents,
        int maxIncidentsPerEmail,
        int contextLines,
        boolean callerData,
        String immediateMarker,
        String ignoreMarker,
        Duration connectTimeout,
        Duration timeout,
        Duration shutdownTimeout,
        @Nullable String localhost,
        String idempotencyKeyPrefix,
        SubjectTemplate subject,
        @Nullable LogsUrlTemplate logsUrl,
        List<Pattern> redact,
        /* Shared state of a fleet of replicas; {@code null}: this process mails on its own. */
        @Nullable RedisUri redisUri,
        /* PEM file of CA certificates trusted for Redis TLS; {@code null}: the JDK's trust store. */
        @Nullable String redisCa,
        /* Where the journal (memory across restarts) is kept; {@code null}: off. */
        @Nullable Path stateDir) {

    /** {@value}: Resend's SMTP host. */
    public static final String DEFAULT_SMTP_HOST = "smtp.resend.com";
    /** {@value}: implicit TLS. */
    public static final int DEFAULT_SMTP_PORT = 465;
    /** {@value}: Resend's SMTP user; the password is the API key. */
    public static final String DEFAULT_USERNAME = "resend";
    /** The threshold when {@code level} is not set. */
    public static final Threshold DEFAULT_LEVEL = Threshold.ERROR;
    /** {@value}: how long a new incident waits for siblings before its first email. */
    public static final String DEFAULT_GROUP_WAIT = "10s";
    /** {@value}: at most one email per interval. */
    public static final String DEFAULT_GROUP_INTERVAL = "1m";
    /** {@value}: an incident still firing is mailed again at most this often. */
    public static final String DEFAULT_REPEAT_INTERVAL = "1h";
    /** {@value}: a mailed incident quiet this long is reported once as resolved, then forgotten. */
    public static final String DEFAULT_RESOLVE_AFTER = "1h";
    /** {@value}: resolutions ride along with the next email instead of sending their own. */
    public static final boolean DEFAULT_SEND_RESOLVED = false;
    /** {@value} */
    public static final int DEFAULT_MAX_EMAILS_PER_HOUR = 30;
    /** {@value}: no daily cap (Resend's paid plans have none; on the free plan set one, see README). */
    public static final int DEFAULT_MAX_EMAILS_PER_DAY = 0;
    /** {@value}: Resend's default API rate. */
    public static final int DEFAULT_MAX_EMAILS_PER_SECOND = 2;
    /** {@value}: distinct fingerprints tracked; more are counted in one overflow incident. */
    public static final int DEFAULT_MAX_INCIDENTS = 10_000;
    /** {@value}: incidents shown in full; the rest are listed in one line each. */
    public static final int DEFAULT_MAX_INCIDENTS_PER_EMAIL = 20;
    /** {@value}: preceding log lines of the same thread shown with an incident. */
    public static final int DEFAULT_CONTEXT_LINES = 10;
    /** {@value}: show where an error without a throwable was logged. */
    public static final boolean DEFAULT_CALLER_DATA = true;
    /** {@value}: marker name that skips {@code groupWait}. */
    public static final String DEFAULT_IMMEDIATE_MARKER = "ALERT_NOW";
    /** {@value}: marker name that never alerts. */
    public static final String DEFAULT_IGNORE_MARKER = "NO_ALERT";
    /** {@value} */
    public static final String DEFAULT_CONNECT_TIMEOUT = "10s";
    /** {@value}: SMTP read and write timeout. */
    public static final String DEFAULT_TIMEOUT = "20s";
    /** {@value}: how long {@code stop()} may spend flushing. */
    public static final String DEFAULT_SHUTDOWN_TIMEOUT = "10s";
    /** {@value} */
    public static final String DEFAULT_IDEMPOTENCY_KEY_PREFIX = "alertmail";
    /** {@value} */
    public static final String DEFAULT_SUBJECT = "[%env] %app: %count errors — %exception: %message";
    /** {@value}: the {@code stateDir} value that turns the journal off ({@code none} too). */
    public static final String STATE_DIR_OFF = "off";
    /** {@value}: only the configured patterns and the key itself are redacted. */
    public static final boolean DEFAULT_REDACT_DEFAULTS = false;

    /** True when plaintext is tolerable: the SMTP host is a loopback name or address. */
    public boolean isLoopbackHost() {
        return isLoopback(smtpHost);
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }

    /** The warnings a plaintext connection to a remote host deserves: SMTP, and Redis with a password. */
    public List<String> plaintextWarnings() {
        List<String> warnings = new ArrayList<>();
        if (security == Security.NONE && !isLoopbackHost()) {
            warnings.add("security=NONE sends alerts and credentials in plaintext to " + smtpHost);
        }
        RedisUri r = redisUri;
        if (r != null && !r.tls && r.password != null) {
            r.nodes.stream()
                    .filter(n -> !isLoopback(n.host()))
                    .findFirst()
                    .ifPresent(n -> warnings.add("the Redis password travels in plaintext to " + n.host() + " ("
                            + r.scheme() + "://): use " + r.scheme().replaceFirst("^redis", "rediss") + ":// (TLS)"));
        }
        return warnings;
    }

    /** Every component, the secrets ({@link Setting#isSecret()}) masked: for status lines. */
    @Override
    public String toString() {
        return SecretMasking.describe(this);
    }

    /**
     * SHA-256 over every component (secrets by their own hash): configurations with equal
     * identities can share one engine (Log4j2 managers survive reconfiguration this way). Derived
     * from the record's components, so a component added later takes part without a second list.
     */
    public String identity() {
        StringJoiner all = new StringJoiner("|");
        for (RecordComponent c : AlertConfig.class.getRecordComponents()) {
            all.add(c.getName() + "=" + SecretMasking.identityOf(c.getName(), SecretMasking.value(this, c)));
        }
        return Hashing.sha256Hex(all.toString());
    }
}
