package dev.alertmail;

import dev.alertmail.Digest.Entry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The framework-free heart of alertmail. Application threads call {@link #record}: fingerprint,
 * count, return. One worker thread does everything else on a timer: decides when an email is due
 * (group wait / group interval / repeat interval / hourly cap), renders it once, and sends it with
 * retries. Time comes from the injected {@link Clock}, so tests move it by hand.
 */
public final class AlertEngine implements AutoCloseable {

    static final int MAX_OUTBOX = 16;
    static final long MAX_BACKOFF_MS = 5 * 60_000L;
    /** Resend remembers an idempotency key for 24 h; past that a retry could duplicate, so give up. */
    static final long GIVE_UP_AFTER_MS = 23 * 3_600_000L;

    private final AlertConfig config;
    private final Clock clock;
    private final StatusReporter status;
    private final IncidentStore store;
    private final Fingerprinter fingerprinter;
    private final InAppFrames inApp;
    private final AlertRenderer renderer;
    private final SmtpSender sender;
    private final AlertCounters counters = new AlertCounters();
    private final ScheduledExecutorService worker;
    private volatile Thread workerThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean internalErrorReported = new AtomicBoolean();
    private final AtomicBoolean lossReported = new AtomicBoolean();
    private final ObjectName mbeanName;

    // Worker-thread state.
    private final Deque<Outgoing> outbox = new ArrayDeque<>();
    private final Deque<Long> builtThisHour = new ArrayDeque<>();
    private final Deque<Long> sentThisSecond = new ArrayDeque<>();
    private final List<Incident> retiring = new ArrayList<>();
    private long lastEmailAt = -1;
    // Read by close() from another thread when the worker is stuck.
    private final AtomicLong pendingEmails = new AtomicLong();
    private final AtomicLong pendingEvents = new AtomicLong();
    private long heldBack;
    private boolean holding;

    public AlertEngine(AlertConfig config, Clock clock, StatusReporter status, String name) {
        this.config = config;
        this.clock = clock;
        this.status = new MaskingReporter(status, config.password);
        this.inApp = InAppFrames.of(config.inAppPackages);
        this.fingerprinter = new Fingerprinter(inApp);
        this.store = new IncidentStore(config.maxIncidents, clock.millis());
        this.renderer = new AlertRenderer(config);
        this.sender = new SmtpSender(config);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alertmail-sender-" + name);
            t.setDaemon(true); // never keep the JVM alive; stop() is what flushes
            workerThread = t;
            return t;
        });
        // 200 ms keeps an email within a fraction of a second of its due time; a tick with nothing due is a cheap scan
        long tick = Math.max(20, Math.min(200, Math.min(config.groupWait.toMillis(), config.groupInterval.toMillis()) / 5));
        worker.scheduleWithFixedDelay(this::pump, tick, tick, TimeUnit.MILLISECONDS);
        this.mbeanName = registerMBean(name);
    }

    /** JMX visibility is a convenience: failing to register never stops alerting. */
    private ObjectName registerMBean(String name) {
        try {
            MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            for (int i = 0; i < 100; i++) {
                ObjectName on = new ObjectName("dev.alertmail:type=Appender,name="
                        + ObjectName.quote(i == 0 ? name : name + "-" + i));
                if (!server.isRegistered(on)) {
                    server.registerMBean(new Mx(), on);
                    return on;
                }
            }
        } catch (Exception | LinkageError e) {
            status.warn("alertmail: JMX counters not registered: " + e);
        }
        return null;
    }

    private void unregisterMBean() {
        if (mbeanName != null) {
            try {
                java.lang.management.ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (Exception e) {
                // already gone
            }
        }
    }

    /** The JMX view of this engine's counters. */
    private final class Mx implements AlertEngineMXBean {
        @Override public long getEventsSeen() { return counters.events(); }
        @Override public long getIncidentsTracked() { return store.size(); }
        @Override public long getOverflowEvents() { return store.overflow().count(); }
        @Override public long getEmailsSent() { return counters.emailsSent(); }
        @Override public long getEmailsRetried() { return counters.emailsRetried(); }
        @Override public long getEmailsFailed() { return counters.emailsFailed(); }
        @Override public long getEmailsDeduplicated() { return counters.emailsDeduplicated(); }
        @Override public long getEmailsHeldBack() { return counters.emailsHeldBack(); }
        @Override public long getEmailsPending() { return pendingEmails.get(); }
        @Override public long getEventsDropped() { return counters.dropped(); }
    }

    /**
     * Counts one error event. Cheap, lock-free for repeats, never blocks on I/O and never throws.
     *
     * @param messagePattern the unformatted message ({@code "Order {} failed"}), so arguments do not split incidents
     */
    public <E> void record(String loggerName, String messagePattern, Throwable thrown, E event, SampleCapture<E> capture) {
        try {
            long now = clock.millis();
            store.record(fingerprinter.fingerprint(loggerName, messagePattern, thrown), event, capture, now);
            counters.events.increment();
        } catch (Throwable t) { // NOPMD - the application thread must never see our failure
            counters.dropped.increment();
            if (internalErrorReported.compareAndSet(false, true)) {
                status.error("alertmail: could not record an event (further ones are only counted as dropped): " + t);
            }
        }
    }

    /**
     * Loggers whose events never become incidents: the mail libraries and alertmail itself (an
     * alert about failing to send alerts would recurse).
     */
    public static boolean isInternalLogger(String logger) {
        return logger.startsWith("jakarta.mail") || logger.startsWith("org.eclipse.angus")
                || logger.startsWith("dev.alertmail.") || logger.equals("dev.alertmail");
    }

    /** True on the engine's own thread: events logged there must not re-enter (no recursion). */
    public boolean isWorkerThread() {
        return Thread.currentThread() == workerThread;
    }

    public AlertCounters counters() {
        return counters;
    }

    public InAppFrames inAppFrames() {
        return inApp;
    }

    /** Distinct incidents currently tracked (bounded by {@code maxIncidents}). */
    public long trackedIncidents() {
        return store.size();
    }

    /**
     * Runs the timers now on the worker thread (build due emails, send due ones) and returns when
     * done. The worker also does this by itself every second or so; this is for tests and tools.
     */
    public Future<?> runDueWork() {
        return worker.submit(this::pump);
    }

    /**
     * For a configuration check: on the worker thread, connect and authenticate and, with
     * {@code sendTest}, send one sample alert right away. Completes with {@code null} when all
     * worked, otherwise with what went wrong in plain words.
     */
    public Future<String> check(boolean sendTest) {
        return worker.submit(() -> {
            String problem = sender.checkConnection();
            if (problem != null || !sendTest) {
                return problem;
            }
            long now = clock.millis();
            IncidentSample sample = new IncidentSample(now, "ERROR", "dev.alertmail.check", Thread.currentThread().getName(),
                    "alertmail test alert: if you can read this, alerts from " + config.application + " reach you",
                    null, null, List.of(), java.util.Map.of(), List.of());
            Fingerprint fp = new Fingerprint(now, 0);
            Digest d = new Digest(now, now, config.application, config.environment,
                    List.of(new Entry(fp, sample, 1, 1, now, now, false, false)), List.of(), 0,
                    IdempotencyKeys.derive(config.idempotencyKeyPrefix, config.environment, config.application, now,
                            List.of(fp)));
            AlertRenderer.Rendered r = renderer.render(d);
            SmtpSender.SendResult result = sender.send(sender.toMime(r, d.idempotencyKey(), UUID.randomUUID().toString(), now));
            return result.outcome() == SmtpSender.SendResult.Outcome.SENT ? null : result.detail();
        });
    }

    private void pump() {
        try {
            long now = clock.millis();
            plan(now, false);
            sendDue(now);
        } catch (Throwable t) {
            status.error("alertmail: internal error in the sender thread: " + t);
        }
    }

    // ---------------------------------------------------------------- planning

    private void plan(long now, boolean flushAll) {
        reviveRetired();
        if (outbox.size() >= MAX_OUTBOX) {
            return; // pending emails are bounded; incidents keep counting meanwhile
        }
        List<Incident> fresh = new ArrayList<>();
        List<Incident> repeats = new ArrayList<>();
        long earliestNew = Long.MAX_VALUE;
        List<Incident> all = new ArrayList<>(store.incidents());
        all.add(store.overflow());
        for (Incident inc : all) {
            long unreported = inc.count() - inc.reported;
            if (unreported <= 0) {
                if (inc.wasMailed() && inc != store.overflow()
                        && now - inc.lastSeen() >= config.repeatInterval.toMillis()
                        && now - inc.lastMailedAt >= config.repeatInterval.toMillis()) {
                    store.remove(inc); // resolved: quiet for a whole repeat interval
                    retiring.add(inc);
                }
                continue;
            }
            if (!inc.wasMailed()) {
                fresh.add(inc);
                earliestNew = Math.min(earliestNew, inc.firstSeen());
            } else if (flushAll || now - inc.lastMailedAt >= config.repeatInterval.toMillis()) {
                repeats.add(inc);
            }
        }
        boolean due;
        if (flushAll) {
            due = !fresh.isEmpty() || !repeats.isEmpty();
        } else {
            boolean newDue = !fresh.isEmpty() && now - earliestNew >= config.groupWait.toMillis();
            boolean intervalOk = lastEmailAt < 0 || now - lastEmailAt >= config.groupInterval.toMillis();
            due = (newDue || !repeats.isEmpty()) && intervalOk;
        }
        if (!due) {
            return;
        }
        while (!builtThisHour.isEmpty() && now - builtThisHour.peekFirst() >= 3_600_000L) {
            builtThisHour.pollFirst();
        }
        if (!flushAll && builtThisHour.size() >= config.maxEmailsPerHour) {
            if (!holding) {
                holding = true;
                heldBack++;
                counters.emailsHeldBack.increment();
                status.warn("alertmail: maxEmailsPerHour (" + config.maxEmailsPerHour
                        + ") reached; incidents keep counting and go into the next email");
            }
            return;
        }
        enqueue(buildDigest(now, fresh, repeats), now);
    }

    /** Incidents removed as resolved that were hit again while being removed come back. */
    private void reviveRetired() {
        for (Incident inc : retiring) {
            long missed = inc.count() - inc.reported;
            if (missed > 0) {
                Incident current = store.reinstate(inc);
                if (current != inc) {
                    current.add(missed); // a fresh incident took its place: it carries the missed hits
                } else {
                    inc.lastMailedAt = -1; // it fired again after going quiet: report it as new
                }
            }
        }
        retiring.clear();
    }

    private Digest buildDigest(long now, List<Incident> fresh, List<Incident> repeats) {
        Comparator<Entry> byCount = Comparator.comparingLong(Entry::count).reversed();
        List<Entry> entries = new ArrayList<>();
        List<Entry> freshEntries = new ArrayList<>();
        List<Entry> repeatEntries = new ArrayList<>();
        long windowStart = now;
        for (Incident inc : fresh) {
            windowStart = Math.min(windowStart, inc.firstSeen());
            freshEntries.add(snapshot(inc, false, now));
        }
        for (Incident inc : repeats) {
            windowStart = Math.min(windowStart, inc.lastMailedAt); // read before snapshot moves it
            repeatEntries.add(snapshot(inc, true, now));
        }
        freshEntries.sort(byCount);
        repeatEntries.sort(byCount);
        entries.addAll(freshEntries);
        entries.addAll(repeatEntries);
        List<Fingerprint> fingerprints = new ArrayList<>();
        for (Entry e : entries) {
            fingerprints.add(e.fingerprint());
        }
        int shown = Math.min(entries.size(), config.maxIncidentsPerEmail);
        String key = IdempotencyKeys.derive(config.idempotencyKeyPrefix, config.environment, config.application,
                now / config.groupInterval.toMillis(), fingerprints);
        Digest d = new Digest(now, windowStart, config.application, config.environment,
                List.copyOf(entries.subList(0, shown)), List.copyOf(entries.subList(shown, entries.size())),
                heldBack, key);
        lastEmailAt = now;
        builtThisHour.addLast(now);
        heldBack = 0;
        holding = false;
        return d;
    }

    /** Freezes the incident's count into the entry and marks it mailed; later hits go into a later email. */
    private static Entry snapshot(Incident inc, boolean repeat, long now) {
        long total = inc.count();
        long count = total - inc.reported;
        inc.reported = total;
        inc.lastMailedAt = now;
        return new Entry(inc.fingerprint(), inc.sample(), count, total, inc.firstSeen(), inc.lastSeen(), repeat,
                inc.fingerprint().equals(IncidentStore.OVERFLOW));
    }

    private void enqueue(Digest d, long now) {
        AlertRenderer.Rendered r = renderer.render(d);
        byte[] mime = sender.toMime(r, d.idempotencyKey(), UUID.randomUUID().toString(), now);
        outbox.addLast(new Outgoing(mime, d.idempotencyKey(), r.subject(), now, d.incidentCount(), d.eventCount()));
        pendingEmails.incrementAndGet();
        pendingEvents.addAndGet(d.eventCount());
    }

    // ---------------------------------------------------------------- sending

    private void sendDue(long now) {
        for (Iterator<Outgoing> it = outbox.iterator(); it.hasNext(); ) {
            Outgoing o = it.next();
            if (o.notBefore > now) {
                continue;
            }
            while (!sentThisSecond.isEmpty() && now - sentThisSecond.peekFirst() >= 1_000L) {
                sentThisSecond.pollFirst();
            }
            if (sentThisSecond.size() >= config.maxEmailsPerSecond) {
                return; // Resend's rate: the rest waits for the next tick
            }
            sentThisSecond.addLast(now);
            if (attempt(o, now)) {
                it.remove();
            }
        }
    }

    /** One attempt; true when the email is done with (sent, deduplicated or given up). */
    private boolean attempt(Outgoing o, long now) {
        boolean done = attemptOnce(o, now);
        if (done) {
            pendingEmails.decrementAndGet();
            pendingEvents.addAndGet(-o.events);
        }
        return done;
    }

    private boolean attemptOnce(Outgoing o, long now) {
        o.attempts++;
        SmtpSender.SendResult result = closed.get() ? sender.sendDuringShutdown(o.mime) : sender.send(o.mime);
        switch (result.outcome()) {
            case SENT:
                counters.emailsSent.increment();
                status.info("alertmail: sent \"" + o.subject + "\" (" + o.incidents + " incidents, " + o.events
                        + " events, key " + o.key + ", attempt " + o.attempts + ")");
                return true;
            case DEDUPLICATED:
                counters.emailsDeduplicated.increment();
                status.info("alertmail: key " + o.key + " was already used by a peer; counted as deduplicated. Server said: "
                        + result.detail());
                return true;
            case FAILED:
                counters.emailsFailed.increment();
                status.error("alertmail: email dropped after a permanent failure (" + o.incidents + " incidents, "
                        + o.events + " events not delivered): " + result.detail());
                return true;
            case RETRY:
            default:
                if (now - o.createdAt >= GIVE_UP_AFTER_MS) {
                    counters.emailsFailed.increment();
                    status.error("alertmail: giving up on an email after " + o.attempts + " attempts over 23 h ("
                            + o.incidents + " incidents, " + o.events + " events not delivered): " + result.detail());
                    return true;
                }
                counters.emailsRetried.increment();
                long delay = backoff(o.attempts);
                o.notBefore = now + delay;
                status.warn("alertmail: attempt " + o.attempts + " failed, retrying in " + delay + " ms with the same key: "
                        + result.detail());
                return false;
        }
    }

    /** Exponential from 1 s, capped at 5 min, with jitter in [50 %, 100 %] so replicas spread out. */
    static long backoff(int attempts) {
        long base = Math.min(MAX_BACKOFF_MS, 1_000L << Math.min(attempts - 1, 20));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Flushes everything not yet reported into a last email and sends what is pending, within
     * {@code shutdownTimeout}; then stops the worker. Reports what could not be delivered.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long timeoutMs = config.shutdownTimeout.toMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Future<?> flush = worker.submit(() -> finalFlush(deadline));
        try {
            flush.get(timeoutMs + 200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            lossReported.set(true);
            long emails = pendingEmails.get();
            long events = pendingEvents.get() + unreportedEvents();
            counters.emailsFailed.add(emails);
            status.error("alertmail: shutdownTimeout (" + timeoutMs + " ms) elapsed before the flush finished; "
                    + emails + " email(s) and " + events + " event(s) not delivered");
        } finally {
            worker.shutdownNow();
        }
        try {
            // a clean stop leaves no thread behind (a send stuck past its timeouts is a daemon and ends by itself)
            worker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unregisterMBean();
        status.info("alertmail: stopped; " + counters + ", incidents=" + store.size() + ", overflowEvents="
                + store.overflow().count());
    }

    /** Events counted but not yet in any email (approximate when read off the worker thread). */
    private long unreportedEvents() {
        long n = store.overflow().count() - store.overflow().reported;
        for (Incident inc : store.incidents()) {
            n += Math.max(0, inc.count() - inc.reported);
        }
        return Math.max(0, n);
    }

    private void finalFlush(long deadlineNanos) {
        try {
            plan(clock.millis(), true);
            while (!outbox.isEmpty() && System.nanoTime() < deadlineNanos) {
                Outgoing o = outbox.peekFirst();
                if (attempt(o, clock.millis())) {
                    outbox.pollFirst();
                    continue;
                }
                long waitMs = Math.min(o.notBefore - clock.millis(),
                        TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
                if (waitMs > 0) {
                    Thread.sleep(Math.min(waitMs, 1_000)); // shutdown only: nothing else to do on this thread
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            long incidents = 0;
            long events = 0;
            for (Outgoing o : outbox) {
                incidents += o.incidents;
                events += o.events;
            }
            if (!outbox.isEmpty() && lossReported.compareAndSet(false, true)) {
                counters.emailsFailed.add(outbox.size());
                status.error("alertmail: " + outbox.size() + " email(s) not delivered before shutdown ("
                        + incidents + " incidents, " + events + " events)");
            }
            outbox.clear();
            pendingEmails.set(0);
            pendingEvents.set(0);
        }
    }

    /** An email rendered once; every attempt sends these bytes with this key. */
    private static final class Outgoing {
        final byte[] mime;
        final String key;
        final String subject;
        final long createdAt;
        final int incidents;
        final long events;
        int attempts;
        long notBefore;

        Outgoing(byte[] mime, String key, String subject, long createdAt, int incidents, long events) {
            this.mime = mime;
            this.key = key;
            this.subject = subject;
            this.createdAt = createdAt;
            this.incidents = incidents;
            this.events = events;
            this.notBefore = createdAt;
        }
    }

    /** Last line of defence: whatever a status message says, the secret is not in it. */
    private static final class MaskingReporter implements StatusReporter {
        private final StatusReporter delegate;
        private final String secret;

        MaskingReporter(StatusReporter delegate, String secret) {
            this.delegate = delegate;
            this.secret = secret == null || secret.length() < 4 ? null : secret;
        }

        private String mask(String m) {
            return secret == null ? m : m.replace(secret, "****");
        }

        @Override public void info(String message) { delegate.info(mask(message)); }
        @Override public void warn(String message) { delegate.warn(mask(message)); }
        @Override public void error(String message) { delegate.error(mask(message)); }
    }
}
