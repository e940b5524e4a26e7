package dev.alertmail.internal.fleet;

import dev.alertmail.internal.config.RedisUri;
import dev.alertmail.internal.config.StatusReporter;
import org.jspecify.annotations.Nullable;

/**
 * What this member knows of Redis: whether it answers (and when to try again), which state it
 * holds (the epoch), and what a loss took with it. Each change is said once: Redis gone (WARN) and
 * back (INFO), a state lost (ERROR with the count the mailer knows, else WARN), a state gone back
 * to an older snapshot (WARN). Under {@code Delivery}'s lock, within {@code RedisFleet}'s exchange.
 */
final class RedisState {

    private static final long MAX_BACKOFF_MS = 8_000;

    private final RedisUri uri;
    private final StatusReporter status;
    private final LeftCopy copy;
    private @Nullable String epoch;
    /** The last batch Redis confirmed; a reply saying it has less means Redis lost it. */
    private long acknowledged;

    private boolean wentBackReported;

    private volatile boolean down;
    private int failures;
    /** While Redis fails, calls wait until then (the engine's clock; a step back of it ends the wait). */
    private long retryAt = Long.MIN_VALUE;
    /** When Redis stopped answering (the engine's clock). */
    private long downSince;

    private boolean stopping;

    RedisState(RedisUri uri, StatusReporter status, LeftCopy copy) {
        this.copy = copy;
        this.uri = uri;
        this.status = status;
    }

    /** Redis failed lately: mail alone, try again after the backoff (engine time). */
    boolean backingOff(long now) {
        return now < retryAt;
    }

    /** The stop: one last try whatever the backoff says, and no grace (what Redis does not take is mailed alone). */
    void lastTry() {
        retryAt = Long.MIN_VALUE;
        stopping = true;
    }

    /**
     * Redis has not answered for less than a lease: the member holds its counts (it neither hands
     * them over nor mails them) instead of mailing alone at the first failed call; a blip costs no
     * email of its own, and a fleet's mailer that is only slow keeps its place.
     */
    boolean inGrace(long now) {
        return down && !stopping && now - downSince < RedisFleet.LEASE_MS;
    }

    boolean down() {
        return down;
    }

    /** Redis answered the tick that carried batch {@code seq} ({@code 0}: an empty one). */
    void answered(TickReply reply, long seq, FleetMailer mailer, Handover handover) {
        String replyEpoch = reply.epoch();
        boolean sameEpoch = epoch == null || epoch.equals(replyEpoch); // a new epoch is reported below
        if (reply.prev() < acknowledged && sameEpoch && !wentBackReported) { // Redis forgot batches it took
            wentBackReported = true;
            status.warn("alertmail: the fleet's state in Redis " + uri + " went back (restored from an older"
                    + " snapshot?): counts handed over since then and not yet mailed are in no email");
        }
        if (seq > 0) { // an empty batch leaves no mark in Redis (an idle tick writes nothing)
            acknowledged = seq;
        }
        if (epoch != null && !epoch.equals(replyEpoch)) {
            lost(mailer, handover.takeUnread());
        }
        copy.drop(); // said just now, or still in Redis (the same state): the fleet mails them
        epoch = replyEpoch;
        if (down) {
            status.info("alertmail: Redis " + uri + " answers again: mailing as one fleet");
        }
        down = false;
        failures = 0;
    }

    /**
     * Redis answers with another state than before. The mailer knows what the fleet had not mailed
     * as it last read it; each member, what it handed over after that read.
     */
    private void lost(FleetMailer mailer, long unread) {
        long gone = mailer.active() ? mailer.unmailedEvents() : copy.unmailedEvents();
        String what = "alertmail: the fleet's state in Redis " + uri + " was lost (flushed, evicted, a key deleted, or"
                + " a restart without persistence): ";
        if (gone > 0) {
            status.error(what + gone + " events the fleet had counted and not mailed (as this member, its mailer, last"
                    + " read them) are in no email");
        }
        if (unread > 0) {
            status.error(what + "up to " + unread + " events this member handed to Redis after the fleet's mailer"
                    + " last read them are in no email");
        }
        if (gone == 0 && unread == 0) {
            status.warn(what + "this member had handed over nothing that the fleet had not mailed or read");
        }
        mailer.drop();
    }

    /** Redis did not answer: back off; the mailer keeps its copy of the fleet, to mail alone after the grace. */
    void failed(RedisConnection.CallFailed f, long now, FleetMailer mailer) {
        copy.keep(mailer.takeCopy());
        failures++;
        retryAt = now + Math.min(MAX_BACKOFF_MS, 500L << Math.min(failures, 5));
        if (!down) {
            down = true;
            downSince = now;
            status.warn("alertmail: Redis " + uri + " does not answer (" + f.getMessage() + "): this member mails"
                    + " on its own after a grace of " + RedisFleet.LEASE_MS / 1000 + " s, until it answers");
        }
    }

    /**
     * While Redis does not answer: what the fleet had not mailed when it went away, as its mailer
     * knew, and what this member handed over after the mailer's last read.
     */
    long stranded(Handover handover) {
        return down ? copy.unmailedEvents() + handover.unreadEvents() : 0;
    }
}
