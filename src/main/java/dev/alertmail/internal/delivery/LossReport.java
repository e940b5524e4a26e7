package dev.alertmail.internal.delivery;

import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.incidents.IncidentStore;
import dev.alertmail.internal.plan.Planner;
import java.time.Duration;
import java.util.List;

/** On stop: whatever could not be delivered is said, with its count. Nothing is lost without a word. */
public final class LossReport {

    private final StatusReporter status;
    private final Counters counters;

    LossReport(StatusReporter status, Counters counters) {
        this.status = status;
        this.counters = counters;
    }

    /** @return the events counted and never in an email, as reported (the baseline for {@link #late}) */
    long report(Outbox outbox, IncidentStore store, Planner planner, Duration timeout) {
        List<OutgoingEmail> all = outbox.remaining();
        List<OutgoingEmail> booked = all.stream().filter(e -> e.bookedInFleet).toList();
        List<OutgoingEmail> left = all.stream().filter(e -> !e.bookedInFleet).toList();
        if (!booked.isEmpty()) { // not lost: Redis has their bytes and keys
            status.warn("alertmail: " + booked.size() + " fleet email(s) not sent before shutdown (" + sum(booked)
                    + ") stay booked in Redis: the fleet's next mailer sends them under their keys");
        }
        List<OutgoingEmail> inFlight = left.stream().filter(e -> e.inFlight).toList();
        List<OutgoingEmail> queued = left.stream().filter(e -> !e.inFlight).toList();
        if (!queued.isEmpty()) {
            counters.emailsFailed.add(queued.size());
            status.error(
                    "alertmail: " + queued.size() + " email(s) not delivered before shutdown (" + sum(queued) + ")");
        }
        if (!inFlight.isEmpty()) {
            status.error("alertmail: shutdownTimeout (" + timeout.toMillis() + " ms) elapsed with " + inFlight.size()
                    + " email(s) still being sent (" + sum(inFlight) + "); they may not have been delivered");
        }
        outbox.clear();
        long unmailed = unmailed(store, planner);
        if (unmailed > 0) {
            status.error(
                    "alertmail: " + unmailed + " events were counted but never made it into an email before shutdown");
        }
        return unmailed;
    }

    /**
     * After {@link #report}: events counted since (a thread that passed its framework's
     * started-check just before the stop) are reported too. Once stopped, nothing books or folds
     * counts any more, so what is unmailed now beyond what was reported is exactly what came late.
     *
     * @return how many were reported now
     */
    long late(IncidentStore store, Planner planner, long alreadyReported) {
        long late = unmailed(store, planner) - alreadyReported;
        if (late > 0) {
            status.error("alertmail: " + late + " events arrived after the appender stopped (after its last email and"
                    + " this report); they were counted but will not be mailed");
        }
        return Math.max(0, late);
    }

    private static long unmailed(IncidentStore store, Planner planner) {
        return planner.unreported(store.incidents(), store.overflow()) + store.unfolded();
    }

    private static String sum(List<OutgoingEmail> emails) {
        long incidents = 0;
        long events = 0;
        for (OutgoingEmail e : emails) {
            incidents += e.incidents;
            events += e.events;
        }
        return incidents + " incidents, " + events + " events not delivered";
    }
}
