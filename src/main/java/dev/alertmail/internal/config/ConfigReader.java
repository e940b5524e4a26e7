package dev.alertmail.internal.config;

import static dev.alertmail.internal.config.Setting.*;

import jakarta.mail.internet.InternetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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

    private final ConfigValues values;
    private final List<String> problems;

    ConfigReader(AlertSettings settings, List<String> earlierProblems) {
        this.values = new ConfigValues(settings, earlierProblems);
        this.problems = values.problems;
    }

    AlertConfig read() {
        String smtpHost = values.text(SMTP_HOST, AlertConfig.DEFAULT_SMTP_HOST);
        int smtpPort = values.integer(SMTP_PORT, AlertConfig.DEFAULT_SMTP_PORT, 1, 65_535);
        Security security = security(smtpPort);
        String idempotencyKeyPrefix = values.text(IDEMPOTENCY_KEY_PREFIX, AlertConfig.DEFAULT_IDEMPOTENCY_KEY_PREFIX);
        if (!idempotencyKeyPrefix.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add("'idempotencyKeyPrefix' must be 1-64 characters of [A-Za-z0-9._-]");
        }
        Credentials credentials = credentials(security);
        RedisUri redisUri = redisUri();
        AlertConfig config = new AlertConfig(
                from(),
                recipients(),
                values.addresses(CC),
                values.addresses(BCC),
                values.addresses(REPLY_TO),
                smtpHost,
                smtpPort,
                security,
                sslTrust(smtpHost, redisUri),
                credentials.username,
                credentials.password,
                level(),
                values.items(IN_APP_PACKAGES),
                values.text(APPLICATION, ""),
                values.text(ENVIRONMENT, ""),
                optionalText(HOST),
                values.text(RELEASE, ""),
                values.duration(GROUP_WAIT, AlertConfig.DEFAULT_GROUP_WAIT, true),
                values.duration(GROUP_INTERVAL, AlertConfig.DEFAULT_GROUP_INTERVAL, false),
                values.duration(REPEAT_INTERVAL, AlertConfig.DEFAULT_REPEAT_INTERVAL, false),
                values.duration(RESOLVE_AFTER, AlertConfig.DEFAULT_RESOLVE_AFTER, false),
                values.bool(SEND_RESOLVED, AlertConfig.DEFAULT_SEND_RESOLVED),
                values.integer(MAX_EMAILS_PER_HOUR, AlertConfig.DEFAULT_MAX_EMAILS_PER_HOUR, 1, 100_000),
                values.integer(MAX_EMAILS_PER_DAY, AlertConfig.DEFAULT_MAX_EMAILS_PER_DAY, 0, 10_000_000),
                values.integer(MAX_EMAILS_PER_SECOND, AlertConfig.DEFAULT_MAX_EMAILS_PER_SECOND, 1, 1_000),
                values.integer(MAX_INCIDENTS, AlertConfig.DEFAULT_MAX_INCIDENTS, 1, 10_000_000),
                values.integer(MAX_INCIDENTS_PER_EMAIL, AlertConfig.DEFAULT_MAX_INCIDENTS_PER_EMAIL, 1, 1_000),
                values.integer(CONTEXT_LINES, AlertConfig.DEFAULT_CONTEXT_LINES, 0, 100),
                values.bool(CALLER_DATA, AlertConfig.DEFAULT_CALLER_DATA),
                values.text(IMMEDIATE_MARKER, AlertConfig.DEFAULT_IMMEDIATE_MARKER),
                values.text(IGNORE_MARKER, AlertConfig.DEFAULT_IGNORE_MARKER),
                values.duration(CONNECT_TIMEOUT, AlertConfig.DEFAULT_CONNECT_TIMEOUT, false),
                values.duration(TIMEOUT, AlertConfig.DEFAULT_TIMEOUT, false),
                values.duration(SHUTDOWN_TIMEOUT, AlertConfig.DEFAULT_SHUTDOWN_TIMEOUT, true),
                optionalText(LOCALHOST),
                idempotencyKeyPrefix,
                subject(),
                logsUrl(),
                redact(),
                redisUri,
                redisCa(redisUri),
                stateDir());
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return config;
    }

    private @Nullable String optionalText(Setting s) {
        return values.raw(s) == null ? null : values.text(s, "");
    }

    private Threshold level() {
        String lvl = values.raw(LEVEL);
        if (lvl == null) {
            return AlertConfig.DEFAULT_LEVEL;
        }
        Threshold t = Threshold.parse(lvl);
        if (t == null) {
            problems.add("'level' " + lvl + " is not a level: use TRACE, DEBUG, INFO, WARN or ERROR");
            return AlertConfig.DEFAULT_LEVEL;
        }
        return t;
    }

    private InternetAddress from() {
        if (values.raw(FROM) == null) {
            problems.add("'from' is required: the sender address on a domain verified in Resend");
            return new InternetAddress();
        }
        List<InternetAddress> one = values.addresses(FROM);
        if (one.size() > 1) {
            problems.add("'from' must be one address, was " + one.size());
        }
        return one.size() == 1 ? one.get(0) : new InternetAddress();
    }

    private List<InternetAddress> recipients() {
        if (values.all(TO).isEmpty()) {
            problems.add("'to' is required: at least one recipient");
        }
        return values.addresses(TO);
    }

    private Security security(int smtpPort) {
        String sec = values.raw(SECURITY);
        if (sec != null) {
            return values.parsed(
                    SECURITY, () -> Security.parse(sec), Security.NONE); // NONE: no follow-on credential error
        }
        Security forPort = Security.forPort(smtpPort);
        if (forPort == null) {
            problems.add("'smtpPort' " + smtpPort + " is not a Resend port (465/2465 SMTPS, 25/587/2587 STARTTLS):"
                    + " set 'security' to SMTPS, STARTTLS or NONE");
            return Security.SMTPS;
        }
        return forPort;
    }

    private @Nullable String sslTrust(String smtpHost, @Nullable RedisUri redis) {
        String sslTrust = optionalText(SSL_TRUST);
        if (sslTrust != null && !TlsTrust.trusts(sslTrust, smtpHost)) {
            problems.add("'sslTrust' (" + sslTrust + ") does not list smtpHost '" + smtpHost + "': Jakarta Mail would"
                    + " refuse every connection (\"Server is not trusted\"); host names must match exactly");
        }
        if (sslTrust != null && redis != null && redis.tls) {
            redis.nodes.stream()
                    .map(RedisUri.Node::host)
                    .filter(h -> !h.equals(smtpHost) && TlsTrust.listsExactly(sslTrust, h))
                    .findFirst()
                    .ifPresent(h -> problems.add("'sslTrust' lists the Redis host '" + h + "': it applies to SMTP only"
                            + " (since 0.1.0); trust a private Redis CA with 'redisCa' (a PEM file), which keeps the"
                            + " host name check"));
        }
        return sslTrust;
    }

    private @Nullable String redisCa(@Nullable RedisUri redis) {
        String file = optionalText(REDIS_CA);
        if (file == null) {
            return null;
        }
        if (redis == null || !redis.tls) {
            problems.add(
                    "'redisCa' is set but 'redisUri' is not rediss://, rediss-cluster:// or rediss-sentinel:// (TLS)");
        } else {
            String problem = PemCertificates.problem(file);
            if (problem != null) {
                problems.add("'redisCa' " + problem);
            }
        }
        return file;
    }

    private record Credentials(String username, String password) {}

    private Credentials credentials(Security security) {
        String key = values.raw(API_KEY);
        if (key == null) {
            // read here, not substituted by the framework: kept out of its status lines
            key = values.env(AlertSettings.API_KEY_ENV);
        }
        String trimmedKey = key == null ? "" : key.trim();
        boolean hasKey = !trimmedKey.isEmpty();
        String pw = values.raw(PASSWORD);
        String user = values.raw(USERNAME);
        String username = user == null ? AlertConfig.DEFAULT_USERNAME : user.trim();
        boolean noCredentials = (user == null || username.equals(AlertConfig.DEFAULT_USERNAME)) && pw == null;
        if (!hasKey && pw == null && !(security == Security.NONE && noCredentials)) {
            problems.add(
                    "'apiKey' is required (the Resend API key, e.g. from RESEND_API_KEY); it is the SMTP password");
        }
        if (security == Security.NONE && !hasKey && noCredentials) {
            username = ""; // a plain loopback relay: no AUTH at all
        }
        return new Credentials(username, pw != null ? pw : trimmedKey);
    }

    private SubjectTemplate subject() {
        String s = values.raw(SUBJECT);
        return s == null
                ? SubjectTemplate.DEFAULT
                : values.parsed(SUBJECT, () -> SubjectTemplate.parse(s), SubjectTemplate.DEFAULT);
    }

    private @Nullable LogsUrlTemplate logsUrl() {
        String u = values.raw(LOGS_URL);
        return u == null ? null : values.parsedOrNull(LOGS_URL, () -> LogsUrlTemplate.parse(u));
    }

    private @Nullable RedisUri redisUri() {
        String r = values.raw(REDIS_URI);
        return r == null || r.isBlank() ? null : values.parsedOrNull(REDIS_URI, () -> RedisUri.parse(r));
    }

    /** Default {@code <java.io.tmpdir>/alertmail}, read when the configuration is (tests give each their own). */
    private @Nullable Path stateDir() {
        String v = values.raw(STATE_DIR);
        if (v == null) {
            return Path.of(System.getProperty("java.io.tmpdir"), "alertmail");
        }
        String dir = v.trim();
        if (dir.equalsIgnoreCase(AlertConfig.STATE_DIR_OFF) || dir.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Path.of(dir);
        } catch (InvalidPathException e) {
            problems.add("'stateDir' " + dir + " is not a path (" + e.getReason() + "); 'off' turns the journal off");
            return null;
        }
    }

    private List<Pattern> redact() {
        List<Pattern> patterns = new ArrayList<>();
        if (values.bool(REDACT_DEFAULTS, AlertConfig.DEFAULT_REDACT_DEFAULTS)) {
            patterns.addAll(Redactor.DEFAULTS);
        }
        for (String r : values.all(REDACT)) {
            try {
                patterns.add(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                problems.add("'redact' pattern " + r + " is not a valid regular expression: " + e.getDescription());
            }
        }
        return List.copyOf(patterns);
    }
}
