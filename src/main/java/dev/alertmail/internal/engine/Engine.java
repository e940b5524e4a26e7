package dev.alertmail.internal.engine;

import dev.alertmail.AlertCounters;
import dev.alertmail.AlertEngine;
import dev.alertmail.CheckResult;
import dev.alertmail.FleetStatus;
import dev.alertmail.internal.capture.Fingerprinter;
import dev.alertmail.internal.capture.FrameClassifier;
import dev.alertmail.internal.capture.OwnLoggers;
import dev.alertmail.internal.capture.SampleBuilder;
import dev.alertmail.internal.capture.SampleCapture;
import dev.alertmail.internal.capture.ThrowableAccess;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.MaskingReporter;
import dev.alertmail.internal.config.Redactor;
import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.delivery.Counters;
import dev.alertmail.internal.delivery.Delivery;
import dev.alertmail.internal.delivery.EmailFactory;
import dev.alertmail.internal.delivery.EmailLedger;
import dev.alertmail.internal.delivery.EmailTransport;
import dev.alertmail.internal.delivery.HostIdentity;
import dev.alertmail.internal.delivery.SmtpTransport;
import dev.alertmail.internal.delivery.Ticker;
import dev.alertmail.internal.fleet.Fleets;
import dev.alertmail.internal.incidents.IncidentStore;
import dev.alertmail.internal.journal.Journal;
import dev.alertmail.internal.plan.EmailPlan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The core behind one appender. Application threads {@link #record} an event: fingerprint, count,
 * return. One worker thread does the rest on a tick ({@link Delivery}: plan, build once, send and
 * retry). {@link #close} flushes within {@code shutdownTimeout} and says what it could not
 * deliver. Time comes from the injected {@link Clock}, so tests move it by hand: its timers run on
 * monotonic time ({@link Ticker}: {@code System.nanoTime()} with the system clock), the wall
 * clock only shows times and names the key's window, so a wall clock stepped back holds nothing.
 *
 * <pre>
 * append ─▶ Fingerprinter ─▶ IncidentStore (Caffeine, exact counts)
 * worker ─▶ Planner (due? what?) ─▶ EmailFactory (key, view, HTML+text, MIME) ─▶ Outbox ─▶ EmailTransport (SMTP)
 * </pre>
 */
public final class Engine implements AlertEngine {

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long a stop waits for the start-up lookup of this machine's name at most (a quarter of shutdownTimeout if less). */
    private static final long MAX_WAIT_FOR_DNS_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AlertConfig config;
    private final Ticker ticker;
    private final StatusReporter status;
    private final Counters counters = new Counters();
    private final AlertCounters counterView = new CountersView(counters);
    private final Fingerprinter fingerprinter;
    private final SampleBuilder.Factory samples;
    private final IncidentStore store;
    private final Delivery delivery;
    private final HostIdentity hostNames;
    private final Journal journal;
    private final ScheduledExecutorService worker;
    private final String name;
    private final String workerName;
    private volatile @Nullable Thread workerThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean recordErrorReported = new AtomicBoolean();
    private final JmxRegistration jmx;

    /**
     * @param ledger      the mailing history keys are made of: {@link EmailLedger#JVM}; tests of replicas pass their own
     * @param transport   {@code null}: SMTP as configured; tests of planning and retrying pass a fake
     * @param beforeBuild runs before each email is built; tests make it throw
     * @param resolver    how this machine's name is looked up: {@link HostIdentity#DNS}; tests pass a slow one
     */
    Engine(
            AlertConfig config,
            String name,
            StatusReporter status,
            Clock clock,
            EmailLedger ledger,
            @Nullable EmailTransport transport,
            Consumer<EmailPlan> beforeBuild,
            HostIdentity.Resolver resolver) {
        this.config = config;
        this.name = name;
        this.ticker = Ticker.of(clock);
        // the SMTP password (API key) and the fleet's Redis password never reach a status line or an email
        String redisPassword =
                config.redisUri() == null || config.redisUri().password == null ? "" : config.redisUri().password;
        this.status = new MaskingReporter(new MaskingReporter(status, redisPassword), config.password());
        FrameClassifier frames = new FrameClassifier(config.inAppPackages());
        this.fingerprinter = new Fingerprinter(frames);
        List<Pattern> redact = new ArrayList<>(config.redact());
        if (redisPassword.length() >= 4) {
            redact.add(Pattern.compile(Pattern.quote(redisPassword)));
        }
        this.samples = new SampleBuilder.Factory(frames, new Redactor(redact, config.password()));
        this.store = new IncidentStore(config.maxIncidents(), ticker.monotonicMillis());
        HostIdentity hostNames = new HostIdentity(config, System.getenv("HOSTNAME"), resolver);
        this.hostNames = hostNames;
        this.journal = new Journal(config, this.status, clock, ticker, ledger);
        this.delivery = new Delivery(
                config,
                clock,
                ticker,
                this.status,
                counters,
                store,
                new EmailFactory(
                        config, hostNames, journal.keys(), config.redisUri() == null ? "" : "|member:" + memberId()),
                transport != null ? transport : new SmtpTransport(config, hostNames),
                beforeBuild,
                Fleets.join(config, this.status, hostNames, clock));
        this.workerName = "alertmail-sender-" + name + "-" + THREADS.incrementAndGet();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, workerName);
            t.setDaemon(true); // never keeps the JVM alive; close() is what flushes
            workerThread = t;
            return t;
        });
        worker.execute(() -> delivery.resend(journal.start(store))); // first: what earlier lives left, their keys
        worker.execute(hostNames::lookUp); // at start, off the logging thread: later sends never wait for DNS
        // 200 ms keeps an email within a fraction of a second of its due time; an idle tick is a cheap scan
        long tick = Math.max(
                20,
                Math.min(
                        200,
                        Math.min(
                                        config.groupWait().toMillis(),
                                        config.groupInterval().toMillis())
                                / 5));
        worker.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        this.jmx = new JmxRegistration(name, new EngineJmxView(this), this.status);
    }

    /** Worker thread: release marks, the timers, then this life's journal if it changed. */
    private void tick() {
        journal.mark(store);
        delivery.tick();
        journal.save(delivery::unsent);
    }

    /** A fleet member's own emails (Redis down) are its own: keyed apart from every other member's. */
    private static String memberId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** Starts an engine for {@code config}; the adapters' way in. */
    public static EngineBuilder builder(AlertConfig config) {
        return new EngineBuilder(Objects.requireNonNull(config, "config"));
    }

    /**
     * Counts one event. Cheap (a repeat allocates nothing), never blocks on I/O, never throws.
     *
     * @param pattern   the unformatted message ({@code "Order {} failed"}), so arguments do not split incidents
     * @param thrown    the event's throwable, read through {@code access} ({@link ThrowableAccess#JDK} for a Throwable)
     * @param immediate the event carries the immediate marker: its incident skips {@code groupWait}
     */
    public <E, T, F> void record(
            String logger,
            @Nullable String pattern,
            @Nullable T thrown,
            ThrowableAccess<T, F> access,
            E event,
            SampleCapture<E> capture,
            boolean immediate) {
        try {
            long now = ticker.monotonicMillis();
            store.record(fingerprinter.of(logger, pattern, thrown, access), event, capture, samples, now, immediate);
            counters.events.increment();
            if (closed.get()) { // counted, then checked: close() either saw this count or the check sees close
                delivery.reportLate();
            }
        } catch (RuntimeException | Error e) { // the application thread must never see our failure
            recordFailed(e);
        }
    }

    private void recordFailed(Throwable e) {
        counters.dropped.increment();
        if (recordErrorReported.compareAndSet(false, true)) {
            status.error("alertmail: could not record an event (further ones are only counted as dropped): " + e);
        }
    }

    /**
     * True for an event that must never become an incident (an alert about failing to send alerts
     * would recurse): one logged on this engine's own worker, or appended elsewhere for it
     * ({@code loggedOnThread}: the event's thread name when an async appender hands it to another
     * thread, else {@code null}), or one from the mail and Redis libraries or alertmail itself.
     */
    public boolean ignores(String logger, @Nullable String loggedOnThread) {
        return Thread.currentThread() == workerThread
                || workerName.equals(loggedOnThread)
                || OwnLoggers.contains(logger);
    }

    /** The worker thread's name (unique in the JVM). */
    public String senderThreadName() {
        return workerName;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AlertCounters counters() {
        return counterView;
    }

    @Override
    public FleetStatus fleet() {
        return delivery.fleetStatus(ticker.monotonicMillis());
    }

    @Override
    public long incidentsTracked() {
        return store.size();
    }

    long overflowEvents() {
        return store.overflow().count();
    }

    /** Runs the timers now on the worker thread; the worker does this by itself every tick. Tests reach it through their fixture. */
    Future<?> runDueWork() {
        return worker.submit(this::tick);
    }

    /** Tests: dies like a killed process: the worker stops, nothing is flushed, the journal is let go unwritten. */
    void crash() throws InterruptedException {
        closed.set(true);
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        journal.abandon();
        jmx.unregister();
    }

    @Override
    public Future<CheckResult> check(boolean sendTest) {
        return worker.submit(() -> new CheckResult(delivery.check(sendTest)));
    }

    /**
     * Flushes everything not yet reported into a last email and sends what is pending, within
     * {@code shutdownTimeout}, from this thread (a send the worker has in flight does not hold it
     * up); then reports, with counts, whatever could not be delivered.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        // A start-up lookup still waiting on DNS gets a moment, outside every lock; after that the
        // last email carries a fallback name rather than missing the deadline.
        hostNames.awaitLookup(
                Math.min(MAX_WAIT_FOR_DNS_NANOS, config.shutdownTimeout().toNanos() / 4));
        delivery.resend(journal.start(store)); // a stop before the worker's first task: earlier lives' keys too
        delivery.flushAndStop(deadline);
        worker.shutdownNow();
        try {
            // a clean stop leaves no thread behind (a send stuck past its timeouts is a daemon and ends by itself)
            worker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.stop(store); // the key history stays for the next life
        jmx.unregister();
        status.info("alertmail: stopped; " + counterView + ", incidents=" + store.size() + ", overflowEvents="
                + store.overflow().count());
    }
}
