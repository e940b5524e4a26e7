package dev.alertmail.internal.fleet;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.capture.IncidentSample;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.delivery.EmailFactory;
import dev.alertmail.internal.delivery.FleetLink;
import dev.alertmail.internal.delivery.HostIdentity;
import dev.alertmail.internal.delivery.IdempotencyKeys;
import dev.alertmail.internal.delivery.KeyHistory;
import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.IncidentSource;
import dev.alertmail.internal.incidents.IncidentStore;
import dev.alertmail.internal.plan.EmailPlan;
import dev.alertmail.internal.plan.Planner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mailer's copy of the fleet's incidents, rebuilt from Redis when a member becomes the
 * mailer and kept current from what changed each tick. Its planner runs the usual timers and caps
 * over the fleet; its key history is the fleet's (how often the fleet mailed each incident), so a
 * mailer taking over derives the keys its predecessor would have. Worker thread (or the stopping
 * thread at the final flush), under {@code Delivery}'s lock.
 */
final class FleetMirror implements IncidentSource, KeyHistory {

    static final String OVERFLOW_HEX = IncidentStore.OVERFLOW.toHex();

    /** One incident as Redis holds it. */
    record Row(
            String fp,
            long count,
            long first,
            long last,
            boolean immediate,
            Map<String, Long> hosts,
            long reported,
            long mailedAt,
            long timesMailed) {}

    private final Map<Fingerprint, Incident> incidents = new LinkedHashMap<>();
    /** Incidents whose sample has not arrived yet: they join (and can be mailed) once it has. */
    private final Map<String, Row> waiting = new LinkedHashMap<>();

    private final Map<Fingerprint, Long> timesMailed = new HashMap<>();
    private final List<String> toForget = new ArrayList<>();
    private final Incident overflow;
    final Planner planner;
    final EmailFactory emails;
    final FleetLink.Lane lane;

    /**
     * Part of every key this mailer derives, from the state's epoch: after a loss the fleet's
     * history starts again, and its keys must repeat no earlier email's (Resend would refuse one).
     */
    private final int epochSalt;

    private final AlertConfig config;
    private final HostIdentity names;

    FleetMirror(AlertConfig config, HostIdentity names, long now, String epoch) {
        this.config = config;
        this.names = names;
        this.epochSalt = epoch.hashCode() | 1; // never 0
        this.planner = new Planner(config);
        this.emails = new EmailFactory(config, names, this);
        this.overflow = new Incident(IncidentStore.OVERFLOW, IncidentSample.overflow(config.maxIncidents(), now), now);
        this.lane = new FleetLink.Lane(this, planner, emails);
    }

    /**
     * This copy mailed by its member on its own, Redis gone: the same planner (its timers and what
     * was mailed), keys of the member's own that no fleet email shares, and a note in each email
     * that the fleet may mail its errors again if Redis comes back with them.
     */
    FleetLink.Lane aloneLane(String member) {
        return new FleetLink.Lane(this, planner, new EmailFactory(config, names, this, "|fleet-copy:" + member, true));
    }

    /** Everything Redis holds, read when this member became the mailer. */
    void restore(List<Row> rows, long lastEmailAt, List<Long> hourly) {
        planner.restoreTimers(lastEmailAt, hourly);
        rows.forEach(this::update);
    }

    /** An incident's new absolute state (a member published to it). */
    void update(Row row) {
        if (row.fp().equals(OVERFLOW_HEX)) {
            mirror(overflow, row);
            return;
        }
        Fingerprint fp = Fingerprint.fromHex(row.fp());
        Incident known = incidents.get(fp);
        if (known != null) {
            mirror(known, row);
        } else {
            waiting.merge(
                    row.fp(),
                    row,
                    (old, now) -> new Row(
                            now.fp(),
                            now.count(),
                            now.first(),
                            now.last(),
                            now.immediate(),
                            now.hosts().isEmpty() ? old.hosts() : now.hosts(),
                            Math.max(old.reported(), now.reported()),
                            Math.max(old.mailedAt(), now.mailedAt()),
                            Math.max(old.timesMailed(), now.timesMailed())));
        }
    }

