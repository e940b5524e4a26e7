package dev.alertmail.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.testing.Adapter;
import dev.alertmail.testing.AlertApp;
import dev.alertmail.testing.Failures;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.TestLog;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Legacy code builds its messages by concatenation: the values are inside the "pattern". Through a
 * real logback.xml and log4j2.xml, 400 such errors from two call sites are two incidents (before
 * message templates: 400), each email sample keeping the first real message.
 */
class ConcatenatedMessagesTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void fourHundredConcatenatedErrorsFromTwoSitesAreTwoIncidents(Adapter adapter) throws Exception {
        Random random = new Random(21);
        String firstSku = null;
        try (AlertApp app = adapter.start("plain", Map.of("smtpPort", Integer.toString(smtp.port())), clock)) {
            TestLog log = app.log("com.shop.Payments");
            for (int i = 0; i < 200; i++) {
                long id = 100_000 + random.nextInt(900_000);
                long ms = random.nextInt(30_000);
                log.error("Charge failed for order ORD-" + id + " after " + ms + " ms", Failures.fromSiteA(i));
            }
            for (int n = 0; n < 200; n++) {
                String sku = UUID.randomUUID().toString();
                firstSku = firstSku == null ? sku : firstSku;
                log.error("Timeout calling inventory for sku " + sku + " (attempt " + (n % 5 + 1) + ")");
            }
            assertEquals(400, app.engine().counters().events());
            app.advance(Duration.ofSeconds(10));

            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertEquals(List.of(200L, 200L), Mails.counts(mail));
            String text = Mails.text(mail);
            assertTrue(
                    text.contains("Timeout calling inventory for sku " + firstSku + " (attempt 1)"),
                    "the sample is the first real message:\n" + text);
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void twoSentencesWithTheSameValuesStayTwoIncidents(Adapter adapter) throws Exception {
        try (AlertApp app = adapter.start("plain", Map.of("smtpPort", Integer.toString(smtp.port())), clock)) {
            TestLog log = app.log("com.shop.Payments");
            for (int i = 0; i < 30; i++) {
                log.error("Charge failed for order ORD-" + i);
                log.error("Refund failed for order ORD-" + i);
                log.error("Refund failed for order " + i + " of customer 'c-" + i + "'");
            }
            app.advance(Duration.ofSeconds(10));
            assertEquals(List.of(30L, 30L, 30L), Mails.counts(smtp.getReceivedMessages()[0]));
        }
    }
}
