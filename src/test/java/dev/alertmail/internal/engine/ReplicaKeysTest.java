package dev.alertmail.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.internal.capture.ThrowableAccess;
import dev.alertmail.internal.delivery.EmailLedger;
import dev.alertmail.internal.delivery.HostIdentity;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.RecordingStatus;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.ScriptedSmtpServer;
import dev.alertmail.testing.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replicas are separate processes, each with its own mailing history: played here by engines with
 * their own {@link EmailLedger}, over real SMTP to a server with Resend's idempotency semantics.
 */
class ReplicaKeysTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();
    /**
     * One clock per replica, as separate processes have: each replica's time moves only when the
     * test runs it, so its worker's own tick (every 200 ms) can never send ahead of the order the
     * test sets (with one shared clock, a slow first send let another replica's tick go first).
     */
    private final Map<Engine, MutableClock> clocks = new java.util.HashMap<>();

    private final List<Engine> engines = new ArrayList<>();

    private Engine replica() {
        MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
        Engine e = new Engine(
                TestConfigs.config(Map.of(
                        "smtpHost",
                        "127.0.0.1",
                        "smtpPort",
                        Integer.toString(smtp.port()),
                        "environment",
                        "prod",
                        "application",
                        "checkout")),
                "replica",
                new RecordingStatus(),
                clock,
                new EmailLedger(),
                null,
                plan -> {},
                HostIdentity.DNS);
        engines.add(e);
        clocks.put(e, clock);
        return e;
    }

    @AfterEach
    void stop() {
        engines.forEach(Engine::close);
    }

    private static void errors(Engine e, String logger, String pattern, int n) {
        for (int i = 0; i < n; i++) {
            e.record(logger, pattern, null, ThrowableAccess.JDK, pattern, (ev, b) -> b.message(() -> ev), false);
        }
    }

    /** Moves this replica's clock by {@code d}, then runs its timers. */
    private void run(Engine e, Duration d) throws Exception {
        clocks.get(e).advance(d);
        e.runDueWork().get(30, TimeUnit.SECONDS);
    }

    private static ScriptedSmtpServer.Received sentWith(List<ScriptedSmtpServer.Received> tried, String summary) {
        for (ScriptedSmtpServer.Received r : tried) {
            try {
                if (dev.alertmail.testing.Mails.text(r.parse()).startsWith(summary)) {
                    return r;
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no email says " + summary);
    }

    @Test
    void replicasReportingTheSameIncidentsInTheSameWindowShareOneIdempotencyKey() throws Exception {
        smtp.expectReplicas();
        Engine replicaA = replica();
        Engine replicaB = replica();
        Engine other = replica();
        errors(replicaA, "com.shop.Orders", "Order {} failed", 3);
        errors(replicaB, "com.shop.Orders", "Order {} failed", 5); // other counts, same incidents
        errors(other, "com.shop.Orders", "Order {} failed", 1);
        errors(other, "com.shop.Stock", "Stock sync failed", 1);
        run(replicaA, Duration.ofSeconds(10));
        run(replicaB, Duration.ofSeconds(10));
        run(other, Duration.ofSeconds(10));

        List<ScriptedSmtpServer.Received> tried = smtp.server().received();
        assertEquals(3, tried.size());
        // by content, not arrival: a worker's own tick may send before the next run() does
        ScriptedSmtpServer.Received fromA = sentWith(tried, "3 errors in 1 incident");
        ScriptedSmtpServer.Received fromB = sentWith(tried, "5 errors in 1 incident");
        String keyA = fromA.header("Resend-Idempotency-Key");
        String keyB = fromB.header("Resend-Idempotency-Key");
        String keyOther = sentWith(tried, "2 errors in 2 incidents").header("Resend-Idempotency-Key");
        assertTrue(keyA.matches("[A-Za-z0-9._/-]{1,256}"), keyA);
        assertTrue(keyA.startsWith("alertmail/prod/checkout/"), keyA);
        assertEquals(keyA, keyB);
        assertNotEquals(keyA, keyOther);

        String refA = fromA.header("X-Entity-Ref-ID");
        String refB = fromB.header("X-Entity-Ref-ID");
        assertTrue(refA != null && refB != null && !refA.equals(refB), "X-Entity-Ref-ID is unique per email");
        assertEquals(2, smtp.getReceivedMessages().length, "Resend delivers the replicas' alert once");
        assertEquals(1, replicaB.counters().emailsDeduplicated(), "B's refusal: a peer already sent it");
        assertEquals(0, replicaB.counters().emailsFailed());

        run(replicaB, Duration.ofMinutes(5));
        assertEquals(3, smtp.server().received().size(), "a refused duplicate is not retried");
        assertEquals(0, replicaB.counters().emailsRetried());
        assertEquals(1, replicaA.counters().emailsSent());
    }
}
