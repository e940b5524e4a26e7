package dev.alertmail.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.alertmail.AlertConfig;
import dev.alertmail.AlertEngine;
import dev.alertmail.ContextLines;
import dev.alertmail.Durations;
import dev.alertmail.StatusReporter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Logback appender that turns ERROR events into a few digest emails sent through Resend SMTP.
 *
 * <pre>{@code
 * <appender name="ALERTS" class="dev.alertmail.logback.ResendAlertAppender">
 *   <apiKey>${RESEND_API_KEY}</apiKey>
 *   <from>Alerts <alerts@example.com></from>
 *   <to>oncall@example.com</to>
 * </appender>
 * }</pre>
 *
 * Every property is a JavaBean setter; configuration errors become Logback status errors and the
 * appender stays stopped. {@link #append} never blocks, never does I/O and never throws.
 */
public class ResendAlertAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /**
     * Context object key for a {@link Clock} to use instead of the system clock: tests put one in
     * the {@code LoggerContext} before configuring, to move time by hand.
     */
    public static final String CLOCK_KEY = "dev.alertmail.clock";

    /** Environment variable read for the API key when {@code apiKey} is not configured. */
    public static final String API_KEY_ENV = "RESEND_API_KEY";

    private final AlertConfig.Builder builder = AlertConfig.builder();
    private final List<String> problems = new ArrayList<>();
    private Level level = Level.ERROR;
    private int contextLines = 10;
    private boolean apiKeySet;

    private volatile AlertEngine engine;
    private ContextLines<ILoggingEvent> context;
    private LogbackSampleCapture capture;

    // ------------------------------------------------------------------ properties

    /** Blank (e.g. an unset Spring property) counts as not configured: RESEND_API_KEY is read instead. */
    public void setApiKey(String apiKey) {
        if (apiKey != null && !apiKey.isBlank()) {
            builder.apiKey(apiKey);
            apiKeySet = true;
        }
    }
    public void setFrom(String from) { builder.from(from); }
    /** Repeatable element, or comma-separated. */
    public void addTo(String to) { builder.to(to); }
    public void setTo(String to) { addTo(to); }
    public void addCc(String cc) { builder.cc(cc); }
    public void setCc(String cc) { addCc(cc); }
    public void addBcc(String bcc) { builder.bcc(bcc); }
    public void setBcc(String bcc) { addBcc(bcc); }
    public void setSmtpHost(String smtpHost) { builder.smtpHost(smtpHost); }
    public void setSmtpPort(int smtpPort) { builder.smtpPort(smtpPort); }
    public void setSecurity(String security) { builder.security(security); }
    public void setSslTrust(String sslTrust) { builder.sslTrust(sslTrust); }
    public void setUsername(String username) { builder.username(username); }
    public void setPassword(String password) { builder.password(password); }
    public void addInAppPackages(String prefixes) { builder.inAppPackage(prefixes); }
    public void setInAppPackages(String prefixes) { addInAppPackages(prefixes); }
    public void setApplication(String application) { builder.application(application); }
    public void setEnvironment(String environment) { builder.environment(environment); }
    public void setGroupWait(String d) { duration("groupWait", d, builder::groupWait); }
    public void setGroupInterval(String d) { duration("groupInterval", d, builder::groupInterval); }
    public void setRepeatInterval(String d) { duration("repeatInterval", d, builder::repeatInterval); }
    public void setMaxEmailsPerHour(int n) { builder.maxEmailsPerHour(n); }
    public void setMaxEmailsPerSecond(int n) { builder.maxEmailsPerSecond(n); }
    public void setMaxIncidents(int n) { builder.maxIncidents(n); }
    public void setMaxIncidentsPerEmail(int n) { builder.maxIncidentsPerEmail(n); }
    public void setContextLines(int n) { contextLines = n; builder.contextLines(n); }
    public void setConnectTimeout(String d) { duration("connectTimeout", d, builder::connectTimeout); }
    public void setTimeout(String d) { duration("timeout", d, builder::timeout); }
    public void setShutdownTimeout(String d) { duration("shutdownTimeout", d, builder::shutdownTimeout); }
    public void setIdempotencyKeyPrefix(String prefix) { builder.idempotencyKeyPrefix(prefix); }
    public void setSubject(String subject) { builder.subject(subject); }
    /** Repeatable regular expression; matches become {@code [redacted]} in every rendered string. */
    public void addRedact(String regex) { builder.redact(regex); }
    public void setRedact(String regex) { addRedact(regex); }
    /** Adds the built-in patterns: bearer tokens, Resend keys, URL passwords, {@code password=} values. */
    public void setRedactDefaults(boolean enabled) { builder.redactDefaults(enabled); }

    public void setLevel(String level) {
        Level parsed = Level.toLevel(level, null);
        if (parsed == null) {
            problems.add("'level' " + level + " is not a Logback level (TRACE, DEBUG, INFO, WARN, ERROR)");
        } else {
            this.level = parsed;
        }
    }

    private void duration(String property, String text, java.util.function.Consumer<Duration> into) {
        try {
            into.accept(Durations.parse(text));
        } catch (IllegalArgumentException e) {
            problems.add("'" + property + "': " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (!apiKeySet) {
            // Reading the key here keeps it out of Logback's "value ... substituted for ${...}" status lines.
            builder.apiKey(System.getenv(API_KEY_ENV));
        }
        List<String> all = new ArrayList<>(problems);
        AlertConfig config = null;
        try {
            config = builder.build();
        } catch (AlertConfig.InvalidConfigException e) {
            all.addAll(e.problems());
        }
        if (!all.isEmpty()) {
            for (String problem : all) {
                addError("alertmail appender [" + getName() + "]: " + problem);
            }
            addError("alertmail appender [" + getName() + "] not started: fix the configuration above");
            return;
        }
        if (config.security() == dev.alertmail.Security.NONE && !config.isLoopbackHost()) {
            addWarn("alertmail appender [" + getName() + "]: security=NONE sends alerts and credentials in plaintext to "
                    + config.smtpHost());
        }
        Object injected = getContext() == null ? null : getContext().getObject(CLOCK_KEY);
        Clock clock = injected instanceof Clock c ? c : Clock.systemUTC();
        context = new ContextLines<>(contextLines);
        engine = new AlertEngine(config, clock, new LogbackStatus(), getName());
        capture = new LogbackSampleCapture(engine.inAppFrames(), context);
        addInfo("alertmail appender [" + getName() + "] started: " + config);
        super.start();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop(); // first: no new events while we flush
        AlertEngine e = engine;
        if (e != null) {
            e.close();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        AlertEngine e = engine;
        if (e == null || e.isWorkerThread() || AlertEngine.isInternalLogger(event.getLoggerName())) {
            return; // our own sender's and mail library's logs never re-enter
        }
        if (event.getLevel().isGreaterOrEqual(level)) {
            e.record(event.getLoggerName(), event.getMessage(), throwable(event), event, capture);
        }
        context.add(event.getThreadName(), event);
    }

    static Throwable throwable(ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        return proxy instanceof ThrowableProxy tp ? tp.getThrowable() : null;
    }

    /** The engine behind this appender: counters, and {@link AlertEngine#runDueWork()} for tests and tools. */
    public AlertEngine getEngine() {
        return engine;
    }

    private final class LogbackStatus implements StatusReporter {
        @Override public void info(String message) { addInfo(message); }
        @Override public void warn(String message) { addWarn(message); }
        @Override public void error(String message) { addError(message); }
    }
}
