package dev.alertmail.internal.config;

import static dev.alertmail.internal.config.Setting.*;

import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link AlertSettings} text into an {@link AlertConfig}: every value parsed once, every
 * problem collected (each naming its property), none echoing a secret.
 */
public final class ConfigReader {

    private final ConfigValues in;
    private final List<String> problems;

    InternetAddress from = new InternetAddress();
    List<InternetAddress> to = List.of();
    List<InternetAddress> cc = List.of();
    List<InternetAddress> bcc = List.of();
    List<InternetAddress> replyTo = List.of();
    String smtpHost = AlertConfig.DEFAULT_SMTP_HOST;
    int smtpPort = AlertConfig.DEFAULT_SMTP_PORT;
    Security security = Security.SMTPS;

    @Nullable
    String sslTrust;

    String username = AlertConfig.DEFAULT_USERNAME;
    String password = "";
    Threshold level = Threshold.ERROR;
    List<String> inAppPackages = List.of();
    String application = "";
    String environment = "";

    @Nullable
    String host;

    String release = "";
    Duration groupWait;
    Duration groupInterval;
    Duration repeatInterval;
    Duration resolveAfter;
    boolean sendResolved;
    int maxEmailsPerHour;
    int maxEmailsPerSecond;
    int maxIncidents;
    int maxIncidentsPerEmail;
    int contextLines;
    boolean callerData;
    String immediateMarker;
    String ignoreMarker;
    Duration connectTimeout;
    Duration timeout;
    Duration shutdownTimeout;

    @Nullable
    String localhost;

    String idempotencyKeyPrefix;
    SubjectTemplate subject = SubjectTemplate.DEFAULT;

    @Nullable
    LogsUrlTemplate logsUrl;

    List<Pattern> redact = List.of();

    @Nullable
    RedisUri redis;

    @Nullable
    Path stateDir;

    ConfigReader(AlertSettings settings, List<String> earlierProblems) {
        this.in = new ConfigValues(settings, earlierProblems);
        this.problems = in.problems;
        groupWait = in.duration(GROUP_WAIT, AlertConfig.DEFAULT_GROUP_WAIT, true);
        groupInterval = in.duration(GROUP_INTERVAL, AlertConfig.DEFAULT_GROUP_INTERVAL, false);
        repeatInterval = in.duration(REPEAT_INTERVAL, AlertConfig.DEFAULT_REPEAT_INTERVAL, false);
        resolveAfter = in.duration(RESOLVE_AFTER, AlertConfig.DEFAULT_RESOLVE_AFTER, false);
        connectTimeout = in.duration(CONNECT_TIMEOUT, AlertConfig.DEFAULT_CONNECT_TIMEOUT, false);
        timeout = in.duration(TIMEOUT, AlertConfig.DEFAULT_TIMEOUT, false);
        shutdownTimeout = in.duration(SHUTDOWN_TIMEOUT, AlertConfig.DEFAULT_SHUTDOWN_TIMEOUT, true);
        sendResolved = in.bool(SEND_RESOLVED, AlertConfig.DEFAULT_SEND_RESOLVED);
        callerData = in.bool(CALLER_DATA, AlertConfig.DEFAULT_CALLER_DATA);
        maxEmailsPerHour = in.integer(MAX_EMAILS_PER_HOUR, AlertConfig.DEFAULT_MAX_EMAILS_PER_HOUR, 1, 100_000);
        maxEmailsPerSecond = in.integer(MAX_EMAILS_PER_SECOND, AlertConfig.DEFAULT_MAX_EMAILS_PER_SECOND, 1, 1_000);
        maxIncidents = in.integer(MAX_INCIDENTS, AlertConfig.DEFAULT_MAX_INCIDENTS, 1, 10_000_000);
        maxIncidentsPerEmail =
                in.integer(MAX_INCIDENTS_PER_EMAIL, AlertConfig.DEFAULT_MAX_INCIDENTS_PER_EMAIL, 1, 1_000);
        contextLines = in.integer(CONTEXT_LINES, AlertConfig.DEFAULT_CONTEXT_LINES, 0, 100);
        immediateMarker = in.text(IMMEDIATE_MARKER, AlertConfig.DEFAULT_IMMEDIATE_MARKER);
        ignoreMarker = in.text(IGNORE_MARKER, AlertConfig.DEFAULT_IGNORE_MARKER);
        idempotencyKeyPrefix = in.text(IDEMPOTENCY_KEY_PREFIX, AlertConfig.DEFAULT_IDEMPOTENCY_KEY_PREFIX);
    }

