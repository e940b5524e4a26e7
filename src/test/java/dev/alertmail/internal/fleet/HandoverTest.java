package dev.alertmail.internal.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.capture.IncidentSample;
import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.IncidentSource;
import dev.alertmail.internal.incidents.IncidentStore;
import dev.alertmail.internal.plan.Planner;
import dev.alertmail.testing.TestConfigs;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stop that cannot wait for the worker's exchange in flight: the batch on the wire may still
 * reach Redis, so the stop hands it over in doubt instead of mailing it alone too. Whatever the
 * exchange then does, those events are announced at most once, and said when never confirmed.
 */
class HandoverTest {

    private static final long T0 = 1_764_064_800_000L;

    private final Incident orders = new Incident(
            new Fingerprint(1, 1), IncidentSample.ofMessage(T0, "com.shop.Orders", "main", "Order failed"), T0);
    private final Incident overflow = new Incident(IncidentStore.OVERFLOW, IncidentSample.overflow(10, T0), T0);
    private final Planner planner = new Planner(TestConfigs.config(Map.of()));
    private final IncidentSource local = new IncidentSource() {
        @Override
        public Collection<Incident> incidents() {
            return List.of(orders);
        }

        @Override
        public Incident overflow() {
            return overflow;
        }

        @Override
        public void foldLateHits(long now) {}

        @Override
        public void retire(Incident incident, long reported) {}
    };

    private Handover.Batch inFlight(Handover handover) {
        for (int i = 0; i < 4; i++) {
            orders.hit(T0, false);
        }
        Handover.Batch batch = handover.next(local, planner);
        handover.sending(batch); // the worker's round trip has begun
        return batch;
    }

    @Test
    void theBatchOfAnAbandonedExchangeIsNotMailedAloneAndCountsOnceWhenRedisTakesIt() {
        Handover handover = new Handover();
        Handover.Batch batch = inFlight(handover);
        handover.abandonInFlight(planner, T0 + 1); // the stop gives up waiting
        assertThat(planner.reported(orders))
                .as("not this member's to mail alone")
                .isEqualTo(4);
        assertThat(handover.unconfirmedEvents())
                .as("said at stop unless Redis confirms")
                .isEqualTo(4);

        handover.taken(batch, planner, T0 + 2); // the worker's exchange then goes through
        assertThat(planner.reported(orders)).as("handed over once, not twice").isEqualTo(4);
        assertThat(handover.unconfirmedEvents()).isZero();
    }

    @Test
    void anExchangeSettledBeforeTheStopLeavesNothingToAbandon() {
        Handover handover = new Handover();
        Handover.Batch batch = inFlight(handover);
        handover.taken(batch, planner, T0 + 1);
        handover.abandonInFlight(planner, T0 + 2);
        assertThat(planner.reported(orders)).isEqualTo(4);
        assertThat(handover.unconfirmedEvents()).isZero();
    }
}
