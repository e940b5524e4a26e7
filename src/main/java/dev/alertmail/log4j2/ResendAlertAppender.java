package dev.alertmail.log4j2;

import dev.alertmail.AlertConfig;
import dev.alertmail.AlertEngine;
import dev.alertmail.ContextLines;
import dev.alertmail.Durations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * Log4j2 appender {@code <ResendAlert>}: the same alerting as the Logback appender, on the same
 * core. {@link #append} copies what it needs out of the (possibly reused) event and returns; it
 * never blocks, does no I/O and never throws.
 *
 * <pre>{@code
 * <ResendAlert name="ALERTS" from="Alerts <alerts@example.com>" to="oncall@example.com"
 *              application="checkout" environment="prod"/>
 * }</pre>
 */
@Plugin(name = "ResendAlert", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class ResendAlertAppender extends AbstractAppender {

    /** LoggerContext object key for a {@link Clock} to use instead of the system clock (tests). */
    public static final String CLOCK_KEY = "dev.alertmail.clock";
    /** Environment variable read for the API key when {@code apiKey} is not configured. */
    public static final String API_KEY_ENV = "RESEND_API_KEY";

    private final Level level;
    private final ResendAlertManager manager;
    private final ContextLines<ContextLine> context;
    private final Log4jSampleCapture capture;

    private ResendAlertAppender(String name, Filter filter, Property[] properties, Level level,
                                ResendAlertManager manager, int contextLines) {
        super(name, filter, null, true, properties);
        this.level = level;
        this.manager = manager;
        this.context = new ContextLines<>(contextLines);
        this.capture = new Log4jSampleCapture(manager.engine().inAppFrames(), context);
    }

    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    @Override
    public void append(LogEvent event) {
        AlertEngine engine = manager.engine();
        String logger = event.getLoggerName();
        if (logger == null || engine.isWorkerThread() || AlertEngine.isInternalLogger(logger)) {
            return;
        }
        if (event.getLevel().isMoreSpecificThan(level)) {
            // getFormat(): "Order {} failed", so arguments do not split the incident
            engine.record(logger, event.getMessage() == null ? null : event.getMessage().getFormat(),
                    event.getThrown(), event, capture);
        }
        if (context != null) {
            // a reused event must not be kept, and toImmutable() serialises the whole event (≈7 µs):
            // keep just what a context line shows
            context.add(event.getThreadName(), ContextLine.of(event));
        }
    }

    /** What a preceding-line entry shows, copied out of a possibly reused event. */
    record ContextLine(long timeMillis, Level level, String logger, String message) {
        static ContextLine of(LogEvent e) {
            return new ContextLine(e.getTimeMillis(), e.getLevel(), e.getLoggerName(),
                    e.getMessage() == null ? null : e.getMessage().getFormattedMessage());
        }
    }

    /** The engine behind this appender: counters, and {@link AlertEngine#runDueWork()} for tests and tools. */
    public AlertEngine getEngine() {
        return manager.engine();
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        boolean stopped = super.stop(timeout, timeUnit, false);
        stopped &= manager.stop(timeout, timeUnit);
        setStopped();
        return stopped;
    }

    /** Every option of DESIGN.md's table as an attribute. */
    public static final class Builder extends AbstractAppender.Builder<Builder>
            implements org.apache.logging.log4j.core.util.Builder<ResendAlertAppender> {

        @PluginBuilderAttribute(sensitive = true) private String apiKey;
        @PluginBuilderAttribute private String from;
        @PluginBuilderAttribute private String to;
        @PluginBuilderAttribute private String cc;
        @PluginBuilderAttribute private String bcc;
        @PluginBuilderAttribute private String smtpHost;
        @PluginBuilderAttribute private String smtpPort;
        @PluginBuilderAttribute private String security;
        @PluginBuilderAttribute private String sslTrust;
        @PluginBuilderAttribute private String username;
        @PluginBuilderAttribute(sensitive = true) private String password;
        @PluginBuilderAttribute private String level;
        @PluginBuilderAttribute private String inAppPackages;
        @PluginBuilderAttribute private String application;
        @PluginBuilderAttribute private String environment;
        @PluginBuilderAttribute private String groupWait;
        @PluginBuilderAttribute private String groupInterval;
        @PluginBuilderAttribute private String repeatInterval;
        @PluginBuilderAttribute private String maxEmailsPerHour;
        @PluginBuilderAttribute private String maxEmailsPerSecond;
        @PluginBuilderAttribute private String maxIncidents;
        @PluginBuilderAttribute private String maxIncidentsPerEmail;
        @PluginBuilderAttribute private String contextLines;
        @PluginBuilderAttribute private String connectTimeout;
        @PluginBuilderAttribute private String timeout;
        @PluginBuilderAttribute private String shutdownTimeout;
        @PluginBuilderAttribute private String idempotencyKeyPrefix;
        @PluginBuilderAttribute private String subject;
        @PluginBuilderAttribute private String redact;
        @PluginBuilderAttribute private String redactDefaults;


        public Builder setApiKey(String v) { apiKey = v; return this; }
        public Builder setFrom(String v) { from = v; return this; }
        public Builder setTo(String v) { to = v; return this; }
        public Builder setCc(String v) { cc = v; return this; }
        public Builder setBcc(String v) { bcc = v; return this; }
        public Builder setSmtpHost(String v) { smtpHost = v; return this; }
        public Builder setSmtpPort(String v) { smtpPort = v; return this; }
        public Builder setSecurity(String v) { security = v; return this; }
        public Builder setSslTrust(String v) { sslTrust = v; return this; }
        public Builder setUsername(String v) { username = v; return this; }
        public Builder setPassword(String v) { password = v; return this; }
        public Builder setLevel(String v) { level = v; return this; }
        public Builder setInAppPackages(String v) { inAppPackages = v; return this; }
        public Builder setApplication(String v) { application = v; return this; }
        public Builder setEnvironment(String v) { environment = v; return this; }
        public Builder setGroupWait(String v) { groupWait = v; return this; }
        public Builder setGroupInterval(String v) { groupInterval = v; return this; }
        public Builder setRepeatInterval(String v) { repeatInterval = v; return this; }
        public Builder setMaxEmailsPerHour(String v) { maxEmailsPerHour = v; return this; }
        public Builder setMaxEmailsPerSecond(String v) { maxEmailsPerSecond = v; return this; }
        public Builder setMaxIncidents(String v) { maxIncidents = v; return this; }
        public Builder setMaxIncidentsPerEmail(String v) { maxIncidentsPerEmail = v; return this; }
        public Builder setContextLines(String v) { contextLines = v; return this; }
        public Builder setConnectTimeout(String v) { connectTimeout = v; return this; }
        public Builder setTimeout(String v) { timeout = v; return this; }
        public Builder setShutdownTimeout(String v) { shutdownTimeout = v; return this; }
        public Builder setIdempotencyKeyPrefix(String v) { idempotencyKeyPrefix = v; return this; }
        public Builder setSubject(String v) { subject = v; return this; }
        public Builder setRedact(String v) { redact = v; return this; }
        public Builder setRedactDefaults(String v) { redactDefaults = v; return this; }

        @Override
        public ResendAlertAppender build() {
            List<String> problems = new ArrayList<>();
            AlertConfig.Builder b = AlertConfig.builder()
                    .apiKey(apiKey != null ? apiKey : System.getenv(API_KEY_ENV))
                    .from(from).to(to).cc(cc).bcc(bcc).security(security).sslTrust(sslTrust)
                    .inAppPackage(inAppPackages).application(application).environment(environment)
                    .redact(redact);
            if (smtpHost != null) {
                b.smtpHost(smtpHost);
            }
            if (username != null) {
                b.username(username);
            }
            if (password != null) {
                b.password(password);
            }
            if (idempotencyKeyPrefix != null) {
                b.idempotencyKeyPrefix(idempotencyKeyPrefix);
            }
            if (subject != null) {
                b.subject(subject);
            }
            b.redactDefaults(Boolean.parseBoolean(redactDefaults));
            integer("smtpPort", smtpPort, problems, b::smtpPort);
            integer("maxEmailsPerHour", maxEmailsPerHour, problems, b::maxEmailsPerHour);
            integer("maxEmailsPerSecond", maxEmailsPerSecond, problems, b::maxEmailsPerSecond);
            integer("maxIncidents", maxIncidents, problems, b::maxIncidents);
            integer("maxIncidentsPerEmail", maxIncidentsPerEmail, problems, b::maxIncidentsPerEmail);
            int[] lines = {10};
            integer("contextLines", contextLines, problems, n -> {
                lines[0] = n;
                b.contextLines(n);
            });
            duration("groupWait", groupWait, problems, b::groupWait);
            duration("groupInterval", groupInterval, problems, b::groupInterval);
            duration("repeatInterval", repeatInterval, problems, b::repeatInterval);
            duration("connectTimeout", connectTimeout, problems, b::connectTimeout);
            duration("timeout", timeout, problems, b::timeout);
            duration("shutdownTimeout", shutdownTimeout, problems, b::shutdownTimeout);
            Level threshold = Level.ERROR;
            if (level != null) {
                threshold = Level.getLevel(level.trim().toUpperCase(java.util.Locale.ROOT));
                if (threshold == null) {
                    problems.add("'level' " + level + " is not a Log4j2 level");
                    threshold = Level.ERROR;
                }
            }
            AlertConfig config = null;
            try {
                config = b.build();
            } catch (AlertConfig.InvalidConfigException e) {
                problems.addAll(e.problems());
            }
            if (!problems.isEmpty()) {
                for (String problem : problems) {
                    LOGGER.error("ResendAlert appender [{}]: {}", getName(), problem);
                }
                LOGGER.error("ResendAlert appender [{}] not created: fix the configuration above", getName());
                return null;
            }
            if (config.security() == dev.alertmail.Security.NONE && !config.isLoopbackHost()) {
                LOGGER.warn("ResendAlert appender [{}]: security=NONE sends alerts and credentials in plaintext to {}",
                        getName(), config.smtpHost());
            }
            Clock clock = Clock.systemUTC();
            LoggerContext ctx = getConfiguration() == null ? null : getConfiguration().getLoggerContext();
            if (ctx != null && ctx.getObject(CLOCK_KEY) instanceof Clock c) {
                clock = c;
            }
            ResendAlertManager manager = ResendAlertManager.get(ctx == null ? "default" : ctx.getName(), config, clock);
            return new ResendAlertAppender(getName(), getFilter(), getPropertyArray(), threshold, manager, lines[0]);
        }

        private static void integer(String property, String text, List<String> problems,
                                    java.util.function.IntConsumer into) {
            if (text == null || text.isBlank()) {
                return;
            }
            try {
                into.accept(Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                problems.add("'" + property + "' " + text + " is not a number");
            }
        }

        private static void duration(String property, String text, List<String> problems,
                                     java.util.function.Consumer<Duration> into) {
            if (text == null || text.isBlank()) {
                return;
            }
            try {
                into.accept(Durations.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add("'" + property + "': " + e.getMessage());
            }
        }

    }
}
