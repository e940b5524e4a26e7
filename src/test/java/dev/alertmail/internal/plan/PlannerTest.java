package dev.alertmail.internal.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.capture.IncidentSample;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.Setting;
import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.IncidentStore;
import dev.alertmail.testing.TestConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The grouping policy on its own: no threads, no sockets, time passed in. The first test walks
 * docs/how-it-works.md's "How grouping works" timeline line by line.
 */
class PlannerTest {

    private static final long S = 1_000;
    private static final long MIN = 60 * S;
    private static final long H = 60 * MIN;
    private static final long T0 = 1_764_064_800_000L;

    private final List<Incident> incidents = new ArrayList<>();
    private final Incident overflow = new Incident(IncidentStore.OVERFLOW, IncidentSample.overflow(10, T0), T0);
    private Planner planner = new Planner(config(Map.of()));

    private static AlertConfig config(Map<String, String> settings) {
        return TestConfigs.config(settings);
    }

    static IncidentSample sample(String title) {
        return IncidentSample.ofMessage(T0, "com.shop.Checkout", "main", title);
    }

    private Incident incident(String title, long at) {
        Incident i = new Incident(new Fingerprint(title.hashCode(), 1), sample(title), T0 + at);
        incidents.add(i);
        return i;
    }

    private static void hit(Incident i, long at, int times) {
        for (int n = 0; n < times; n++) {
            i.hit(T0 + at, false);
        }
    }

    /** One worker tick: observe, retire, plan; commit when an email is due (as the engine does once it is built). */
    private EmailPlan tick(long at) {
        long now = T0 + at;
        for (Planner.Retiring r : planner.observe(now, incidents, overflow)) {
            incidents.remove(r.incident());
        }
        EmailPlan plan = planner.plan(now, incidents, overflow, false);
        if (plan != null) {
            planner.commit(plan);
        }
        return plan;
    }

    private static String counts(EmailPlan plan) {
        StringBuilder b = new StringBuilder();
        for (EmailPlan.Entry e : plan.entries()) {
            b.append(e.incident().sample.message())
                    .append('×')
                    .append(e.count())
                    .append(e.repeat() ? "(repeat)" : "")
                    .append(' ');
        }
        for (EmailPlan.Resolved r : plan.resolved()) {
            b.append("resolved:").append(r.title()).append(' ');
        }
        return b.toString().trim();
    }

    @Test
    void readmeTimeline() {
        Incident a = incident("A", 0);
        hit(a, 0, 1); // t=0s     first ERROR of incident A
        assertNull(tick(5 * S), "A waits groupWait (10 s) for siblings");
        Incident b = incident("B", 3 * S);
        hit(b, 3 * S, 40); // t=3s     B appears: joins the same email
        hit(a, 8 * S, 1199);
        assertNull(tick(9 * S + 900));
        EmailPlan one = tick(10 * S); // t=10s    email #1: A ×1200, B ×40
        assertEquals("A×1200 B×40", counts(one));
        assertEquals(T0, one.windowStart());

        Incident c = incident("C", 40 * S);
        hit(c, 40 * S, 5); // t=40s    C appears
        hit(a, 40 * S, 300);
        assertNull(tick(50 * S), "new, but groupInterval (1 min) since #1 is not over");
        assertNull(tick(69 * S));
        EmailPlan two = tick(70 * S); // t=70s    email #2: C ×5
        assertEquals("C×5", counts(two), "A keeps counting silently until repeatInterval");

        for (long t = 2 * MIN; t < H + 10 * S; t += MIN) {
            hit(a, t, 140);
            assertNull(tick(t), "nothing new at " + t / S + " s");
        }
        hit(a, H + 9 * S, 440);
        EmailPlan three = tick(H + 10 * S); // t=1h10s  email #3: A "still firing"
        assertEquals(
                "A×9000(repeat) resolved:B",
                counts(three),
                "repeatInterval reached for A; B stopped, quiet for resolveAfter (1 h): listed once as resolved");
        assertEquals(10_200, three.entries().get(0).total());
        assertEquals(10_200, three.entries().get(0).timeline().total(), "the timeline adds up to the count");
        assertFalse(incidents.contains(b), "B is forgotten");

        assertNull(tick(2 * H + 10 * S), "t=2h10s: A quiet since, nothing to say");
        assertNull(tick(3 * H), "C went quiet too; its resolution waits for an email that goes out anyway");
        assertFalse(incidents.contains(a) || incidents.contains(c), "A and C are resolved and forgotten");
        hit(incident("D", 3 * H + S), 3 * H + S, 1);
        EmailPlan four = tick(3 * H + 11 * S);
        assertEquals("D×1 resolved:A resolved:C", counts(four));
    }

    @Test
    void sendResolvedMailsAResolutionOnItsOwn() {
        planner = new Planner(config(Map.of("sendResolved", "true", "resolveAfter", "5m")));
        Incident a = incident("A", 0);
        hit(a, 0, 3);
        assertNotNull(tick(10 * S));
        assertNull(tick(4 * MIN));
        EmailPlan resolved = tick(5 * MIN);
        assertEquals("resolved:A", counts(resolved));
        assertTrue(resolved.entries().isEmpty());
        assertNull(tick(10 * MIN), "listed once");
    }

    @Test
    void theImmediateMarkerSkipsGroupWaitButNotGroupInterval() {
        Incident a = incident("A", 0);
        a.hit(T0, true);
        assertEquals("A×1", counts(tick(S)), "no groupWait");
        Incident b = incident("B", 2 * S);
        b.hit(T0 + 2 * S, true);
        assertNull(tick(3 * S), "groupInterval still holds");
        assertEquals("B×1", counts(tick(61 * S)));
    }

