package dev.alertmail.internal.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.capture.IncidentSample;
import dev.alertmail.internal.capture.IncidentSample.TraceLine;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.AlertSettings;
import dev.alertmail.internal.delivery.MimeComposer;
import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.Timeline;
import dev.alertmail.internal.plan.EmailPlan;
import jakarta.mail.Header;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Thousands of random hostile events through render + MIME: no exception, valid MIME, clean headers. */
class RenderFuzzTest {

    private static final String[] PIECES = {
        "<script>",
        "</pre>",
        "<img src=x onerror=alert(1)>",
        "\"",
        "'",
        "&",
        "&amp;",
        "\r\n",
        "\n",
        "\r",
        "\u0000",
        "\u0007",
        "\u001b[31m",
        "\u2028",
        "\u202E",
        "\uD83D\uDE00",
        "\uD83D",
        "\uDE00",
        "javascript:alert(1)",
        "=?UTF-8?B?SGk=?=",
        "Bcc: x@example.com",
        "%env",
        "%count",
        "$1",
        "\\",
        "ünï",
        "日本",
        "ﷺ",
        " ",
        "\t",
        "x".repeat(300)
    };
    private static final Pattern ACTIVE = Pattern.compile("(?i)<(script|img|svg|iframe)|<[a-z][^>]*\\son\\w+\\s*=");

    private final Random random = new Random(20261125L);

    private String hostile() {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            if (random.nextBoolean()) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            } else {
                b.append((char) random.nextInt(0x10000));
            }
        }
        return b.toString();
    }

    private IncidentSample sample() {
        List<TraceLine> trace = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            trace.add(new TraceLine(hostile(), random.nextBoolean()));
        }
        return new IncidentSample(
                1_764_064_800_000L,
                "ERROR",
                hostile(),
                hostile(),
                hostile(),
                random.nextBoolean() ? hostile() : null,
                random.nextBoolean() ? hostile() : null,
                trace,
                Map.of(hostile() + "k", hostile()),
                List.of(hostile()),
                random.nextBoolean() ? hostile() : null,
                null);
    }

    @Test
    void randomHostileDigestsRenderToValidMimeWithCleanHeaders() throws Exception {
        AlertConfig config = new AlertSettings()
                .set("smtpHost", "127.0.0.1")
                .set("smtpPort", "2525")
                .set("security", "NONE")
                .set("from", "alerts@example.com")
                .set("to", "oncall@example.com")
                .set("application", "app<\r\n>")
                .set("environment", "env\u0000")
                .set("release", hostile())
                .set("logsUrl", "https://logs.example.com/?q={fingerprint}&from={from}")
                .set("redact", "secret\\d+")
                .toConfig();
        EmailRenderer renderer = new EmailRenderer(config);
        MimeComposer composer = new MimeComposer(config);
        Session parser = Session.getInstance(new Properties());
        long t0 = 1_764_064_800_000L;
        for (int i = 0; i < 3_000; i++) {
            List<EmailPlan.Entry> entries = new ArrayList<>();
            for (int e = 1 + random.nextInt(4); e > 0; e--) {
                Incident inc = new Incident(new Fingerprint(random.nextLong(), random.nextLong()), sample(), t0);
                Timeline timeline = new Timeline(t0);
                timeline.observe(1_000, t0 + random.nextInt(60_000));
                entries.add(new EmailPlan.Entry(
                        inc,
                        1 + random.nextInt(1000),
                        1_000,
                        t0 + 1_000,
                        random.nextBoolean(),
                        timeline.snapshot(t0 + 60_000)));
            }
            EmailPlan d = new EmailPlan(t0 + 60_000, t0, entries, List.of(), 0);
            EmailRenderer.Rendered r = renderer.render(d, hostile(), "alertmail/env/app/1/abc");
            byte[] mime =
                    composer.compose(r, "alertmail/env/app/1/abc", "ref-" + i, d.createdAt(), "alerts.example.com");

            MimeMessage parsed = new MimeMessage(parser, new ByteArrayInputStream(mime));
            parsed.getContent(); // parses the multipart
            for (Enumeration<Header> h = parsed.getAllHeaders(); h.hasMoreElements(); ) {
                Header header = h.nextElement();
                assertFalse(
                        header.getValue().chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\r' && c != '\n'),
                        header.getName() + ": " + header.getValue());
            }
            String subject = parsed.getSubject();
            assertFalse(subject.chars().anyMatch(Character::isISOControl), subject);
            assertTrue(subject.length() <= SubjectLine.MAX_SUBJECT);
            assertFalse(ACTIVE.matcher(r.html()).find(), r.html());
        }
    }
}
