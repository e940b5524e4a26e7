package dev.alertmail.internal.fleet;

import dev.alertmail.internal.delivery.FleetLink;
import dev.alertmail.internal.plan.EmailPlan;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The copy of the fleet a mailer held when Redis stopped answering. What the fleet counted and
 * had not mailed is mailed from it after the grace, by this member alone, instead of waiting in a
 * Redis that may never come back; each of its emails says the fleet may mail those errors again
 * if Redis returns with them. Under {@code Delivery}'s lock.
 */
final class LeftCopy {

    private final Supplier<String> member;
    private @Nullable FleetMirror copy;
    private FleetLink.@Nullable Lane lane;

    LeftCopy(Supplier<String> member) {
        this.member = member;
    }

    /** Redis stopped answering; {@code mirror} is the mailer's copy, or {@code null} on a member that did not mail. */
    void keep(@Nullable FleetMirror mirror) {
        if (mirror != null) {
            copy = mirror;
            lane = mirror.aloneLane(member.get());
        }
    }

    /** Redis answers again (its state is the fleet's once more), or answered with a lost state. */
    void drop() {
        copy = null;
        lane = null;
    }

    /** The copy to mail alone, or {@code null}. */
    FleetLink.@Nullable Lane lane() {
        return lane;
    }

    /** Events of the copy not yet mailed (by it, or by the fleet before Redis went away). */
    long unmailedEvents() {
        FleetMirror c = copy;
        return c == null ? 0 : c.unmailedEvents();
    }

    /** An email of the copy is queued: nothing to book, Redis is away. */
    boolean mailed(EmailPlan plan) {
        FleetMirror c = copy;
        if (c == null) {
            return false;
        }
        c.booked(plan);
        return true;
    }
}
