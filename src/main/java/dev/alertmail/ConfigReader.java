package dev.alertmail;

import static dev.alertmail.Setting.*;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link AlertSettings} text into an {@link AlertConfig}: every value parsed once, every
 * problem collected (each naming its property), none echoing a secret.
 */
final class ConfigReader {

    private final AlertSettings in;
    private final List<String> problems;

    InternetAddress from = new InternetAddress();
    List<InternetAddress> to = List.of();
    List<InternetAddress> cc = List.of();
    List<InternetAddress> bcc = List.of();
    List<InternetAddress> replyTo = List.of();
    String smtpHost = AlertConfig.DEFAULT_SMTP_HOST;
    int smtpPort = AlertConfig.DEFAULT_SMTP_PORT;
    Security security = Security.SMTPS;
    @Nullable String sslTrust;
    String username = AlertConfig.DEFAULT_USERNAME;
    String password = "";
    Threshold level = Threshold.ERROR;
    List<String> inAppPackages = List.of();
    String application = "";
    String environment = "";
    @Nullable String host;
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
    @Nullable String localhost;
    String idempotencyKeyPrefix;
    SubjectTemplate subject = SubjectTemplate.DEFAULT;
    @Nullable LogsUrlTemplate logsUrl;
    List<Pattern> redact = List.of();

    ConfigReader(AlertSettings in, List<String> earlierProblems) {
        this.in = in;
        this.problems = new ArrayList<>(earlierProblems);
        groupWait = duration(GROUP_WAIT, AlertConfig.DEFAULT_GROUP_WAIT, true);
        groupInterval = duration(GROUP_INTERVAL, AlertConfig.DEFAULT_GROUP_INTERVAL, false);
        repeatInterval = duration(REPEAT_INTERVAL, AlertConfig.DEFAULT_REPEAT_INTERVAL, false);
        resolveAfter = duration(RESOLVE_AFTER, AlertConfig.DEFAULT_RESOLVE_AFTER, false);
        connectTimeout = duration(CONNECT_TIMEOUT, AlertConfig.DEFAULT_CONNECT_TIMEOUT, false);
        timeout = duration(TIMEOUT, AlertConfig.DEFAULT_TIMEOUT, false);
        shutdownTimeout = duration(SHUTDOWN_TIMEOUT, AlertConfig.DEFAULT_SHUTDOWN_TIMEOUT, true);
        sendResolved = bool(SEND_RESOLVED, AlertConfig.DEFAULT_SEND_RESOLVED);
        callerData = bool(CALLER_DATA, AlertConfig.DEFAULT_CALLER_DATA);
        maxEmailsPerHour = integer(MAX_EMAILS_PER_HOUR, AlertConfig.DEFAULT_MAX_EMAILS_PER_HOUR, 1, 100_000);
        maxEmailsPerSecond = integer(MAX_EMAILS_PER_SECOND, AlertConfig.DEFAULT_MAX_EMAILS_PER_SECOND, 1, 1_000);
        maxIncidents = integer(MAX_INCIDENTS, AlertConfig.DEFAULT_MAX_INCIDENTS, 1, 10_000_000);
        maxIncidentsPerEmail = integer(MAX_INCIDENTS_PER_EMAIL, AlertConfig.DEFAULT_MAX_INCIDENTS_PER_EMAIL, 1, 1_000);
        contextLines = integer(CONTEXT_LINES, AlertConfig.DEFAULT_CONTEXT_LINES, 0, 100);
        immediateMarker = text(IMMEDIATE_MARKER, AlertConfig.DEFAULT_IMMEDIATE_MARKER);
        ignoreMarker = text(IGNORE_MARKER, AlertConfig.DEFAULT_IGNORE_MARKER);
        idempotencyKeyPrefix = text(IDEMPOTENCY_KEY_PREFIX, AlertConfig.DEFAULT_IDEMPOTENCY_KEY_PREFIX);
    }

    AlertConfig read() {
        readAddresses();
        readConnection();
        readCredentials();
        String lvl = in.get(LEVEL);
        if (lvl != null) {
            Threshold t = Threshold.parse(lvl);
            if (t == null) {
                problems.add("'level' " + lvl + " is not a level: use TRACE, DEBUG, INFO, WARN or ERROR");
            } else {
                level = t;
            }
        }
        inAppPackages = List.copyOf(split(in.all(IN_APP_PACKAGES)));
        application = text(APPLICATION, "");
        environment = text(ENVIRONMENT, "");
        host = in.get(HOST) == null ? null : text(HOST, "");
        release = text(RELEASE, "");
        localhost = in.get(LOCALHOST) == null ? null : text(LOCALHOST, "");
        if (!idempotencyKeyPrefix.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add("'idempotencyKeyPrefix' must be 1-64 characters of [A-Za-z0-9._-]");
        }
        String s = in.get(SUBJECT);
        if (s != null) {
            subject = parsed("subject", () -> SubjectTemplate.parse(s), SubjectTemplate.DEFAULT);
        }
        String u = in.get(LOGS_URL);
        if (u != null) {
            logsUrl = parsed("logsUrl", () -> LogsUrlTemplate.parse(u), null);
        }
        readRedact();
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new AlertConfig(this);
    }