    AlertConfig read() {
        readAddresses();
        readConnection();
        readCredentials();
        String lvl = in.raw(LEVEL);
        if (lvl != null) {
            Threshold t = Threshold.parse(lvl);
            if (t == null) {
                problems.add("'level' " + lvl + " is not a level: use TRACE, DEBUG, INFO, WARN or ERROR");
            } else {
                level = t;
            }
        }
        inAppPackages = in.items(IN_APP_PACKAGES);
        application = in.text(APPLICATION, "");
        environment = in.text(ENVIRONMENT, "");
        host = in.raw(HOST) == null ? null : in.text(HOST, "");
        release = in.text(RELEASE, "");
        localhost = in.raw(LOCALHOST) == null ? null : in.text(LOCALHOST, "");
        if (!idempotencyKeyPrefix.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add("'idempotencyKeyPrefix' must be 1-64 characters of [A-Za-z0-9._-]");
        }
        String s = in.raw(SUBJECT);
        if (s != null) {
            subject = in.parsed(SUBJECT, () -> SubjectTemplate.parse(s), SubjectTemplate.DEFAULT);
        }
        String u = in.raw(LOGS_URL);
        if (u != null) {
            logsUrl = in.parsedOrNull(LOGS_URL, () -> LogsUrlTemplate.parse(u));
        }
        readRedact();
        String r = in.raw(REDIS_URI);
        if (r != null && !r.isBlank()) {
            redis = in.parsedOrNull(REDIS_URI, () -> RedisUri.parse(r));
        }
        stateDir = readStateDir();
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new AlertConfig(this);
    }

    private void readAddresses() {
        String f = in.raw(FROM);
        if (f == null) {
            problems.add("'from' is required: the sender address on a domain verified in Resend");
        } else {
            List<InternetAddress> one = in.addresses(FROM);
            if (one.size() == 1) {
                from = one.get(0);
            } else if (one.size() > 1) {
                problems.add("'from' must be one address, was " + one.size());
            }
        }
        to = in.addresses(TO);
        if (in.all(TO).isEmpty()) {
            problems.add("'to' is required: at least one recipient");
        }
        cc = in.addresses(CC);
        bcc = in.addresses(BCC);
        replyTo = in.addresses(REPLY_TO);
    }

    private void readConnection() {
        smtpHost = in.text(SMTP_HOST, AlertConfig.DEFAULT_SMTP_HOST);
        smtpPort = in.integer(SMTP_PORT, AlertConfig.DEFAULT_SMTP_PORT, 1, 65_535);
        String sec = in.raw(SECURITY);
        if (sec != null) {
            security = in.parsed(
                    SECURITY, () -> Security.parse(sec), Security.NONE); // NONE: no follow-on credential error
        } else {
            Security forPort = Security.forPort(smtpPort);
            if (forPort == null) {
                problems.add("'smtpPort' " + smtpPort + " is not a Resend port (465/2465 SMTPS, 25/587/2587 STARTTLS):"
                        + " set 'security' to SMTPS, STARTTLS or NONE");
            } else {
                security = forPort;
            }
        }
        sslTrust = in.raw(SSL_TRUST) == null ? null : in.text(SSL_TRUST, "");
        if (sslTrust != null && !TlsTrust.trusts(sslTrust, smtpHost)) {
            problems.add("'sslTrust' (" + sslTrust + ") does not list smtpHost '" + smtpHost + "': Jakarta Mail would"
                    + " refuse every connection (\"Server is not trusted\"); host names must match exactly");
        }
    }

    private void readCredentials() {
        String key = in.raw(API_KEY);
        if (key == null) {
            key = in.env(
                    AlertSettings
                            .API_KEY_ENV); // read here, not substituted by the framework: kept out of its status lines
        }
        String trimmedKey = key == null ? "" : key.trim();
        boolean hasKey = !trimmedKey.isEmpty();
        String pw = in.raw(PASSWORD);
        String user = in.raw(USERNAME);
        username = user == null ? AlertConfig.DEFAULT_USERNAME : user.trim();
        password = pw != null ? pw : trimmedKey;
        boolean noCredentials = (user == null || username.equals(AlertConfig.DEFAULT_USERNAME)) && pw == null;
        if (!hasKey && pw == null && !(security == Security.NONE && noCredentials)) {
            problems.add(
                    "'apiKey' is required (the Resend API key, e.g. from RESEND_API_KEY); it is the SMTP password");
        }
        if (security == Security.NONE && !hasKey && noCredentials) {
            username = ""; // a plain loopback relay: no AUTH at all
        }
    }

    /** Default {@code <java.io.tmpdir>/alertmail}, read when the configuration is (tests give each their own). */
    private @Nullable Path readStateDir() {
        String v = in.raw(STATE_DIR);
        if (v == null) {
            return Path.of(System.getProperty("java.io.tmpdir"), "alertmail");
        }
        String dir = v.trim();
        if (dir.equalsIgnoreCase(AlertConfig.STATE_DIR_OFF) || dir.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Path.of(dir);
        } catch (java.nio.file.InvalidPathException e) {
            problems.add("'stateDir' " + dir + " is not a path (" + e.getReason() + "); 'off' turns the journal off");
            return null;
        }
    }

    private void readRedact() {
        List<Pattern> patterns = new ArrayList<>();
        if (in.bool(REDACT_DEFAULTS, AlertConfig.DEFAULT_REDACT_DEFAULTS)) {
            patterns.addAll(Redactor.DEFAULTS);
        }
        for (String r : in.all(REDACT)) {
            try {
                patterns.add(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                problems.add("'redact' pattern " + r + " is not a valid regular expression: " + e.getDescription());
            }
        }
        redact = List.copyOf(patterns);
    }
}
