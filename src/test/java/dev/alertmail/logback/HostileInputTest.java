package dev.alertmail.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.testing.LogbackHarness;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** Log content is attacker-controlled; the API key is a secret. */
class HostileInputTest {

    static final String KEY = "re_CANARY_9f31c0ffee";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("resend", KEY));

    private static final Pattern ACTIVE_MARKUP = Pattern.compile(
            "(?i)<(script|img|svg|iframe)|<[a-z][^>]*\\son\\w+\\s*=|href\\s*=\\s*[\"']?\\s*javascript:");

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    private LogbackHarness app(String... props) {
        Map<String, String> p = new HashMap<>();
        p.put("smtpPort", Integer.toString(greenMail.getSmtp().getPort()));
        p.put("apiKeySecret", KEY);
        for (int i = 0; i < props.length; i += 2) {
            p.put(props[i], props[i + 1]);
        }
        return new LogbackHarness("logback/hostile.xml", p, clock);
    }

    private MimeMessage flushOne(LogbackHarness app) throws Exception {
        app.advance(Duration.ofSeconds(10));
        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertEquals(1, mails.length, app.statusText());
        return mails[0];
    }

    @Test
    void markupInEveryLogDerivedFieldIsInertInTheHtmlPart() throws Exception {
        try (LogbackHarness app = app()) {
            Logger log = app.logger("com.shop.<script>alert('logger')</script>");
            Thread t = new Thread(
                    () -> {
                        MDC.put("<img src=x onerror=alert('key')>", "\" onmouseover=\"alert('value')\" x=\"");
                        try {
                            log.error(
                                    "<a href=\"javascript:alert('msg')\">click</a> <svg onload=alert(1)>",
                                    new IllegalStateException("<iframe src=javascript:alert('ex')></iframe>"));
                        } finally {
                            MDC.clear();
                        }
                    },
                    "<script>alert('thread')</script>");
            t.start();
            t.join();
            MimeMessage mail = flushOne(app);
            String html = Mails.html(mail);
            assertFalse(ACTIVE_MARKUP.matcher(html).find(), html);
            for (String visible : new String[] {
                "alert(&#39;logger&#39;)",
                "alert(&#39;thread&#39;)",
                "alert(&#39;key&#39;)",
                "alert(&#39;value&#39;)",
                "javascript:alert(&#39;msg&#39;)",
                "alert(&#39;ex&#39;)"
            }) {
                assertThat(html).as("%s", "escaped, still readable: " + visible).contains(visible);
            }
        }
    }

    @Test
    void controlCharactersNeverReachAHeaderAndUnicodeSubjectsAreEncoded() throws Exception {
        try (LogbackHarness app =
                app("application", "shop\r\nBcc: evil@example.com", "environment", "prod\u0000\u0007")) {
            app.logger("com.shop.Pay")
                    .error("Zahlung für Bestellung {} fehlgeschlagen — 日本 🚀 שלום\r\nX-Injected: yes", 7);
            MimeMessage mail = flushOne(app);
            String raw = GreenMailUtil.getWholeMessage(mail);
            String subjectHeader = mail.getHeader("Subject", null);
            assertThat(subjectHeader)
                    .as("%s", "RFC 2047 encoded: " + subjectHeader)
                    .contains("=?UTF-8?");
            String subject = mail.getSubject();
            assertThat(subject).contains("Zahlung für Bestellung 7 fehlgeschlagen — 日本 🚀 שלום");
            assertFalse(subject.chars().anyMatch(Character::isISOControl), subject);
            assertTrue(subject.length() <= 200);
            assertEquals(null, mail.getHeader("X-Injected"));
            assertEquals(null, mail.getHeader("Bcc"));
            String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
            assertFalse(headers.contains("\nX-Injected"), headers);
            assertFalse(headers.contains("\nBcc:"), headers);
        }
    }

    @Test
    void monstrousEventsAreCappedAndTheEmailStaysSmall() throws Exception {
        try (LogbackHarness app = app()) {
            Logger log = app.logger("com.shop.Monsters");
            String tenMegabytes = "x".repeat(10 * 1024 * 1024);
            assertDoesNotThrow(() -> {
                log.error(tenMegabytes);
                log.error("deep stack", Shapes.deepStack(5_000));
                log.error("long chain", Shapes.causeChain(100));
                log.error("cycle", Shapes.cyclicChain());
                log.error("suppressed", Shapes.withSuppressed(50));
                log.error(null, new IllegalStateException());
                log.error("null message inside", new RuntimeException((String) null));
                log.error("non-BMP 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 and RTL \u202Eevil\u202C עברית العربية");
                // (a throwable whose getMessage() throws breaks Logback's own ThrowableProxy before any
                // appender runs; StackTracesTest covers our side of it)
            });
            assertEquals(8, app.appender().getEngine().counters().events());
            MimeMessage mail = flushOne(app);
            int size = GreenMailUtil.getWholeMessage(mail).getBytes(StandardCharsets.UTF_8).length;
            assertTrue(size < 1_000_000, "email is " + size + " bytes");
            assertEquals(8, Mails.counts(mail).size());
            String text = Mails.text(mail);
            assertThat(text)
                    .as("%s", "the cyclic chain is rendered (and terminates)")
                    .contains("RuntimeException: a");
            assertThat(text).as("%s", "10 MB message capped").contains("chars cut");
            assertThat(text).as("%s", "non-BMP text intact").contains("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀");
        }
    }

    @Test
    void secretsAreRedactedFromSubjectHtmlAndText() throws Exception {
        try (LogbackHarness app = app()) {
            app.logger("com.shop.Http")
                    .error("call failed: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig "
                            + "url=https://admin:hunter2@db.example.com/x password=swordfish token=abc123def "
                            + "card=4111111111111111 ssn 123-45-6789 key re_livekey_12345678 " + KEY);
            MimeMessage mail = flushOne(app);
            String all = mail.getSubject() + Mails.html(mail) + Mails.text(mail);
            for (String secret : new String[] {
                "eyJhbGciOiJIUzI1NiJ9",
                "hunter2",
                "swordfish",
                "abc123def",
                "4111111111111111",
                "123-45-6789",
                "re_livekey_12345678",
                KEY
            }) {
                assertFalse(all.contains(secret), secret + " leaked");
            }
            assertThat(all).contains("https://admin:[redacted]@db.example.com");
            assertThat(all).contains("password=[redacted]");
        }
    }

    @Test
    void theKeyAppearsNowhereEvenOnAuthFailure() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
        StringBuilder everything = new StringBuilder();
        try {
            greenMail.getUserManager().getUser("resend").setPassword("re_other_key_entirely");
            try (LogbackHarness app = app()) {
                app.logger("com.shop.Pay").error("boom", new IllegalStateException("x"));
                app.advance(Duration.ofSeconds(10));
                everything
                        .append(app.statusText())
                        .append(app.appender())
                        .append(app.appender().getEngine());
                assertEquals(1, app.appender().getEngine().counters().emailsFailed());
                app.close();
                everything.append(app.statusText());
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            greenMail.getUserManager().getUser("resend").setPassword(KEY);
        }
        everything.append(captured.toString(StandardCharsets.UTF_8));
        assertThat(everything.toString()).contains("authentication rejected");
        assertFalse(everything.toString().contains(KEY), "the API key leaked");
    }

    @Test
    void plaintextToARemoteHostIsWarnedAbout() {
        try (LogbackHarness app = new LogbackHarness("logback/bad/plaintext-remote.xml", Map.of(), null)) {
            assertTrue(app.appender().isStarted());
            assertThat(app.statusText())
                    .as("%s", app.statusText())
                    .contains("security=NONE sends alerts and credentials in plaintext to mail.example.com");
        }
    }

    @Test
    void aSecretAcrossTheSizeCapLeavesNoPrefixBehind() throws Exception {
        try (LogbackHarness app = app()) {
            for (int shift = 0; shift < 20; shift += 4) { // the cut lands at different places inside the secret
                String head = "x".repeat(4_000 - 12 + shift) + " ";
                app.logger("com.shop.Secrets" + shift).error(head + "password=hunter2hunter2hunter2 tail");
            }
            MimeMessage mail = flushOne(app);
            String all = Mails.text(mail) + Mails.html(mail);
            assertFalse(all.contains("hunt"), "a prefix of the secret survived the cap");
            assertThat(all).as("%s", "the messages were capped").contains("chars cut");
        }
    }
}
