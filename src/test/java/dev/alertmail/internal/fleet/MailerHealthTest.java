package dev.alertmail.internal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alertmail.internal.config.StatusReporter;
import dev.alertmail.internal.delivery.SendResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the fleet's mailer steps down, for how long, and that it is said once. Time passed in. */
class MailerHealthTest {

    private final List<String> warnings = new ArrayList<>();
    private final MailerHealth health = new MailerHealth(new StatusReporter() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void error(String message) {
            warnings.add(message);
        }
    });

    @Test
    void threeFailedAttemptsInARowStepDownForThirtySeconds() {
        health.attempted(SendResult.retry("451"), 0);
        health.attempted(SendResult.retry("451"), 1_000);
        health.attempted(SendResult.sent(), 2_000); // a success breaks the run
        health.attempted(SendResult.retry("451"), 3_000);
        health.attempted(SendResult.retry("451"), 4_000);
        assertEquals("1", health.leaseMode(4_000));
        health.attempted(SendResult.retry("451"), 5_000);
        assertEquals("0", health.leaseMode(5_000), "gives the lease up");
        health.released(); // the tick that carried it was answered
        assertEquals("0", health.leaseMode(5_000 + MailerHealth.STEP_DOWN_MS - 1), "leaves it to the others");
        assertEquals("1", health.leaseMode(5_000 + MailerHealth.STEP_DOWN_MS));
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void aPermanentRefusalIsAVerdictOnTheEmailNotOnTheMailer() {
        for (int i = 0; i < 5; i++) {
            health.attempted(SendResult.failed("550"), i);
        }
        assertEquals("1", health.leaseMode(10));
        assertEquals(List.of(), warnings);
    }

    @Test
    void stepDownsAreSaidOnceUntilAFleetEmailIsSent() {
        health.stepDown(0, "its outbox is full");
        health.released();
        health.stepDown(MailerHealth.STEP_DOWN_MS, "its outbox is full");
        assertEquals(1, warnings.size());
        health.attempted(SendResult.sent(), 2 * MailerHealth.STEP_DOWN_MS);
        health.stepDown(3 * MailerHealth.STEP_DOWN_MS, "it could not read the fleet's state from Redis");
        assertEquals(2, warnings.size(), warnings.toString());
    }
}
