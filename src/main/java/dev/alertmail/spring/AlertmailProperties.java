package dev.alertmail.spring;

import dev.alertmail.internal.config.AlertSettings;
import dev.alertmail.internal.config.SecretMasking;
import dev.alertmail.internal.config.Setting;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code alertmail.*} in {@code application.properties}: every setting of the table in docs/configuration.md, in
 * kebab-case, as text, parsed and validated by the same code as {@code logback.xml} and
 * {@code log4j2.xml}. Repeatable settings are lists ({@code alertmail.to=a@x,b@x} or
 * {@code alertmail.to[0]=…}).
 *
 * @param enabled              attach the appender (with {@code alertmail.from} set); {@code false} turns it off
 * @param apiKey               Resend API key (SMTP password); unset: the RESEND_API_KEY environment variable
 * @param from                 sender, on a domain verified in Resend
 * @param to                   recipients
 * @param cc                   Cc recipients
 * @param bcc                  Bcc recipients
 * @param replyTo              Reply-To addresses
 * @param smtpHost             SMTP host (default smtp.resend.com)
 * @param smtpPort             SMTP port (default 465)
 * @param security             SMTPS, STARTTLS or NONE (default: from the port)
 * @param sslTrust             hosts trusted without certificate validation (tests, private relays)
 * @param username             SMTP user (default resend)
 * @param password             SMTP password, if not the API key
 * @param level                threshold for alerting (default ERROR)
 * @param inAppPackages        package prefixes of the application's code
 * @param application          application name, in subject, body and idempotency key
 * @param environment          environment name, in subject, body and idempotency key
 * @param host                 host name shown in every email (default: HOSTNAME, else the machine's name)
 * @param release              the application's version, shown in every email
 * @param groupWait            how long a new incident waits for siblings (default 10s)
 * @param groupInterval        at most one email per interval (default 1m)
 * @param repeatInterval       how often an incident still firing is mailed again (default 1h)
 * @param resolveAfter         quiet this long, a mailed incident is listed once as resolved (default 1h)
 * @param sendResolved         resolutions also send an email of their own (default false)
 * @param maxEmailsPerHour     hourly cap (default 30)
 * @param maxEmailsPerDay      cap over any 24 hours (default 0: none)
 * @param maxEmailsPerSecond   per-second cap (default 2)
 * @param maxIncidents         distinct fingerprints tracked (default 10000)
 * @param maxIncidentsPerEmail incidents shown in full per email (default 20)
 * @param contextLines         preceding lines of the same thread per incident (default 10)
 * @param callerData           show where an error without a throwable was logged (default true)
 * @param immediateMarker      marker name that skips groupWait (default ALERT_NOW)
 * @param ignoreMarker         marker name that never alerts (default NO_ALERT)
 * @param connectTimeout       SMTP connect timeout (default 10s)
 * @param timeout              SMTP read/write timeout (default 20s)
 * @param shutdownTimeout      how long stopping may spend flushing (default 10s)
 * @param localhost            HELO/EHLO name and Message-ID domain (default: looked up once at start)
 * @param idempotencyKeyPrefix first segment of the idempotency key (default alertmail)
 * @param subject              subject template
 * @param logsUrl              "View logs" link template (http/https)
 * @param redact               regular expressions whose matches are redacted
 * @param redactDefaults       also redact common secrets (default false)
 * @param redisUri             a fleet of replicas shares state in this Redis: redis://[[user]:password@]host[:port][/db] or rediss://
 * @param stateDir             where the journal (memory across restarts) is kept (default java.io.tmpdir/alertmail; off turns it off)
 * @param redisCa              a PEM file of the CA certificates trusted for rediss:// (the host name is still checked)
 */
@ConfigurationProperties("alertmail")
public record AlertmailProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable String apiKey,
        @Nullable String from,
        @Nullable List<String> to,
        @Nullable List<String> cc,
        @Nullable List<String> bcc,
        @Nullable List<String> replyTo,
        @Nullable String smtpHost,
        @Nullable String smtpPort,
        @Nullable String security,
        @Nullable String sslTrust,
        @Nullable String username,
        @Nullable String password,
        @Nullable String level,
        @Nullable List<String> inAppPackages,
        @Nullable String application,
        @Nullable String environment,
        @Nullable String host,
        @Nullable String release,
        @Nullable String groupWait,
        @Nullable String groupInterval,
        @Nullable String repeatInterval,
        @Nullable String resolveAfter,
        @Nullable String sendResolved,
        @Nullable String maxEmailsPerHour,
        @Nullable String maxEmailsPerDay,
        @Nullable String maxEmailsPerSecond,
        @Nullable String maxIncidents,
        @Nullable String maxIncidentsPerEmail,
        @Nullable String contextLines,
        @Nullable String callerData,
        @Nullable String immediateMarker,
        @Nullable String ignoreMarker,
        @Nullable String connectTimeout,
        @Nullable String timeout,
        @Nullable String shutdownTimeout,
        @Nullable String localhost,
        @Nullable String idempotencyKeyPrefix,
        @Nullable String subject,
        @Nullable String logsUrl,
        @Nullable List<String> redact,
        @Nullable String redactDefaults,
        @Nullable String redisUri,
        @Nullable String redisCa,
        @Nullable String stateDir) {

    /** The components, the secrets masked: a record's own toString would print the API key. */
    @Override
    public String toString() {
        return SecretMasking.describe(this);
    }

    /** Every component named as its setting, its text (each list item) set as given. */
    void applyTo(SettingSink sink) {
        for (RecordComponent c : AlertmailProperties.class.getRecordComponents()) {
            Setting s = Setting.byProperty(c.getName());
            if (s == null) {
                continue; // "enabled"
            }
            Object value = read(c);
            if (value instanceof List<?> list) {
                list.forEach(v -> sink.set(s.property(), String.valueOf(v)));
            } else if (value != null) {
                sink.set(s.property(), value.toString());
            }
        }
    }

    /** Where settings go: the Logback appender or the Log4j2 builder. */
    @FunctionalInterface
    interface SettingSink {
        void set(String property, String value);
    }

    /** For checks: these properties as text, the way the appenders will see them. */
    AlertSettings toSettings() {
        AlertSettings s = new AlertSettings();
        applyTo(s::set);
        return s;
    }

    private @Nullable Object read(RecordComponent c) {
        try {
            return c.getAccessor().invoke(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