    @Test
    void theOverflowIncidentWaitsLikeAnyNewIncidentAndDoesNotHurrySiblings() {
        hit(overflow, 2 * H, 1); // the overflow incident was created at T0; its first event comes two hours later
        Incident a = incident("A", 2 * H);
        hit(a, 2 * H, 1);
        assertNull(tick(2 * H + S), "neither waits less than groupWait");
        assertEquals(2, tick(2 * H + 10 * S).entries().size());
    }

    @Test
    void theHourlyCapHoldsBackOnceAndTheNextEmailSaysSo() {
        planner = new Planner(config(Map.of("maxEmailsPerHour", "1")));
        hit(incident("A", 0), 0, 1);
        assertNotNull(tick(10 * S));
        hit(incident("B", MIN), MIN, 1);
        assertNull(tick(2 * MIN));
        assertNull(tick(3 * MIN));
        assertEquals(1, planner.heldBack(), "one hold, however many ticks it lasts");
        EmailPlan next = tick(H + 10 * S);
        assertEquals("B×1 resolved:A", counts(next), "A went quiet meanwhile");
        assertEquals(1, next.heldBack());
    }

    @Test
    void theDailyCapHoldsBackUntilTheFirstEmailIs24HoursOld() {
        planner = new Planner(config(Map.of("maxEmailsPerDay", "2")));
        hit(incident("A", 0), 0, 1);
        assertNotNull(tick(10 * S));
        hit(incident("B", 2 * H), 2 * H, 1);
        assertNotNull(tick(2 * H + 10 * S));
        hit(incident("C", 4 * H), 4 * H, 1);
        assertNull(tick(4 * H + 10 * S), "a third email within 24 hours waits");
        assertNull(tick(23 * H));
        assertEquals(1, planner.heldBack(), "one hold, however many ticks it lasts");
        assertEquals(Setting.MAX_EMAILS_PER_DAY, planner.heldBy());
        EmailPlan next = tick(24 * H + 10 * S);
        assertTrue(counts(next).startsWith("C×1"), counts(next));
        assertEquals(1, next.heldBack());
    }

    @Test
    void planningBooksNothingUntilCommitted() {
        Incident a = incident("A", 0);
        hit(a, 0, 7);
        planner.observe(T0 + 10 * S, incidents, overflow);
        EmailPlan first = planner.plan(T0 + 10 * S, incidents, overflow, false);
        EmailPlan again = planner.plan(T0 + 11 * S, incidents, overflow, false);
        assertEquals(7, first.entries().get(0).count());
        assertEquals(
                7, again.entries().get(0).count(), "the email for the first plan was never built: still unreported");
        assertEquals(7, planner.unreported(incidents, overflow));
        planner.commit(again);
        assertEquals(0, planner.unreported(incidents, overflow));
    }

    @Test
    void flushReportsEverythingNowWhateverTheTimers() {
        Incident a = incident("A", 0);
        hit(a, 0, 2);
        assertNotNull(tick(10 * S));
        hit(a, 20 * S, 5);
        hit(incident("B", 20 * S), 20 * S, 1);
        EmailPlan flush = planner.plan(T0 + 21 * S, incidents, overflow, true);
        assertEquals("B×1 A×5(repeat)", counts(flush));
    }

    @Test
    void aWallClockSteppingBackDoesNotHoldAlerts() {
        hit(incident("A", 0), 0, 1);
        assertNotNull(tick(10 * S));
        hit(incident("B", -H), -H, 1); // NTP stepped the clock back an hour
        assertNull(tick(-H + 5 * S));
        assertEquals("B×1", counts(tick(-H + 10 * S)), "not held until the clock catches up with the last email");
    }

    /**
     * A fleet member whose counts the fleet took, mailing alone once Redis is away: an incident it
     * handed over is the fleet's (mailed, or mailed by the fleet's mailer), so its new errors go
     * out as a repeat, on the repeat interval from the handover, never as a new incident.
     */
    @Test
    void anIncidentHandedToTheFleetIsARepeatInTheMembersOwnEmail() {
        Incident orders = incident("Order failed", 0);
        hit(orders, 0, 3);
        planner.observe(T0 + S, incidents, overflow);
        planner.handOver(orders, 3, T0 + S); // the fleet has these three
        hit(orders, 10 * S, 2); // Redis is away now: these two are this member's to mail

        assertNull(tick(MIN), "not new: nothing is due on groupWait");
        EmailPlan repeat = tick(H + S);
        assertNotNull(repeat, "due on the repeat interval from the handover");
        assertEquals(1, repeat.entries().size());
        assertTrue(repeat.entries().get(0).repeat(), "a repeat, still firing");
        assertEquals(2, repeat.entries().get(0).count(), "only what the fleet was not given");
        assertTrue(repeat.resolved().isEmpty());
    }

    /** A Redis restored from an older snapshot tells the mailer less than it knows: it keeps what it knows. */
    @Test
    void whatTheFleetMailedNeverGoesBack() {
        Incident orders = incident("Order failed", 0);
        hit(orders, 0, 6);
        planner.restore(orders, 5, T0 + S);
        planner.restore(orders, 3, T0); // an older state read afterwards
        EmailPlan repeat = tick(H + 2 * S);
        assertNotNull(repeat);
        assertEquals(1, repeat.entries().get(0).count(), "only the sixth, never the fourth and fifth again");
    }
}