    private void readAddresses() {
        String f = in.get(FROM);
        if (f == null) {
            problems.add("'from' is required: the sender address on a domain verified in Resend");
        } else {
            List<InternetAddress> one = addresses("from", List.of(f));
            if (one.size() == 1) {
                from = one.get(0);
            } else if (one.size() > 1) {
                problems.add("'from' must be one address, was " + one.size());
            }
        }
        to = addresses("to", in.all(TO));
        if (in.all(TO).isEmpty()) {
            problems.add("'to' is required: at least one recipient");
        }
        cc = addresses("cc", in.all(CC));
        bcc = addresses("bcc", in.all(BCC));
        replyTo = addresses("replyTo", in.all(REPLY_TO));
    }

    private void readConnection() {
        smtpHost = text(SMTP_HOST, AlertConfig.DEFAULT_SMTP_HOST);
        smtpPort = integer(SMTP_PORT, AlertConfig.DEFAULT_SMTP_PORT, 1, 65_535);
        String sec = in.get(SECURITY);
        if (sec != null) {
            security = parsed("security", () -> Security.parse(sec), Security.NONE); // NONE: no follow-on credential error
        } else {
            Security forPort = Security.forPort(smtpPort);
            if (forPort == null) {
                problems.add("'smtpPort' " + smtpPort + " is not a Resend port (465/2465 SMTPS, 25/587/2587 STARTTLS):"
                        + " set 'security' to SMTPS, STARTTLS or NONE");
            } else {
                security = forPort;
            }
        }
        sslTrust = in.get(SSL_TRUST) == null ? null : text(SSL_TRUST, "");
        if (sslTrust != null && !TlsTrust.trusts(sslTrust, smtpHost)) {
            problems.add("'sslTrust' (" + sslTrust + ") does not list smtpHost '" + smtpHost + "': Jakarta Mail would"
                    + " refuse every connection (\"Server is not trusted\"); host names must match exactly");
        }
    }

    private void readCredentials() {
        String key = in.get(API_KEY);
        if (key == null) {
            key = in.env(AlertSettings.API_KEY_ENV); // read here, not substituted by the framework: kept out of its status lines
        }
        boolean hasKey = key != null && !key.isBlank();
        String pw = in.get(PASSWORD);
        String user = in.get(USERNAME);
        username = user == null ? AlertConfig.DEFAULT_USERNAME : user.trim();
        password = pw != null ? pw : hasKey ? key.trim() : "";
        boolean noCredentials = (user == null || username.equals(AlertConfig.DEFAULT_USERNAME)) && pw == null;
        if (!hasKey && pw == null && !(security == Security.NONE && noCredentials)) {
            problems.add("'apiKey' is required (the Resend API key, e.g. from RESEND_API_KEY); it is the SMTP password");
        }
        if (security == Security.NONE && !hasKey && noCredentials) {
            username = ""; // a plain loopback relay: no AUTH at all
        }
    }

    private void readRedact() {
        List<Pattern> patterns = new ArrayList<>();
        if (bool(REDACT_DEFAULTS, AlertConfig.DEFAULT_REDACT_DEFAULTS)) {
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

    private String text(Setting s, String fallback) {
        String v = in.get(s);
        return v == null ? fallback : v.trim();
    }

    private Duration duration(Setting s, String fallback, boolean zeroAllowed) {
        String v = in.get(s);
        Duration d;
        try {
            d = Durations.parse(v == null ? fallback : v);
        } catch (IllegalArgumentException e) {
            problems.add("'" + s.property() + "': " + e.getMessage());
            return Durations.parse(fallback);
        }
        if (d.isZero() && !zeroAllowed) {
            problems.add("'" + s.property() + "' must be more than zero");
        } else if (!d.isZero() && d.toMillis() < 1) {
            problems.add("'" + s.property() + "' " + v + " is below 1 ms");
        }
        return d;
    }

    private int integer(Setting s, int fallback, int min, int max) {
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

    private boolean bool(Setting s, boolean fallback) {
        String v = in.get(s);
        if (v == null) {
            return fallback;
        }
        switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default:
                problems.add("'" + s.property() + "' " + v + " is not true or false");
                return fallback;
        }
    }

    private <T> T parsed(String property, java.util.function.Supplier<T> parse, T fallback) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            problems.add("'" + property + "': " + e.getMessage());
            return fallback;
        }
    }

    /** Jakarta Mail's parser: {@code "Doe, Jane" <jane@example.com>, ops@example.com} is two addresses. */
    private List<InternetAddress> addresses(String property, List<String> values) {
        List<InternetAddress> out = new ArrayList<>();
        for (String v : values) {
            try {
                for (InternetAddress a : InternetAddress.parse(v, true)) {
                    a.validate();
                    out.add(a);
                }
            } catch (AddressException e) {
                problems.add("'" + property + "' address '" + v.trim() + "' is invalid: " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static List<String> split(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            Arrays.stream(v.split(",")).map(String::trim).filter(p -> !p.isEmpty()).forEach(out::add);
        }
        return out;
    }
}
