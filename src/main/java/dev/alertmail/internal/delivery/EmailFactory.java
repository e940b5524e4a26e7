package dev.alertmail.internal.delivery;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.capture.IncidentSample;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.Timeline;
import dev.alertmail.internal.plan.EmailPlan;
import dev.alertmail.internal.render.EmailRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns a plan into the email the outbox sends: the idempotency key from the JVM's mailing
 * history, the rendering, the MIME bytes. Either all of it succeeds or nothing is booked.
 */
public final class EmailFactory {

    private final AlertConfig config;
    private final HostIdentity hostNames;
    private final KeyHistory ledger;
    private final String audience;
    private final EmailRenderer renderer;
    private final MimeComposer composer;
    private final boolean fleetCopy;

    public EmailFactory(AlertConfig config, HostIdentity hostNames, KeyHistory ledger) {
        this(config, hostNames, ledger, "");
    }

    /**
     * @param keyScope appended to the audience in the key: a fleet member mailing alone (Redis down)
     *                 passes its member id, so that two members' own emails never share a key
     */
    public EmailFactory(AlertConfig config, HostIdentity hostNames, KeyHistory ledger, String keyScope) {
        this(config, hostNames, ledger, keyScope, false);
    }

    /**
     * @param fleetCopy the fleet's mailer mails its copy of the fleet on its own (Redis went away):
     *                  if Redis comes back with those counts the fleet mails them again, and each
     *                  such email says how many errors it may repeat
     */
    public EmailFactory(
            AlertConfig config, HostIdentity hostNames, KeyHistory ledger, String keyScope, boolean fleetCopy) {
        this.fleetCopy = fleetCopy;
        this.config = config;
        this.hostNames = hostNames;
        this.ledger = ledger;
        this.audience = EmailLedger.audience(config) + keyScope;
        this.renderer = new EmailRenderer(config);
        this.composer = new MimeComposer(config);
    }

    OutgoingEmail build(EmailPlan plan) {
        List<Fingerprint> fingerprints = new ArrayList<>(plan.entries().size());
        plan.entries().forEach(e -> fingerprints.add(e.fingerprint()));
        plan.resolved().forEach(r -> fingerprints.add(r.fingerprint()));
        long window =
                plan.wall(plan.createdAt()) / config.groupInterval().toMillis(); // on the wall clock: replicas agree
        return ledger.mail(
                audience,
                fingerprints,
                (parts, salt) -> IdempotencyKeys.derive(
                        config.idempotencyKeyPrefix(),
                        config.environment(),
                        config.application(),
                        window,
                        audience,
                        parts,
                        salt),
                (key, salted) -> email(plan, key, salted));
    }

    /** For the configuration check: one sample alert under a key of its own. */
    OutgoingEmail testEmail(long now) {
        IncidentSample sample = IncidentSample.ofMessage(
                now,
                "dev.alertmail.check",
                Thread.currentThread().getName(),
                "alertmail test alert: if you can read this, alerts from " + config.application() + " reach you");
        Incident incident = new Incident(new Fingerprint(now, 1), sample, now);
        incident.hit(now, false);
        EmailPlan plan = new EmailPlan(
                now,
                now,
                List.of(new EmailPlan.Entry(incident, 1, 1, now, false, new Timeline(now).snapshot(now))),
                List.of(),
                0);
        return email(plan, config.idempotencyKeyPrefix() + "/check/" + UUID.randomUUID(), false);
    }

    /** Shown first: this email may be followed by the fleet's own of the same errors. */
    static String mayRepeat(EmailPlan plan) {
        return "mailed by this host for the whole fleet while the fleet's Redis did not answer: if Redis comes back"
                + " with these counts, the fleet mails them again (may repeat up to " + plan.eventCount()
                + " errors already mailed here)";
    }

    private OutgoingEmail email(EmailPlan plan, String key, boolean saltedKey) {
        EmailRenderer.Rendered r = renderer.render(plan, hostNames.host(), key, fleetCopy ? mayRepeat(plan) : null);
        byte[] mime = composer.compose(
                r,
                key,
                UUID.randomUUID().toString(),
                plan.wall(plan.createdAt()),
                hostNames.localhost(),
                plan.eventCount());
        return new OutgoingEmail(
                mime, key, r.subject(), plan.createdAt(), plan.entries().size(), plan.eventCount(), saltedKey);
    }
}
