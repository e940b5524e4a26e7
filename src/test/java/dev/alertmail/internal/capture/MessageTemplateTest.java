package dev.alertmail.internal.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTemplateTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Charge failed for order ORD-1234 after 85 ms    | Charge failed for order ORD-<int> after <int> ms
            Timeout calling inventory for sku 3f2a9c4e-1b2d-4c3e-9f8a-0123456789ab (attempt 3) | Timeout calling inventory for sku <uuid> (attempt <int>)
            No route to 10.0.12.7:5432                      | No route to <ip>:<int>
            Peer fe80::1ff:fe23:4567:890a went away          | Peer <ip> went away
            Mail to jane.doe+shop@example.co.uk bounced     | Mail to <email> bounced
            Object 5f2b9c0e4a1d3e7f8a9b0c1d not found       | Object <hex> not found
            Bad pointer 0x7ffe12ab                          | Bad pointer <hex>
            Lock held since 2026-06-30T10:11:12.345Z        | Lock held since <date>
            Lock held since 2026-06-30 10:11:12+02:00 by job | Lock held since <date> by job
            Batch of 2026-06-30 failed                      | Batch of <date> failed
            Started at 10:11:12.5 and stopped               | Started at <date> and stopped
            Unknown column 'customer_id' in "field list"    | Unknown column <quoted> in <quoted>
            Can't find user 'bob'                           | Can't find user <quoted>
            Took 42ms on IPv4 with log4j2 and S3            | Took <int>ms on IPv4 with log4j2 and S3
            Order {} failed in step 3                       | Order {} failed in step <int>
            version 1.2.3 of deadbeef                       | version <int>.<int>.<int> of deadbeef
            Temperature -40 and 3.5 units                   | Temperature -<int> and <int>.<int> units
            """)
    void replacesValuesAndKeepsWords(String message, String template) {
        assertEquals(template, MessageTemplate.of(message));
    }

    @Test
    void differentSentencesStayDifferent() {
        List<String> sentences = List.of(
                "Charge failed for order ORD-1",
                "Refund failed for order ORD-1",
                "Timeout calling inventory",
                "Timeout calling pricing",
                "IPv4 address rejected",
                "IPv6 address rejected",
                "Order {} failed",
                "Order {} cancelled");
        for (String a : sentences) {
            for (String b : sentences) {
                if (a != b) {
                    assertNotEquals(MessageTemplate.of(a), MessageTemplate.of(b));
                }
            }
        }
    }

    @Test
    void sameSentenceWithOtherValuesIsTheSameTemplate() {
        for (int i = 0; i < 50; i++) {
            assertEquals(
                    "Timeout calling inventory for sku <uuid> (attempt <int>)",
                    MessageTemplate.of(
                            "Timeout calling inventory for sku " + UUID.randomUUID() + " (attempt " + i + ")"));
        }
    }

    @Test
    void hostileTextCostsLinearTime() {
        String quotes = " '".repeat(5_000);
        String local = "a.".repeat(5_000);
        String colons = "1:".repeat(5_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 1_000; i++) {
                MessageTemplate.of(quotes);
                MessageTemplate.of(local);
                MessageTemplate.of(colons);
            }
        });
        assertEquals(2_000, MessageTemplate.of("x".repeat(10_000)).length(), "reads at most MAX_HASHED_CHARS");
    }
}
