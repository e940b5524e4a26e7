package dev.alertmail.internal.plan;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.Setting;
import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.Timeline;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The grouping policy, and nothing else: given the incidents and the time, which email is due
 * and what it reports. No threads, no I/O, no clock of its own (its times are the engine's
 * monotonic milliseconds, never the wall clock's); it alone keeps what has already
 * been reported. {@link #plan} decides without changing anything; {@link #commit} books a plan
 * once its email exists, so an email that could not be built leaves every count unreported.
 *
 * <pre>
 * new incident      waits groupWait for siblings (an immediate marker skips it), then joins the next email
 * any email         at most one per groupInterval, at most maxEmailsPerHour and maxEmailsPerDay in any 24 h
 *                   (held back, never dropped: the next email says how many were held)
 * still firing      mailed again at most once per repeatInterval, with the count since the last email
 * quiet             mailed, nothing new for resolveAfter: listed once as resolved, then forgotten
 * flush (stop)      everything not yet reported, now, whatever the timers and caps say
 * </pre>
 */
public final class Planner {

    /** Resolutions waiting for an email at most. */
    static final int MAX_RESOLVED = 200;

    /** What has been reported of one incident. */
    private static final class Progress {
        final Timeline timeline;
        long reported;
        long lastMailedAt = -1;
        /** When counts not yet reported were first observed; -1 when there are none. */
        long pendingSince = -1;
        /** When counts were last handed to the fleet (they are its to mail, not this member's); -1: never. */
        long handedOverAt = -1;

        Progress(long firstSeen) {
            timeline = new Timeline(firstSeen);
        }

        /**
         * When the incident was last mailed, by this process or — counts handed over — by its fleet
         * (as of the handover): a member mailing alone while Redis is away reports such an incident
         * as a repeat, on the repeat interval, never as new. -1: never.
         */
        long mailedAt() {
            return lastMailedAt >= 0 ? lastMailedAt : handedOverAt;
        }
    }

    private final long groupWait;
    private final long groupInterval;
    private final long repeatInterval;
    private final long resolveAfter;
    private final boolean sendResolved;
    private final SlidingWindowLimit hourly;
    /** {@code null}: no daily cap (maxEmailsPerDay=0). */
    private final @Nullable SlidingWindowLimit daily;

    private final Map<Fingerprint, Progress> progress = new HashMap<>();
    private final List<EmailPlan.Resolved> resolved = new ArrayList<>();
    private long lastEmailAt = -1;
    private long heldBack;
    private boolean holding;
    private Setting heldBy = Setting.MAX_EMAILS_PER_HOUR;

    public Planner(AlertConfig c) {
        this.groupWait = c.groupWait().toMillis();
        this.groupInterval = c.groupInterval().toMillis();
        this.repeatInterval = c.repeatInterval().toMillis();
        this.resolveAfter = c.resolveAfter().toMillis();
        this.sendResolved = c.sendResolved();
        this.hourly = new SlidingWindowLimit(c.maxEmailsPerHour(), 3_600_000L);
        this.daily = c.maxEmailsPerDay() > 0 ? new SlidingWindowLimit(c.maxEmailsPerDay(), 86_400_000L) : null;
    }

    /**
     * Notes newly pending counts and finds the incidents to retire: mailed, fully reported and
     * quiet for {@code resolveAfter}. They are listed as resolved in the next email.
     */
    public List<Retiring> observe(long now, Collection<Incident> incidents, Incident overflow) {
        List<Retiring> retire = new ArrayList<>();
        for (Incident inc : incidents) {
            Progress p = progressOf(inc);
            long count = inc.count();
            p.timeline.observe(count, inc.lastSeen());
            long unreported = count - p.reported;
            if (unreported > 0) {
                if (p.pendingSince < 0) {
                    p.pendingSince = p.mailedAt() < 0 ? inc.firstSeen : now;
                }
            } else if ((p.lastMailedAt >= 0 || p.handedOverAt >= 0) && now - inc.lastSeen() >= resolveAfter) {
                retire.add(new Retiring(inc, p.reported));
                progress.remove(inc.fingerprint);
                if (p.lastMailedAt >= 0 && resolved.size() < MAX_RESOLVED) { // beyond that an email lists no more
                    resolved.add(new EmailPlan.Resolved(
                            inc.fingerprint, inc.sample.title(), count, inc.firstSeen, inc.lastSeen()));
                }
            }
        }
        Progress o = progressOf(overflow);
        if (overflow.count() > o.reported && o.pendingSince < 0) {
            o.pendingSince = now; // not the store's creation time: the overflow must wait like any new incident
        }
        return retire;
    }

    /** An incident to take out of the store, with what had been reported of it. */
    public record Retiring(Incident incident, long reported) {}

    /** The email due now, or {@code null}. Books nothing: only observations and the hourly cap's hold notice. */
    public @Nullable EmailPlan plan(long now, Collection<Incident> incidents, Incident overflow, boolean flush) {
        if (!flush && !due(now, incidents, overflow)) {
            return null; // most ticks end here, having allocated nothing
        }
        List<EmailPlan.Entry> fresh = new ArrayList<>();
        List<EmailPlan.Entry> repeats = new ArrayList<>();
        long windowStart = now;
        List<Incident> all = new ArrayList<>(incidents);
        all.add(overflow);
        for (Incident inc : all) {
            Progress p = progressOf(inc);
            long total = inc.count();
            if (total <= p.reported) {
                continue;
            }
            long lastSeen = inc.lastSeen();
            p.timeline.observe(total, lastSeen);
            boolean mailed = p.mailedAt() >= 0;
            EmailPlan.Entry e = new EmailPlan.Entry(
                    inc, total - p.reported, total, lastSeen, mailed, p.timeline.snapshot(Math.max(now, lastSeen)));
            if (!mailed) {
                windowStart = Math.min(windowStart, p.pendingSince < 0 ? inc.firstSeen : p.pendingSince);
                fresh.add(e); // siblings join, whether or not their own groupWait is over
            } else if (flush || now - p.mailedAt() >= repeatInterval) {
                windowStart = Math.min(windowStart, p.mailedAt());
                repeats.add(e);
            }
        }
        if (flush && fresh.isEmpty() && repeats.isEmpty()) {
            return null;
        }
        Comparator<EmailPlan.Entry> byCount =
                Comparator.comparingLong(EmailPlan.Entry::count).reversed();
        fresh.sort(byCount);
        repeats.sort(byCount);
        fresh.addAll(repeats);
        return new EmailPlan(now, windowStart, List.copyOf(fresh), List.copyOf(resolved), heldBack);
    }

    /** Whether the timers call for an email now: a new incident past groupWait, a repeat, a resolution to send. */
    private boolean due(long now, Collection<Incident> incidents, Incident overflow) {
        if (lastEmailAt >= 0 && now >= lastEmailAt && now - lastEmailAt < groupInterval) {
            return false; // (a time that went back, were one ever fed in, does not hold alerts until it catches up)
        }
        boolean due = sendResolved && !resolved.isEmpty() || isDue(now, overflow);
        for (java.util.Iterator<Incident> it = incidents.iterator(); !due && it.hasNext(); ) {
            due = isDue(now, it.next());
        }
        Setting cap = !due ? null : !hourly.allows(now) ? Setting.MAX_EMAILS_PER_HOUR : capOfTheDay(now);
        if (cap != null) {
            if (!holding) {
                holding = true;
                heldBack++;
                heldBy = cap;
            }
            return false;
        }
        return due;
    }

    private @Nullable Setting capOfTheDay(long now) {
        return daily != null && !daily.allows(now) ? Setting.MAX_EMAILS_PER_DAY : null;
    }

    private boolean isDue(long now, Incident inc) {
        Progress p = progress.get(inc.fingerprint);
        long reported = p == null ? 0 : p.reported;
        if (inc.count() <= reported) {
            return false;
        }
        if (p == null || p.mailedAt() < 0) {
            long since = p == null || p.pendingSince < 0 ? inc.firstSeen : p.pendingSince;
            return inc.immediate() || now - since >= groupWait;
        }
        return now - p.mailedAt() >= repeatInterval;
    }

    /** Emails held back by the hourly or daily cap since the last one; grows by one per hold. */
    public long heldBack() {
        return heldBack;
    }

    /** The cap behind the latest hold: {@code maxEmailsPerHour} or {@code maxEmailsPerDay}. */
    public Setting heldBy() {
        return heldBy;
    }

    /** The email for this plan exists: its counts are reported. */
    public void commit(EmailPlan plan) {
        for (EmailPlan.Entry e : plan.entries()) {
            Progress p = progressOf(e.incident());
            p.reported = e.total();
            p.lastMailedAt = plan.createdAt();
            p.pendingSince = -1;
        }
        resolved.removeAll(plan.resolved());
        lastEmailAt = plan.createdAt();
        hourly.record(plan.createdAt());
        if (daily != null) {
            daily.record(plan.createdAt());
        }
        heldBack = 0;
        holding = false;
    }

    /** What has been reported (mailed, or handed to the fleet) of an incident. */
    public long reported(Incident inc) {
        Progress p = progress.get(inc.fingerprint);
        return p == null ? 0 : p.reported;
    }

    /**
     * Fleet member: these events were handed to the fleet (Redis took them); the fleet's mailer
     * announces them, so this member's own emails leave them out.
     */
    public void handOver(Incident inc, long events, long now) {
        Progress p = progressOf(inc);
        p.reported += events;
        p.handedOverAt = now;
        if (inc.count() <= p.reported) {
            p.pendingSince = -1;
        }
    }

    /**
     * The fleet's mailer taking over, or reading a change: what the fleet has already mailed of an
     * incident. Never less than this copy knows (a Redis restored from an older snapshot would
     * otherwise have the fleet mail counts again).
     */
    public void restore(Incident inc, long reported, long lastMailedAt) {
        Progress p = progressOf(inc);
        p.reported = Math.max(p.reported, reported);
        p.lastMailedAt = Math.max(p.lastMailedAt, lastMailedAt);
        p.pendingSince = -1;
    }

    /** The fleet's mailer taking over: when the fleet last mailed, and its emails of the last 24 hours, oldest first. */
    public void restoreTimers(long lastEmailAt, List<Long> sentInTheLastDay) {
        this.lastEmailAt = lastEmailAt;
        sentInTheLastDay.forEach(hourly::record); // the hourly window lets go of those older than an hour
        if (daily != null) {
            sentInTheLastDay.forEach(daily::record);
        }
    }

    /** Events counted and not yet in any email. */
    public long unreported(Collection<Incident> incidents, Incident overflow) {
        long n = Math.max(0, overflow.count() - progressOf(overflow).reported);
        for (Incident inc : incidents) {
            Progress p = progress.get(inc.fingerprint);
            n += Math.max(0, inc.count() - (p == null ? 0 : p.reported));
        }
        return n;
    }

    /** Each incident with events in no email yet (and not handed to a fleet), with how many: what a journal keeps. */
    public Map<Incident, Long> unmailed(Collection<Incident> incidents, Incident overflow) {
        Map<Incident, Long> out = new java.util.LinkedHashMap<>();
        for (Incident inc : incidents) {
            long n = inc.count() - reported(inc);
            if (n > 0) {
                out.put(inc, n);
            }
        }
        long o = overflow.count() - reported(overflow);
        if (o > 0) {
            out.put(overflow, o);
        }
        return out;
    }

    private Progress progressOf(Incident inc) {
        return progress.computeIfAbsent(inc.fingerprint, f -> new Progress(inc.firstSeen));
    }
}
