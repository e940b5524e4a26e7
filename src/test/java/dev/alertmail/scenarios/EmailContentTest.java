package dev.alertmail.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.testing.Adapter;
import dev.alertmail.testing.AlertApp;
import dev.alertmail.testing.Failures;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import dev.alertmail.testing.ScriptedSmtpServer;
import dev.alertmail.testing.TestLog;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Idempotency keys, byte-identical retries and escaping, through both adapters. */
class EmailContentTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private AlertApp app(Adapter adapter, int port) {
        return adapter.start("plain", Map.of("smtpPort", Integer.toString(port)), clock);
    }

    private static void orderFailures(TestLog log, int n) {
        for (int i = 0; i < n; i++) {
            log.error("Order {} failed", i, Failures.fromSiteA(i));
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void aRetryResendsTheSameBytesWithTheSameKey(Adapter adapter) throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.plain()
                        .replyToData(
                                "451 4.3.0 Temporary failure, try again", "421 4.7.0 Too many requests, rate limit");
                AlertApp app = app(adapter, server.port())) {
            orderFailures(app.log("com.shop.Orders"), 2);
            app.advance(Duration.ofSeconds(10));
            app.advance(Duration.ofSeconds(1)); // first backoff is at most 1 s
            app.advance(Duration.ofSeconds(2)); // second at most 2 s

            assertEquals(3, server.received().size());
            ScriptedSmtpServer.Received first = server.received().get(0);
            for (ScriptedSmtpServer.Received r : server.received()) {
                assertEquals(first.header("Resend-Idempotency-Key"), r.header("Resend-Idempotency-Key"));
                assertEquals(first.data(), r.data(), "byte-for-byte the same email");
            }
            assertEquals(1, app.engine().counters().emailsSent());
            assertEquals(2, app.engine().counters().emailsRetried());
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void precedingLinesOfTheSameThreadAreShownAsContext(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter, smtp.port())) {
            TestLog log = app.log("com.shop.Checkout");
            Thread other = new Thread(() -> log.info("another thread's line"));
            other.start();
            other.join();
            for (int i = 1; i <= 12; i++) {
                log.info("step " + i); // reused/mutable events must be copied, not kept
            }
            log.error("Checkout failed", Failures.fromSiteA(1));
            app.advance(Duration.ofSeconds(10));
            String text = Mails.text(smtp.getReceivedMessages()[0]);
            assertFalse(text.contains("step 2 "), "only the last 10 lines");
            assertFalse(text.contains("another thread's line"), text);
            int last = -1;
            for (int i = 3; i <= 12; i++) {
                int at = text.indexOf("INFO com.shop.Checkout - step " + i + "\n");
                assertTrue(at > last, "step " + i + " in order:\n" + text);
                last = at;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void logContentIsEscapedInHtmlAndCannotReachTheHeaders(Adapter adapter) throws Exception {
        try (AlertApp app = app(adapter, smtp.port())) {
            app.mdc("user", "\"><script>alert('mdc')</script>");
            try {
                app.log("com.shop.<b>Evil</b>")
                        .error(
                                "<script>alert(1)</script>\r\nBcc: victim@example.com",
                                new IllegalArgumentException("<img src=x onerror=alert(2)>"));
            } finally {
                app.mdc("user", null);
            }
            app.advance(Duration.ofSeconds(10));

            MimeMessage mail = smtp.getReceivedMessages()[0];
            String html = Mails.html(mail);
            assertFalse(html.contains("<script"), html);
            assertFalse(html.contains("<img"), html);
            assertFalse(html.contains("<b>Evil"), html);
            assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(html).contains("&lt;img src=x onerror=alert(2)&gt;");
            assertThat(html).contains("&quot;&gt;&lt;script&gt;alert(&#39;mdc&#39;)");

            assertThat(Mails.text(mail))
                    .as("%s", "the text part keeps the raw text")
                    .contains("<script>alert(1)</script>");
            String subject = mail.getSubject();
            assertFalse(subject.contains("\r") || subject.contains("\n"), subject);
            assertTrue(subject.length() <= 200);
            assertNull(mail.getHeader("Bcc"));
            assertEquals(1, mail.getAllRecipients().length);
        }
    }
}
