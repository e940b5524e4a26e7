package dev.alertmail.internal.config;

import dev.alertmail.internal.text.Hashing;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A validated, immutable configuration. Made from text by {@link AlertSettings#toConfig()}; every
 * default below is what an unset property means.
 */
public final class AlertConfig {

    /** {@value}: Resend's SMTP host. */
    public static final String DEFAULT_SMTP_HOST = "smtp.resend.com";
    /** {@value}: implicit TLS. */
    public static final int DEFAULT_SMTP_PORT = 465;
    /** {@value}: Resend's SMTP user; the password is the API key. */
    public static final String DEFAULT_USERNAME = "resend";
    /** {@value} */
    public static final String DEFAULT_LEVEL = "ERROR";
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

    public final InternetAddress from;
    public final List<InternetAddress> to;
    public final List<InternetAddress> cc;
    public final List<InternetAddress> bcc;
    public final List<InternetAddress> replyTo;
    public final String smtpHost;
    public final int smtpPort;
    public final Security security;
    public final @Nullable String sslTrust;
    public final String username;
    public final String password;
    public final Threshold level;
    public final List<String> inAppPackages;
    public final String application;
    public final String environment;
    public final @Nullable String host;
    public final String release;
    public final Duration groupWait;
    public final Duration groupInterval;
    public final Duration repeatInterval;
    public final Duration resolveAfter;
    public final boolean sendResolved;
    public final int maxEmailsPerHour;
    public final int maxEmailsPerSecond;
    public final int maxIncidents;
    public final int maxIncidentsPerEmail;
    public final int contextLines;
    public final boolean callerData;
    public final String immediateMarker;
    public final String ignoreMarker;
    public final Duration connectTimeout;
    public final Duration timeout;
    public final Duration shutdownTimeout;
    public final @Nullable String localhost;
    public final String idempotencyKeyPrefix;
    public final SubjectTemplate subject;
    public final @Nullable LogsUrlTemplate logsUrl;
    public final List<Pattern> redact;
    /** Shared state of a fleet of replicas; {@code null}: this process mails on its own. */
    public final @Nullable RedisUri redis;
    /** Where the journal (memory across restarts) is kept; {@code null}: off. */
    public final @Nullable Path stateDir;

    AlertConfig(ConfigReader r) {
        from = r.from;
        to = r.to;
        cc = r.cc;
        bcc = r.bcc;
        replyTo = r.replyTo;
        smtpHost = r.smtpHost;
        smtpPort = r.smtpPort;
        security = r.security;
        sslTrust = r.sslTrust;
        username = r.username;
        password = r.password;
        level = r.level;
        inAppPackages = r.inAppPackages;
        application = r.application;
        environment = r.environment;
        host = r.host;
        release = r.release;
        groupWait = r.groupWait;
        groupInterval = r.groupInterval;
        repeatInterval = r.repeatInterval;
        resolveAfter = r.resolveAfter;
        sendResolved = r.sendResolved;
        maxEmailsPerHour = r.maxEmailsPerHour;
        maxEmailsPerSecond = r.maxEmailsPerSecond;
        maxIncidents = r.maxIncidents;
        maxIncidentsPerEmail = r.maxIncidentsPerEmail;
        contextLines = r.contextLines;
        callerData = r.callerData;
        immediateMarker = r.immediateMarker;
        ignoreMarker = r.ignoreMarker;
        connectTimeout = r.connectTimeout;
        timeout = r.timeout;
        shutdownTimeout = r.shutdownTimeout;
        localhost = r.localhost;
        idempotencyKeyPrefix = r.idempotencyKeyPrefix;
        subject = r.subject;
        logsUrl = r.logsUrl;
        redact = r.redact;
        redis = r.redis;
        stateDir = r.stateDir;
    }

    public String smtpHost() {
        return smtpHost;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public Security security() {
        return security;
    }

    public Threshold level() {
        return level;
    }

    public String application() {
        return application;
    }

    public String environment() {
        return environment;
    }

    public int contextLines() {
        return contextLines;
    }

    public boolean callerData() {
        return callerData;
    }

    public String immediateMarker() {
        return immediateMarker;
    }

    public String ignoreMarker() {
        return ignoreMarker;
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** True when plaintext is tolerable: the SMTP host is a loopback name or address. */
    public boolean isLoopbackHost() {
        String h = smtpHost.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }

    /** The warning a plaintext connection to a remote host deserves, or {@code null}. */
    public @Nullable String plaintextWarning() {
        return security == Security.NONE && !isLoopbackHost()
                ? "security=NONE sends alerts and credentials in plaintext to " + smtpHost
                : null;
    }

    /** Everything but secrets, for status lines. */
    @Override
    public String toString() {
        return "AlertConfig{smtp=" + security + "://" + smtpHost + ":" + smtpPort + ", username=" + username
                + ", password=" + (password.isEmpty() ? "<none>" : "****") + ", from=" + from + ", to=" + to
                + ", application=" + application + ", environment=" + environment + ", groupWait=" + groupWait
                + ", groupInterval=" + groupInterval + ", repeatInterval=" + repeatInterval
                + ", maxEmailsPerHour=" + maxEmailsPerHour + ", maxEmailsPerSecond=" + maxEmailsPerSecond
                + ", maxIncidents=" + maxIncidents + (redis == null ? "" : ", fleet=" + redis) + "}";
    }

    /**
     * SHA-256 over every setting, the password's hash included: configurations with equal
     * identities can share one engine (Log4j2 managers survive reconfiguration this way).
     */
    public String identity() {
        return Hashing.sha256Hex(String.join(
                "|",
                security.name(),
                smtpHost,
                Integer.toString(smtpPort),
                String.valueOf(sslTrust),
                username,
                Hashing.sha256Hex(password),
                from.toString(),
                to.toString(),
                cc.toString(),
                bcc.toString(),
                replyTo.toString(),
                level.name(),
                inAppPackages.toString(),
                application,
                environment,
                String.valueOf(host),
                release,
                groupWait.toString(),
                groupInterval.toString(),
                repeatInterval.toString(),
                resolveAfter.toString(),
                Boolean.toString(sendResolved),
                Integer.toString(maxEmailsPerHour),
                Integer.toString(maxEmailsPerSecond),
                Integer.toString(maxIncidents),
                Integer.toString(maxIncidentsPerEmail),
                Integer.toString(contextLines),
                Boolean.toString(callerData),
                immediateMarker,
                ignoreMarker,
                connectTimeout.toString(),
                timeout.toString(),
                shutdownTimeout.toString(),
                String.valueOf(localhost),
                idempotencyKeyPrefix,
                subject.source(),
                logsUrl == null ? "" : logsUrl.source(),
                redact.toString(),
                redis == null ? "" : Hashing.sha256Hex(redis.toString() + "|" + redis.user + "|" + redis.password),
                String.valueOf(stateDir)));
    }
}
