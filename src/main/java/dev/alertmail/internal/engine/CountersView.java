package dev.alertmail.internal.engine;

import dev.alertmail.AlertCounters;
import dev.alertmail.internal.delivery.Counters;

/** The API's live view of an engine's {@link Counters}. */
final class CountersView implements AlertCounters {

    private final Counters c;

    CountersView(Counters c) {
        this.c = c;
    }

    @Override
    public long events() {
        return c.events.sum();
    }

    @Override
    public long eventsDropped() {
        return c.dropped.sum();
    }

    @Override
    public long emailsSent() {
        return c.emailsSent.sum();
    }

    @Override
    public long emailsRetried() {
        return c.emailsRetried.sum();
    }

    @Override
    public long emailsFailed() {
        return c.emailsFailed.sum();
    }

    @Override
    public long emailsDeduplicated() {
        return c.emailsDeduplicated.sum();
    }

    @Override
    public long emailsHeldBack() {
        return c.emailsHeldBack.sum();
    }

    @Override
    public long emailsPending() {
        return c.emailsPending.get();
    }

    @Override
    public String toString() {
        return "events=" + events() + ", emailsSent=" + emailsSent() + ", retried=" + emailsRetried()
                + ", failed=" + emailsFailed() + ", deduplicated=" + emailsDeduplicated()
                + ", heldBack=" + emailsHeldBack() + ", eventsDropped=" + eventsDropped();
    }
}
