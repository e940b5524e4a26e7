package dev.alertmail.log4j2;

import dev.alertmail.AlertEngine;
import dev.alertmail.internal.capture.ContextLines;
import dev.alertmail.internal.capture.ThrowableAccess;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.AlertSettings;
import dev.alertmail.internal.config.Setting;
import dev.alertmail.internal.engine.Engine;
import java.lang.reflect.Field;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
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
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.impl.ThrowableProxy;
import org.jspecify.annotations.Nullable;

/**
 * Log4j2 appender {@code <ResendAlert>}: the same alerting as the Logback appender, on the same
 * core, with the same settings. {@link #append} copies what it needs out of the (possibly reused)
 * event and returns; it never blocks, does no I/O and never throws.
 *
 * <pre>{@code
 * <ResendAlert name="ALERTS" from="Alerts <alerts@example.com>" to="oncall@example.com"
 *              application="checkout" environment="prod"/>
 * }</pre>
 */
@Plugin(name = "ResendAlert", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class ResendAlertAppender extends AbstractAppender {

    /** LoggerContext object key for a {@link Clock} used instead of the system clock (tests). */
    public static final String CLOCK_KEY = AlertEngine.CLOCK_KEY;
    /** Environment variable read for the API key when {@code apiKey} is not set. */
    public static final String API_KEY_ENV = AlertSettings.API_KEY_ENV;

    private final Level level;
    private final String immediateMarker;
    private final String ignoreMarker;
    private final ResendAlertManager manager;
    /** This appender among those sharing the manager (one event reaching several counts once). */
    private final long managerBit;

    private final Log4jCapture capture;

    private ResendAlertAppender(
            String name,
            @Nullable Filter filter,
            Property[] properties,
            AlertConfig config,
            ResendAlertManager manager) {
        super(name, filter, null, true, properties);
        this.level = Level.valueOf(config.level().name());
        this.immediateMarker = config.immediateMarker();
        this.ignoreMarker = config.ignoreMarker();
        this.manager = manager;
        this.managerBit = manager.nextAppenderBit();
        this.capture = new Log4jCapture(
                new ContextLines<>(config.contextLines(), Log4jCapture.Slot::new), config.callerData());
    }

    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    @Override
    public void append(LogEvent event) {
        Engine engine = manager.engine();
        String logger = event.getLoggerName();
        if (logger == null) {
            return;
        }
        boolean onItsThread = Log4jCapture.onItsThread(event);
        if (engine.ignores(logger, onItsThread ? null : event.getThreadName())) {
            return; // our own sender's and the mail libraries' logs never re-enter, also behind an async logger
        }
        capture.keep(event, onItsThread); // this event is its thread's newest line
        Marker marker = event.getMarker();
        if (!event.getLevel().isMoreSpecificThan(level)
                || has(marker, ignoreMarker)
                || !manager.firstDelivery(event, managerBit)) {
            return;
        }
        // getFormat(): "Order {} failed", so arguments do not split the incident
        String pattern = event.getMessage() == null ? null : event.getMessage().getFormat();
        Throwable thrown = event.getThrown();
        ThrowableProxy proxy = thrown == null ? event.getThrownProxy() : null;
        boolean immediate = has(marker, immediateMarker);
        if (proxy != null) { // a deserialized event: only the proxy is left
            engine.record(logger, pattern, proxy, Log4jThrowables.ACCESS, event, capture, immediate);
        } else {
            engine.record(logger, pattern, thrown, ThrowableAccess.JDK, event, capture, immediate);
        }
    }

    /** The marker itself or one of its parents. */
    private static boolean has(@Nullable Marker marker, String name) {
        return marker != null && marker.isInstanceOf(name);
    }

    /** The engine behind this appender: its name, counters and configuration check. */
    public AlertEngine getEngine() {
        return manager.engine();
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        boolean stopped = super.stop(timeout, timeUnit, false);
        stopped &= manager.stop(timeout, timeUnit); // under Log4j2's lock for all managers: quick
        manager.closeIfReleased(); // the flush, outside that lock
        setStopped();
        return stopped;
    }

    /**
     * Every setting of the table in docs/configuration.md as an attribute, named as the setting, passed to the core
     * as text. {@code <Redact>} elements add patterns one by one.
     */
    @SuppressWarnings("UnusedVariable") // the attributes are written by Log4j2 and read by build(), both by reflection
    public static final class Builder extends AbstractAppender.Builder<Builder>
            implements org.apache.logging.log4j.core.util.Builder<ResendAlertAppender> {

        @PluginBuilderAttribute(sensitive = true)
        private @Nullable String apiKey;

        @PluginBuilderAttribute
        private @Nullable String from;

        @PluginBuilderAttribute
        private @Nullable String to;

        @PluginBuilderAttribute
        private @Nullable String cc;

        @PluginBuilderAttribute
        private @Nullable String bcc;

        @PluginBuilderAttribute
        private @Nullable String replyTo;

        @PluginBuilderAttribute
        private @Nullable String smtpHost;

        @PluginBuilderAttribute
        private @Nullable String smtpPort;

        @PluginBuilderAttribute
        private @Nullable String security;

        @PluginBuilderAttribute
        private @Nullable String sslTrust;

        @PluginBuilderAttribute
        private @Nullable String username;

        @PluginBuilderAttribute(sensitive = true)
        private @Nullable String password;

        @PluginBuilderAttribute
        private @Nullable String level;

        @PluginBuilderAttribute
        private @Nullable String inAppPackages;

        @PluginBuilderAttribute
        private @Nullable String application;

        @PluginBuilderAttribute
        private @Nullable String environment;

        @PluginBuilderAttribute
        private @Nullable String host;

        @PluginBuilderAttribute
        private @Nullable String release;

        @PluginBuilderAttribute
        private @Nullable String groupWait;

        @PluginBuilderAttribute
        private @Nullable String groupInterval;

        @PluginBuilderAttribute
        private @Nullable String repeatInterval;

        @PluginBuilderAttribute
        private @Nullable String resolveAfter;

        @PluginBuilderAttribute
        private @Nullable String sendResolved;

        @PluginBuilderAttribute
        private @Nullable String maxEmailsPerHour;

        @PluginBuilderAttribute
        private @Nullable String maxEmailsPerDay;

        @PluginBuilderAttribute
        private @Nullable String maxEmailsPerSecond;

        @PluginBuilderAttribute
        private @Nullable String maxIncidents;

        @PluginBuilderAttribute
        private @Nullable String maxIncidentsPerEmail;

        @PluginBuilderAttribute
        private @Nullable String contextLines;

        @PluginBuilderAttribute
        private @Nullable String callerData;

        @PluginBuilderAttribute
        private @Nullable String immediateMarker;

        @PluginBuilderAttribute
        private @Nullable String ignoreMarker;

        @PluginBuilderAttribute
        private @Nullable String connectTimeout;

        @PluginBuilderAttribute
        private @Nullable String timeout;

        @PluginBuilderAttribute
        private @Nullable String shutdownTimeout;

        @PluginBuilderAttribute
        private @Nullable String localhost;

        @PluginBuilderAttribute
        private @Nullable String idempotencyKeyPrefix;

        @PluginBuilderAttribute
        private @Nullable String subject;

        @PluginBuilderAttribute
        private @Nullable String logsUrl;

        @PluginBuilderAttribute
        private @Nullable String redact;

        @PluginBuilderAttribute
        private @Nullable String redactDefaults;

        @PluginBuilderAttribute(sensitive = true)
        private @Nullable String redisUri;

        @PluginBuilderAttribute
        private @Nullable String redisCa;

        @PluginBuilderAttribute
        private @Nullable String stateDir;

        @PluginElement("Redact")
        private RedactPattern @Nullable [] redactPatterns;

        public Builder setApiKey(String v) {
            apiKey = v;
            return this;
        }

        public Builder setFrom(String v) {
            from = v;
            return this;
        }

        public Builder setTo(String v) {
            to = v;
            return this;
        }

        public Builder setCc(String v) {
            cc = v;
            return this;
        }

        public Builder setBcc(String v) {
            bcc = v;
            return this;
        }

        public Builder setReplyTo(String v) {
            replyTo = v;
            return this;
        }

        public Builder setSmtpHost(String v) {
            smtpHost = v;
            return this;
        }

        public Builder setSmtpPort(String v) {
            smtpPort = v;
            return this;
        }

        public Builder setSecurity(String v) {
            security = v;
            return this;
        }

        public Builder setSslTrust(String v) {
            sslTrust = v;
            return this;
        }

        public Builder setUsername(String v) {
            username = v;
            return this;
        }

        public Builder setPassword(String v) {
            password = v;
            return this;
        }

        public Builder setLevel(String v) {
            level = v;
            return this;
        }

        public Builder setInAppPackages(String v) {
            inAppPackages = v;
            return this;
        }

        public Builder setApplication(String v) {
            application = v;
            return this;
        }

        public Builder setEnvironment(String v) {
            environment = v;
            return this;
        }

        public Builder setHost(String v) {
            host = v;
            return this;
        }

        public Builder setRelease(String v) {
            release = v;
            return this;
        }

        public Builder setGroupWait(String v) {
            groupWait = v;
            return this;
        }

        public Builder setGroupInterval(String v) {
            groupInterval = v;
            return this;
        }

        public Builder setRepeatInterval(String v) {
            repeatInterval = v;
            return this;
        }

        public Builder setResolveAfter(String v) {
            resolveAfter = v;
            return this;
        }

        public Builder setSendResolved(String v) {
            sendResolved = v;
            return this;
        }

        public Builder setMaxEmailsPerHour(String v) {
            maxEmailsPerHour = v;
            return this;
        }

        public Builder setMaxEmailsPerDay(String v) {
            maxEmailsPerDay = v;
            return this;
        }

        public Builder setMaxEmailsPerSecond(String v) {
            maxEmailsPerSecond = v;
            return this;
        }

        public Builder setMaxIncidents(String v) {
            maxIncidents = v;
            return this;
        }

        public Builder setMaxIncidentsPerEmail(String v) {
            maxIncidentsPerEmail = v;
            return this;
        }

        public Builder setContextLines(String v) {
            contextLines = v;
            return this;
        }

        public Builder setCallerData(String v) {
            callerData = v;
            return this;
        }

        public Builder setImmediateMarker(String v) {
            immediateMarker = v;
            return this;
        }

        public Builder setIgnoreMarker(String v) {
            ignoreMarker = v;
            return this;
        }

        public Builder setConnectTimeout(String v) {
            connectTimeout = v;
            return this;
        }

        public Builder setTimeout(String v) {
            timeout = v;
            return this;
        }

        public Builder setShutdownTimeout(String v) {
            shutdownTimeout = v;
            return this;
        }

        public Builder setLocalhost(String v) {
            localhost = v;
            return this;
        }

        public Builder setIdempotencyKeyPrefix(String v) {
            idempotencyKeyPrefix = v;
            return this;
        }

        public Builder setSubject(String v) {
            subject = v;
            return this;
        }

        public Builder setLogsUrl(String v) {
            logsUrl = v;
            return this;
        }

        public Builder setRedact(String v) {
            redact = v;
            return this;
        }

        public Builder setRedactDefaults(String v) {
            redactDefaults = v;
            return this;
        }

        public Builder setRedisUri(String v) {
            redisUri = v;
            return this;
        }

        public Builder setRedisCa(String v) {
            redisCa = v;
            return this;
        }

        public Builder setStateDir(String v) {
            stateDir = v;
            return this;
        }

        public Builder setRedactPatterns(RedactPattern... v) {
            redactPatterns = v;
            return this;
        }

        /**
         * Any setting by its property name ({@code "groupWait"}), as text, for programmatic
         * configuration; a repeatable one adds to what is there.
         *
         * @throws IllegalArgumentException for a name that is no property of {@code <ResendAlert>}
         */
        public Builder set(String property, String value) {
            Setting setting = Setting.byProperty(property);
            if (setting == null) {
                throw new IllegalArgumentException("<ResendAlert> has no property '" + property + "'");
            }
            if (setting == Setting.REDACT) { // one pattern each: a comma inside one stays a comma
                RedactPattern[] old = redactPatterns == null ? new RedactPattern[0] : redactPatterns;
                redactPatterns = Arrays.copyOf(old, old.length + 1);
                redactPatterns[old.length] = RedactPattern.of(value);
                return this;
            }
            try {
                Field f = Builder.class.getDeclaredField(setting.property());
                String old = (String) f.get(this);
                f.set(this, setting.isRepeatable() && old != null && !old.isBlank() ? old + "," + value : value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("every setting is an attribute of <ResendAlert>", e);
            }
            return this;
        }

        @Override
        public @Nullable ResendAlertAppender build() {
            AlertSettings settings = new AlertSettings();
            try {
                for (Setting s : Setting.values()) {
                    Field f = Builder.class.getDeclaredField(s.property());
                    settings.set(s, (String) f.get(this));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("every setting is an attribute of <ResendAlert>", e);
            }
            if (redactPatterns != null) {
                for (RedactPattern p : redactPatterns) {
                    settings.set(Setting.REDACT, p.pattern());
                }
            }
            AlertConfig config = settings.toConfig(getName(), new ResendAlertManager.Log4jStatus());
            if (config == null) {
                return null;
            }
            LoggerContext ctx =
                    getConfiguration() == null ? null : getConfiguration().getLoggerContext();
            Object clock = ctx == null ? null : ctx.getObject(AlertEngine.CLOCK_KEY);
            ResendAlertManager manager = ResendAlertManager.get(
                    ctx == null ? "default" : ctx.getName(), config, clock instanceof Clock c ? c : Clock.systemUTC());
            return new ResendAlertAppender(getName(), getFilter(), getPropertyArray(), config, manager);
        }
    }
}
