package dev.alertmail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validated, immutable alertmail configuration. Built with {@link #builder()}; {@link Builder#build()}
 * throws {@link IllegalArgumentException} listing every problem at once, so an adapter can report
 * them as status messages. The API key and password never appear in {@link #toString()} or in any
 * message.
 */
public final class AlertConfig {

    public static final String DEFAULT_HOST = "smtp.resend.com";
    public static final int DEFAULT_PORT = 465;
    public static final String DEFAULT_USERNAME = "resend";
    public static final String DEFAULT_SUBJECT = "[%env] %app: %count errors — %exception: %message";

    final String apiKey;
    final InternetAddress from;
    final List<InternetAddress> to;
    final List<InternetAddress> cc;
    final List<InternetAddress> bcc;
    final String smtpHost;
    final int smtpPort;
    final Security security;
    final String sslTrust;
    final String username;
    final String password;
    final List<String> inAppPackages;
    final String application;
    final String environment;
    final Duration groupWait;
    final Duration groupInterval;
    final Duration repeatInterval;
    final int maxEmailsPerHour;
    final int maxEmailsPerSecond;
    final int maxIncidents;
    final int maxIncidentsPerEmail;
    final int contextLines;
    final Duration connectTimeout;
    final Duration timeout;
    final Duration shutdownTimeout;
    final String idempotencyKeyPrefix;
    final String subject;
    final List<Pattern> redact;

    private AlertConfig(Builder b, InternetAddress from, List<InternetAddress> to, List<InternetAddress> cc,
                        List<InternetAddress> bcc, Security security, List<Pattern> redact) {
        this.apiKey = emptyToNull(b.apiKey);
        this.from = from;
        this.to = to;
        this.cc = cc;
        this.bcc = bcc;
        this.smtpHost = b.smtpHost.trim();
        this.smtpPort = b.smtpPort;
        this.security = security;
        this.sslTrust = emptyToNull(b.sslTrust);
        this.username = b.username == null ? "" : b.username;
        this.password = b.password != null ? b.password : (apiKey == null ? "" : apiKey);
        this.inAppPackages = List.copyOf(b.inAppPackages);
        this.application = b.application == null ? "" : b.application;
        this.environment = b.environment == null ? "" : b.environment;
        this.groupWait = b.groupWait;
        this.groupInterval = b.groupInterval;
        this.repeatInterval = b.repeatInterval;
        this.maxEmailsPerHour = b.maxEmailsPerHour;
        this.maxEmailsPerSecond = b.maxEmailsPerSecond;
        this.maxIncidents = b.maxIncidents;
        this.maxIncidentsPerEmail = b.maxIncidentsPerEmail;
        this.contextLines = b.contextLines;
        this.connectTimeout = b.connectTimeout;
        this.timeout = b.timeout;
        this.shutdownTimeout = b.shutdownTimeout;
        this.idempotencyKeyPrefix = b.idempotencyKeyPrefix;
        this.subject = b.subject;
        this.redact = List.copyOf(redact);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String smtpHost() { return smtpHost; }
    public int smtpPort() { return smtpPort; }
    public Security security() { return security; }
    public String application() { return application; }
    public String environment() { return environment; }
    public Duration groupWait() { return groupWait; }
    public Duration groupInterval() { return groupInterval; }
    public Duration repeatInterval() { return repeatInterval; }
    public Duration shutdownTimeout() { return shutdownTimeout; }
    public int maxIncidents() { return maxIncidents; }
    public int contextLines() { return contextLines; }
    public List<String> inAppPackages() { return inAppPackages; }
    public List<InternetAddress> to() { return to; }

    /** True when the SMTP host is a loopback name or address (plaintext is tolerable there). */
    public boolean isLoopbackHost() {
        String h = smtpHost.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }

    @Override
    public String toString() {
        return "AlertConfig{smtp=" + security + "://" + smtpHost + ":" + smtpPort
                + ", username=" + username + ", password=" + (password.isEmpty() ? "<none>" : "****")
                + ", from=" + from + ", to=" + to + ", application=" + application + ", environment=" + environment
                + ", groupWait=" + groupWait + ", groupInterval=" + groupInterval + ", repeatInterval=" + repeatInterval
                + ", maxEmailsPerHour=" + maxEmailsPerHour + ", maxEmailsPerSecond=" + maxEmailsPerSecond
                + ", maxIncidents=" + maxIncidents + "}";
    }

    /**
     * SHA-256 (hex) over every setting, the password included: two configs with equal identities
     * can share one engine (Log4j2 managers survive reconfiguration this way).
     */
    public String identity() {
        return IdempotencyKeys.sha256Hex(String.join("|", security.name(), smtpHost, Integer.toString(smtpPort), String.valueOf(sslTrust), username,
                IdempotencyKeys.sha256Hex(password), from.toString(), to.toString(), cc.toString(), bcc.toString(),
                inAppPackages.toString(), application, environment, groupWait.toString(), groupInterval.toString(),
                repeatInterval.toString(), Integer.toString(maxEmailsPerHour), Integer.toString(maxEmailsPerSecond),
                Integer.toString(maxIncidents), Integer.toString(maxIncidentsPerEmail), Integer.toString(contextLines),
                connectTimeout.toString(), timeout.toString(), shutdownTimeout.toString(), idempotencyKeyPrefix, subject,
                redact.toString()));
    }

    /** Every problem of a configuration, one message each; none contains a secret. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        InvalidConfigException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Mutable builder; every setter accepts what a config file would give it. */
    public static final class Builder {
        private String apiKey;
        private String from;
        private final List<String> to = new ArrayList<>();
        private final List<String> cc = new ArrayList<>();
        private final List<String> bcc = new ArrayList<>();
        private String smtpHost = DEFAULT_HOST;
        private int smtpPort = DEFAULT_PORT;
        private String security;
        private String sslTrust;
        private String username = DEFAULT_USERNAME;
        private String password;
        private final List<String> inAppPackages = new ArrayList<>();
        private String application;
        private String environment;
        private Duration groupWait = Duration.ofSeconds(10);
        private Duration groupInterval = Duration.ofMinutes(1);
        private Duration repeatInterval = Duration.ofHours(1);
        private int maxEmailsPerHour = 30;
        private int maxEmailsPerSecond = 2;
        private int maxIncidents = 10_000;
        private int maxIncidentsPerEmail = 20;
        private int contextLines = 10;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofSeconds(20);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private String idempotencyKeyPrefix = "alertmail";
        private String subject = DEFAULT_SUBJECT;
        private final List<String> redact = new ArrayList<>();
        private boolean redactDefaults;

        private Builder() {
        }

        public Builder apiKey(String v) { apiKey = v; return this; }
        public Builder from(String v) { from = v; return this; }
        /** Adds one or more comma-separated recipients. */
        public Builder to(String v) { splitInto(v, to); return this; }
        public Builder cc(String v) { splitInto(v, cc); return this; }
        public Builder bcc(String v) { splitInto(v, bcc); return this; }
        public Builder smtpHost(String v) { smtpHost = v; return this; }
        public Builder smtpPort(int v) { smtpPort = v; return this; }
        /** {@code SMTPS}, {@code STARTTLS} or {@code NONE}; {@code null} derives it from the port. */
        public Builder security(String v) { security = v; return this; }
        public Builder sslTrust(String v) { sslTrust = v; return this; }
        public Builder username(String v) { username = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder inAppPackage(String v) { splitInto(v, inAppPackages); return this; }
        public Builder application(String v) { application = v; return this; }
        public Builder environment(String v) { environment = v; return this; }
        public Builder groupWait(Duration v) { groupWait = v; return this; }
        public Builder groupInterval(Duration v) { groupInterval = v; return this; }
        public Builder repeatInterval(Duration v) { repeatInterval = v; return this; }
        public Builder maxEmailsPerHour(int v) { maxEmailsPerHour = v; return this; }
        public Builder maxEmailsPerSecond(int v) { maxEmailsPerSecond = v; return this; }
        public Builder maxIncidents(int v) { maxIncidents = v; return this; }
        public Builder maxIncidentsPerEmail(int v) { maxIncidentsPerEmail = v; return this; }
        public Builder contextLines(int v) { contextLines = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder shutdownTimeout(Duration v) { shutdownTimeout = v; return this; }
        public Builder idempotencyKeyPrefix(String v) { idempotencyKeyPrefix = v; return this; }
        public Builder subject(String v) { subject = v; return this; }
        /** Adds a regular expression whose matches are replaced by {@code [redacted]} everywhere. */
        public Builder redact(String v) { if (v != null && !v.isEmpty()) { redact.add(v); } return this; }
        /** Also redact bearer tokens, Resend keys ({@code re_…}), URL passwords and {@code password=…} values. */
        public Builder redactDefaults(boolean v) { redactDefaults = v; return this; }

        private static void splitInto(String value, List<String> into) {
            if (value == null) {
                return;
            }
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    into.add(part.trim());
                }
            }
        }

        /**
         * @throws InvalidConfigException listing every problem; never contains a secret
         */
        public AlertConfig build() {
            List<String> errors = new ArrayList<>();
            InternetAddress fromAddress = null;
            if (from == null || from.isBlank()) {
                errors.add("'from' is required: the sender address on a domain verified in Resend");
            } else {
                fromAddress = address("from", from, errors);
            }
            if (to.isEmpty()) {
                errors.add("'to' is required: at least one recipient");
            }
            List<InternetAddress> toAddresses = addresses("to", to, errors);
            List<InternetAddress> ccAddresses = addresses("cc", cc, errors);
            List<InternetAddress> bccAddresses = addresses("bcc", bcc, errors);

            if (smtpHost == null || smtpHost.isBlank()) {
                errors.add("'smtpHost' must not be empty");
                smtpHost = DEFAULT_HOST;
            }
            if (smtpPort < 1 || smtpPort > 65535) {
                errors.add("'smtpPort' " + smtpPort + " is not a TCP port");
            }
            Security sec = null;
            if (security != null && !security.isBlank()) {
                try {
                    sec = Security.parse(security);
                } catch (IllegalArgumentException e) {
                    errors.add("'security': " + e.getMessage());
                }
            } else {
                sec = Security.forPort(smtpPort);
                if (sec == null) {
                    errors.add("'smtpPort' " + smtpPort + " is not a Resend port (465/2465 SMTPS, 25/587/2587 STARTTLS):"
                            + " set 'security' to SMTPS, STARTTLS or NONE");
                }
            }
            boolean hasKey = apiKey != null && !apiKey.isBlank();
            boolean hasPassword = password != null && !password.isEmpty();
            boolean noCredentials = (username == null || username.isEmpty() || username.equals(DEFAULT_USERNAME))
                    && !hasPassword;
            if (!hasKey && !hasPassword && !(sec == Security.NONE && noCredentials)) {
                errors.add("'apiKey' is required (the Resend API key, e.g. ${RESEND_API_KEY}); it is the SMTP password");
            }
            if (sec == Security.NONE && !hasKey && noCredentials) {
                username = ""; // plain loopback relay: no AUTH at all
            }
            positive("groupWait", groupWait, errors, true);
            positive("groupInterval", groupInterval, errors, false);
            positive("repeatInterval", repeatInterval, errors, false);
            positive("connectTimeout", connectTimeout, errors, false);
            positive("timeout", timeout, errors, false);
            positive("shutdownTimeout", shutdownTimeout, errors, true);
            atLeast("maxEmailsPerHour", maxEmailsPerHour, 1, errors);
            atLeast("maxEmailsPerSecond", maxEmailsPerSecond, 1, errors);
            atLeast("maxIncidents", maxIncidents, 1, errors);
            atLeast("maxIncidentsPerEmail", maxIncidentsPerEmail, 1, errors);
            atLeast("contextLines", contextLines, 0, errors);
            if (idempotencyKeyPrefix == null || !idempotencyKeyPrefix.matches("[A-Za-z0-9._-]{1,64}")) {
                errors.add("'idempotencyKeyPrefix' must be 1-64 characters of [A-Za-z0-9._-]");
            }
            if (subject == null || subject.isBlank()) {
                subject = DEFAULT_SUBJECT;
            }
            List<Pattern> patterns = new ArrayList<>();
            if (redactDefaults) {
                patterns.addAll(Redactor.DEFAULTS);
            }
            for (String r : redact) {
                try {
                    patterns.add(Pattern.compile(r));
                } catch (PatternSyntaxException e) {
                    errors.add("'redact' pattern " + r + " is not a valid regular expression: " + e.getDescription());
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidConfigException(errors);
            }
            return new AlertConfig(this, fromAddress, toAddresses, ccAddresses, bccAddresses, sec, patterns);
        }

        private static InternetAddress address(String property, String value, List<String> errors) {
            try {
                InternetAddress a = new InternetAddress(value, true);
                a.validate();
                return a;
            } catch (AddressException e) {
                errors.add("'" + property + "' address '" + value + "' is invalid: " + e.getMessage());
                return null;
            }
        }

        private static List<InternetAddress> addresses(String property, List<String> values, List<String> errors) {
            List<InternetAddress> out = new ArrayList<>();
            for (String v : values) {
                InternetAddress a = address(property, v, errors);
                if (a != null) {
                    out.add(a);
                }
            }
            return Collections.unmodifiableList(out);
        }

        private static void positive(String property, Duration d, List<String> errors, boolean zeroAllowed) {
            if (d == null || d.isNegative() || (!zeroAllowed && d.isZero())) {
                errors.add("'" + property + "' must be " + (zeroAllowed ? "zero or more" : "more than zero"));
            }
        }

        private static void atLeast(String property, int value, int min, List<String> errors) {
            if (value < min) {
                errors.add("'" + property + "' must be at least " + min + ", was " + value);
            }
        }
    }
}
