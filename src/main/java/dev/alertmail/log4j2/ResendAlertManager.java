package dev.alertmail.log4j2;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.engine.Engine;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * Owns one {@link Engine} (incident store, sender thread, outbox). Appenders whose settings
 * are identical share it, and because Log4j2 starts the new configuration before it stops the old
 * one, a reconfiguration hands the very same engine to the new appender: nothing pending is lost,
 * no thread is leaked. The engine is closed (flushed) only when its last appender releases it.
 */
final class ResendAlertManager extends AbstractManager {

    private static final ManagerFactory<ResendAlertManager, Data> FACTORY = (name, data) -> new ResendAlertManager(
            name,
            Engine.builder(data.config)
                    .name(name)
                    .status(new Log4jStatus())
                    .clock(data.clock)
                    .start());

    private final Engine engine;
    /** The last event this thread recorded, so one event reaching two appenders of this manager counts once. */
    private final ThreadLocal<LastEvent> last = ThreadLocal.withInitial(LastEvent::new);

    private final AtomicInteger appenderBits = new AtomicInteger();
    /** Set under Log4j2's manager lock when the last appender let go; the engine is closed outside it. */
    private volatile boolean released;

    private ResendAlertManager(String name, Engine engine) {
        super(null, name);
        this.engine = engine;
    }

    /**
     * @param contextName the LoggerContext's name: managers are shared within one context (and
     *                    across its reconfigurations), never between separate contexts such as two webapps
     */
    static ResendAlertManager get(String contextName, AlertConfig config, Clock clock) {
        String name = "ResendAlert[" + contextName + "/" + config.smtpHost() + ":" + config.smtpPort() + "#"
                + config.identity().substring(0, 16) + "]";
        return getManager(name, FACTORY, new Data(config, clock));
    }

    Engine engine() {
        return engine;
    }

    /** A bit per appender of this manager, for {@link #firstDelivery}: which ones saw the thread's current event. */
    long nextAppenderBit() {
        return 1L << (appenderBits.getAndIncrement() & 63);
    }

    /**
     * False when this thread just recorded this very event through another appender sharing the
     * manager. Log4j2 calls the appenders of one event one after the other on the logging thread,
     * each once; so a call from an appender that already saw the thread's current event is a new
     * event, however alike the two look. Garbage-free Log4j2 reuses one event and one message
     * object per thread, and a millisecond clock gives consecutive events the same instant: what
     * the event says (identities, logger, level, marker, format, instant) only tells a new event
     * by a difference — equal fields alone never merge two events. (What is left: a filter on the
     * appenders that lets the first of two events, alike in all of these, reach only one of them
     * and the second only another.)
     *
     * @param appender the calling appender's bit ({@link #nextAppenderBit})
     */
    boolean firstDelivery(LogEvent e, long appender) {
        if (getCount() < 2) {
            return true; // one appender: every call is a new event
        }
        LastEvent l = last.get();
        int event = System.identityHashCode(e);
        Message m = e.getMessage();
        int message = System.identityHashCode(m);
        int format = m == null ? 0 : System.identityHashCode(m.getFormat());
        int thrown = System.identityHashCode(e.getThrown());
        int logger = System.identityHashCode(e.getLoggerName());
        int marker = System.identityHashCode(e.getMarker());
        int level = e.getLevel() == null ? 0 : e.getLevel().intLevel();
        long millis = e.getTimeMillis();
        int nanos = e.getInstant().getNanoOfMillisecond();
        if ((l.seen & appender) == 0
                && l.event == event
                && l.message == message
                && l.format == format
                && l.thrown == thrown
                && l.logger == logger
                && l.marker == marker
                && l.level == level
                && l.millis == millis
                && l.nanos == nanos) {
            l.seen |= appender;
            return false;
        }
        l.seen = appender;
        l.event = event;
        l.message = message;
        l.format = format;
        l.thrown = thrown;
        l.logger = logger;
        l.marker = marker;
        l.level = level;
        l.millis = millis;
        l.nanos = nanos;
        return true;
    }

    /** Identities only: the thread's last event must not be kept alive by us. */
    private static final class LastEvent {
        long seen; // the appenders that saw it
        int event;
        int message;
        int format;
        int thrown;
        int logger;
        int marker;
        int level;
        long millis;
        int nanos;
    }

    /**
     * The last appender let go: under {@code AbstractManager.LOCK}, Log4j2's one lock for creating
     * and releasing every manager of the JVM, so nothing slow happens here. The flush (up to
     * {@code shutdownTimeout}, against a server that may stall) is {@link #closeIfReleased}'s, which
     * the releasing appender calls right after, outside the lock.
     */
    @Override
    protected boolean releaseSub(long timeout, TimeUnit timeUnit) {
        released = true;
        return true;
    }

    /** Outside Log4j2's lock, after {@link #stop}: flushes and closes the engine if that released the manager. */
    void closeIfReleased() {
        if (released) {
            engine.close(); // once: close() is idempotent
        }
    }

    private record Data(AlertConfig config, Clock clock) {}

    /** Log4j2's internal status logger: never a Logger that could route back into us. */
    static final class Log4jStatus implements StatusReporter {
        private static final StatusLogger STATUS = StatusLogger.getLogger();

        @Override
        public void info(String message) {
            STATUS.info(message);
        }

        @Override
        public void warn(String message) {
            STATUS.warn(message);
        }

        @Override
        public void error(String message) {
            STATUS.error(message);
        }
    }
}
