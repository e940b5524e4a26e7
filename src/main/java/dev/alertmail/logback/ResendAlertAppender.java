package dev.alertmail.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.alertmail.AlertEngine;
import dev.alertmail.internal.capture.ContextLines;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.AlertSettings;
import dev.alertmail.internal.config.Setting;
import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.engine.Engine;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;

/**
 * Logback appender that turns ERROR events into a few digest emails sent through Resend SMTP.
 *
 * <pre>{@code
 * <appender name="ALERTS" class="dev.alertmail.logback.ResendAlertAppender">
 *   <from>Alerts &lt;alerts@example.com&gt;</from>
 *   <to>oncall@example.com</to>
 * </appender>
 * }</pre>
 *
 * Every property is a JavaBean setter taking the text as written; the core parses and validates
 * it (the same way for Log4j2), each problem becomes a Logback status error and the appender stays
 * stopped. {@link #append} never blocks, never does I/O and never throws.
 */
public class ResendAlertAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** Context object key for a {@link Clock} used instead of the system clock (tests move time by hand). */
    public static final String CLOCK_KEY = AlertEngine.CLOCK_KEY;
    /** Environment variable read for the API key when {@code apiKey} is not set. */
    public static final String API_KEY_ENV = AlertSettings.API_KEY_ENV;

    private final AlertSettings settings = new AlertSettings();
    private volatile @Nullable Engine engine;
    private Level level = Level.ERROR;
    private String immediateMarker = AlertConfig.DEFAULT_IMMEDIATE_MARKER;
    private String ignoreMarker = AlertConfig.DEFAULT_IGNORE_MARKER;
    private @Nullable LogbackCapture capture;

    // ------------------------------------------------------------------ properties (docs/configuration.md)

    public void setApiKey(String v) {
        settings.set(Setting.API_KEY, v);
    }

    public void setFrom(String v) {
        settings.set(Setting.FROM, v);
    }
    /** Repeatable, or comma-separated ({@code "Doe, Jane" <jane@example.com>} is one address). */
    public void addTo(String v) {
        settings.set(Setting.TO, v);
    }

    public void setTo(String v) {
        addTo(v);
    }

    public void addCc(String v) {
        settings.set(Setting.CC, v);
    }

    public void setCc(String v) {
        addCc(v);
    }

    public void addBcc(String v) {
        settings.set(Setting.BCC, v);
    }

    public void setBcc(String v) {
        addBcc(v);
    }

    public void addReplyTo(String v) {
        settings.set(Setting.REPLY_TO, v);
    }

    public void setReplyTo(String v) {
        addReplyTo(v);
    }

    public void setSmtpHost(String v) {
        settings.set(Setting.SMTP_HOST, v);
    }

    public void setSmtpPort(String v) {
        settings.set(Setting.SMTP_PORT, v);
    }

    public void setSecurity(String v) {
        settings.set(Setting.SECURITY, v);
    }

    public void setSslTrust(String v) {
        settings.set(Setting.SSL_TRUST, v);
    }

    public void setUsername(String v) {
        settings.set(Setting.USERNAME, v);
    }

    public void setPassword(String v) {
        settings.set(Setting.PASSWORD, v);
    }

    public void setLevel(String v) {
        settings.set(Setting.LEVEL, v);
    }

    public void addInAppPackages(String v) {
        settings.set(Setting.IN_APP_PACKAGES, v);
    }

    public void setInAppPackages(String v) {
        addInAppPackages(v);
    }

    public void setApplication(String v) {
        settings.set(Setting.APPLICATION, v);
    }

    public void setEnvironment(String v) {
        settings.set(Setting.ENVIRONMENT, v);
    }

    public void setHost(String v) {
        settings.set(Setting.HOST, v);
    }

    public void setRelease(String v) {
        settings.set(Setting.RELEASE, v);
    }

    public void setGroupWait(String v) {
        settings.set(Setting.GROUP_WAIT, v);
    }

    public void setGroupInterval(String v) {
        settings.set(Setting.GROUP_INTERVAL, v);
    }

    public void setRepeatInterval(String v) {
        settings.set(Setting.REPEAT_INTERVAL, v);
    }

    public void setResolveAfter(String v) {
        settings.set(Setting.RESOLVE_AFTER, v);
    }

    public void setSendResolved(String v) {
        settings.set(Setting.SEND_RESOLVED, v);
    }

    public void setMaxEmailsPerHour(String v) {
        settings.set(Setting.MAX_EMAILS_PER_HOUR, v);
    }

    public void setMaxEmailsPerDay(String v) {
        settings.set(Setting.MAX_EMAILS_PER_DAY, v);
    }

    public void setMaxEmailsPerSecond(String v) {
        settings.set(Setting.MAX_EMAILS_PER_SECOND, v);
    }

    public void setMaxIncidents(String v) {
        settings.set(Setting.MAX_INCIDENTS, v);
    }

    public void setMaxIncidentsPerEmail(String v) {
        settings.set(Setting.MAX_INCIDENTS_PER_EMAIL, v);
    }

    public void setContextLines(String v) {
        settings.set(Setting.CONTEXT_LINES, v);
    }

    public void setCallerData(String v) {
        settings.set(Setting.CALLER_DATA, v);
    }

    public void setImmediateMarker(String v) {
        settings.set(Setting.IMMEDIATE_MARKER, v);
    }

    public void setIgnoreMarker(String v) {
        settings.set(Setting.IGNORE_MARKER, v);
    }

    public void setConnectTimeout(String v) {
        settings.set(Setting.CONNECT_TIMEOUT, v);
    }

    public void setTimeout(String v) {
        settings.set(Setting.TIMEOUT, v);
    }

    public void setShutdownTimeout(String v) {
        settings.set(Setting.SHUTDOWN_TIMEOUT, v);
    }

    public void setLocalhost(String v) {
        settings.set(Setting.LOCALHOST, v);
    }

    public void setIdempotencyKeyPrefix(String v) {
        settings.set(Setting.IDEMPOTENCY_KEY_PREFIX, v);
    }

    public void setSubject(String v) {
        settings.set(Setting.SUBJECT, v);
    }

    public void setLogsUrl(String v) {
        settings.set(Setting.LOGS_URL, v);
    }
    /** A fleet of replicas mailing as one: {@code redis://[[user]:password@]host[:port][/db]} or {@code rediss://}. */
    public void setRedisUri(String v) {
        settings.set(Setting.REDIS_URI, v);
    }
    /** A PEM file of the CA certificates trusted for {@code rediss://} (the host name is still checked). */
    public void setRedisCa(String v) {
        settings.set(Setting.REDIS_CA, v);
    }

    /** Where the journal (memory across restarts) is kept: default {@code <java.io.tmpdir>/alertmail}; {@code off} turns it off. */
    public void setStateDir(String v) {
        settings.set(Setting.STATE_DIR, v);
    }

    /** Repeatable regular expression; matches become {@code [redacted]} in everything an email shows. */
    public void addRedact(String v) {
        settings.set(Setting.REDACT, v);
    }

    public void setRedact(String v) {
        addRedact(v);
    }

    public void setRedactDefaults(String v) {
        settings.set(Setting.REDACT_DEFAULTS, v);
    }

    /**
     * Any setting by its property name ({@code "groupWait"}), as text, for programmatic
     * configuration (Spring Boot's auto-configuration uses it); an unknown name is reported at
     * {@link #start()} like any other configuration problem.
     */
    public void set(String property, String value) {
        settings.set(property, value);
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        StatusReporter status = new LogbackStatus();
        AlertConfig config = settings.toConfig(getName(), status);
        if (config == null) {
            return;
        }
        level = Level.toLevel(config.level().name());
        immediateMarker = config.immediateMarker();
        ignoreMarker = config.ignoreMarker();
        Object clock = getContext() == null ? null : getContext().getObject(AlertEngine.CLOCK_KEY);
        capture = new LogbackCapture(
                new ContextLines<>(config.contextLines(), LogbackCapture.Slot::new), config.callerData());
        engine = Engine.builder(config)
                .name(getName())
                .status(status)
                .clock(clock instanceof Clock c ? c : Clock.systemUTC())
                .start();
        addInfo("alertmail appender [" + getName() + "] started: " + config);
        super.start();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop(); // first: no new events while we flush
        Engine e = engine;
        if (e != null) {
            e.close();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        Engine e = engine;
        LogbackCapture c = capture;
        String logger = event.getLoggerName();
        if (e == null || c == null) {
            return;
        }
        boolean onItsThread = LogbackCapture.onItsThread(event);
        if (e.ignores(logger, onItsThread ? null : event.getThreadName())) {
            return; // our own sender's and the mail libraries' logs never re-enter, also behind an AsyncAppender
        }
        c.keep(event, onItsThread); // this event is its thread's newest line
        List<Marker> markers = event.getMarkerList();
        if (event.getLevel().isGreaterOrEqual(level) && !has(markers, ignoreMarker)) {
            e.record(
                    logger,
                    event.getMessage(),
                    event.getThrowableProxy(),
                    LogbackThrowables.ACCESS,
                    event,
                    c,
                    has(markers, immediateMarker));
        }
    }

    /** The marker itself, or one that references it. */
    private static boolean has(@Nullable List<Marker> markers, String name) {
        if (markers != null) {
            for (Marker m : markers) {
                if (m.getName().equals(name) || m.contains(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The engine behind this appender (its name, counters and configuration check); {@code null} until started. */
    public @Nullable AlertEngine getEngine() {
        return engine;
    }

    private final class LogbackStatus implements StatusReporter {
        @Override
        public void info(String message) {
            addInfo(message);
        }

        @Override
        public void warn(String message) {
            addWarn(message);
        }

        @Override
        public void error(String message) {
            addError(message);
        }
    }
}