    private void mirror(Incident incident, Row row) {
        incident.mirror(row.count(), row.last(), row.immediate(), row.hosts());
        if (row.mailedAt() >= 0 && row.reported() > 0) {
            planner.restore(incident, row.reported(), row.mailedAt());
        }
        if (row.timesMailed() > 0) {
            timesMailed.merge(incident.fingerprint, row.timesMailed(), Math::max);
        }
    }

    /** Incidents waiting for their sample, at most {@code max}: asked for on the next tick. */
    List<String> wantedSamples(int max) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = waiting.keySet().iterator(); it.hasNext() && out.size() < max; ) {
            out.add(it.next());
        }
        return out;
    }

    boolean complete() {
        return waiting.isEmpty();
    }

    int waitingIncidents() {
        return waiting.size();
    }

    /** Events the fleet counted and has not mailed, as this copy knows them. */
    long unmailedEvents() {
        long n = waitingEvents() + Math.max(0, overflow.count() - planner.reported(overflow));
        for (Incident inc : incidents.values()) {
            n += Math.max(0, inc.count() - planner.reported(inc));
        }
        return n;
    }

    /** The fleet has incidents not yet resolved: the mailer reads it at every tick until they are. */
    boolean tracking() {
        return !incidents.isEmpty() || !waiting.isEmpty() || overflow.count() > planner.reported(overflow);
    }

    /** Incidents with events the fleet has not mailed (those waiting for their sample included). */
    int unmailedIncidents() {
        int n = waiting.size() + (overflow.count() > planner.reported(overflow) ? 1 : 0);
        for (Incident inc : incidents.values()) {
            n += inc.count() > planner.reported(inc) ? 1 : 0;
        }
        return n;
    }

    long waitingEvents() {
        long n = 0;
        for (Row r : waiting.values()) {
            n += Math.max(0, r.count() - r.reported());
        }
        return n;
    }

    /** A sample arrived ({@code ""} when no member sent one): the incident joins the plan. */
    void sampleArrived(String fpHex, String json) {
        Row row = waiting.remove(fpHex);
        if (row == null) {
            return;
        }
        IncidentSample sample;
        try {
            sample = json.isEmpty() ? placeholder(row) : SampleCodec.decode(json);
        } catch (RuntimeException e) {
            sample = placeholder(row);
        }
        Fingerprint fp = Fingerprint.fromHex(fpHex);
        Incident incident = new Incident(fp, sample, row.first());
        incidents.put(fp, incident);
        mirror(incident, row);
    }

    private static IncidentSample placeholder(Row row) {
        return IncidentSample.ofMessage(
                row.first(),
                "unknown",
                "unknown",
                "(no member of the fleet sent a sample of incident " + row.fp() + ")");
    }

    /** The email for this plan is booked in Redis: the fleet mailed these incidents once more. */
    void booked(EmailPlan plan) {
        plan.entries().forEach(e -> timesMailed.merge(e.fingerprint(), 1L, Long::sum));
        // a resolved incident left the copy: no entry kept for the term (Redis counts it; a return reads it there)
        plan.resolved().forEach(r -> timesMailed.remove(r.fingerprint()));
    }

    /** Quiet incidents Redis may forget, as {@code fp, reported} pairs; taken once. */
    List<String> takeForgotten() {
        List<String> out = new ArrayList<>(toForget);
        toForget.clear();
        return out;
    }

    @Override
    public <T> T mail(String audience, List<Fingerprint> fingerprints, Keys keys, Build<T> build) {
        List<IdempotencyKeys.Part> parts = new ArrayList<>(fingerprints.size());
        for (Fingerprint f : fingerprints) {
            parts.add(new IdempotencyKeys.Part(f, timesMailed.getOrDefault(f, 0L)));
        }
        // booked by the caller once Redis has it (book.lua); the epoch's salt is no forgotten history
        return build.email(keys.derive(parts, epochSalt), false);
    }

    @Override
    public Collection<Incident> incidents() {
        return incidents.values();
    }

    @Override
    public Incident overflow() {
        return overflow;
    }

    @Override
    public void foldLateHits(long now) {
        // a mirror is written by the worker only: nothing lands late
    }

    @Override
    public void retire(Incident incident, long reported) {
        incidents.remove(incident.fingerprint);
        timesMailed.remove(incident.fingerprint);
        toForget.add(incident.fingerprint.toHex());
        toForget.add(Long.toString(reported));
    }
}
