package com.example.shop;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.alertmail.AlertCounters;
import dev.alertmail.AlertEngine;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's script, whichever framework runs it: embedded SMTP unless RESEND_API_KEY is set,
 * two waves of errors, a stop that flushes, a summary, and an .html copy of every email.
 */
abstract class Demo {

    /** What the two frameworks do differently. */
    abstract void configure(Path config) throws Exception;

    abstract AlertEngine engine();

    abstract void stopLogging();

    /** alertmail's status lines at WARN or above. */
    abstract List<String> problems();

    final void run(Path config, Path out) throws Exception {
        boolean real = System.getenv("RESEND_API_KEY") != null;
        GreenMail smtp = null;
        if (real) {
            require("ALERT_FROM");
            require("ALERT_TO");
        } else {
            smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            System.setProperty("ALERT_SMTP_HOST", "127.0.0.1");
            System.setProperty(
                    "ALERT_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
            System.setProperty("ALERT_SMTP_SECURITY", "NONE");
        }
        configure(config);
        if (engine() == null) {
            problems().forEach(System.out::println);
            throw new IllegalStateException("the ALERTS appender did not start; see the messages above");
        }
        Logger narrator = LoggerFactory.getLogger("demo");
        narrator.info(
                real
                        ? "Sending through Resend SMTP for real"
                        : "No RESEND_API_KEY: delivering to an embedded SMTP server on 127.0.0.1:"
                                + smtp.getSmtp().getPort());

        long started = System.nanoTime();
        Storm storm = new Storm();
        narrator.info("Wave 1: {} request threads hit a dying database and a slow payment gateway", Storm.THREADS);
        storm.wave(0, 6_000);
        Thread.sleep(3_000); // past groupWait (2 s): the first digest goes out
        narrator.info("Wave 2: a pricing bug ships; the old errors continue");
        storm.wave(1, 4_000);
        Thread.sleep(5_000); // past groupInterval (4 s): the second digest goes out
        narrator.info("Stopping the logging framework: alertmail flushes whatever is still pending");
        AlertCounters counters = engine().counters();
        long incidents = engine().incidentsTracked();
        List<String> problemsBeforeStop = problems();
        stopLogging();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        System.out.println();
        System.out.println("=== alertmail demo summary ===");
        System.out.printf(
                "events logged:     %,d ERRORs from %d threads in %,d ms (and %,d marked NO_ALERT)%n",
                storm.logged(), Storm.THREADS, elapsedMs, storm.ignored());
        System.out.printf("events counted:    %,d%n", counters.events());
        System.out.printf("incidents:         %d distinct fingerprints%n", incidents);
        System.out.printf(
                "emails sent:       %d (retried %d, failed %d)%n",
                counters.emailsSent(), counters.emailsRetried(), counters.emailsFailed());
        problemsBeforeStop.forEach(System.out::println);
        boolean ok = counters.events() == storm.logged() && counters.emailsFailed() == 0 && counters.emailsSent() > 0;
        if (smtp != null) {
            MimeMessage[] mails = smtp.getReceivedMessages();
            writeCopies(mails, out);
            smtp.stop();
            ok &= mails.length == counters.emailsSent();
        }
        if (!ok) {
            System.out.println("FAILED: not every event was counted or not every email arrived");
            System.exit(1);
        }
    }

    private static void writeCopies(MimeMessage[] mails, Path out) throws Exception {
        Files.createDirectories(out);
        System.out.printf("emails received:   %d by the embedded SMTP server%n", mails.length);
        int n = 1;
        for (MimeMessage m : mails) {
            File html = out.resolve("email-" + n + ".html").toFile();
            Files.writeString(html.toPath(), htmlPart(m), StandardCharsets.UTF_8);
            System.out.printf(
                    "  #%d %s%n     key %s%n     copy %s%n",
                    n, m.getSubject(), m.getHeader("Resend-Idempotency-Key", null), html.getAbsolutePath());
            n++;
        }
    }

    private static String htmlPart(MimeMessage m) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.isMimeType("text/html")) {
                return (String) p.getContent();
            }
        }
        return "";
    }

    private static void require(String env) {
        if (System.getenv(env) == null) {
            throw new IllegalStateException("RESEND_API_KEY is set, so " + env + " must be set too");
        }
    }

    static Path arg(String[] args, int i, String fallback) {
        return Path.of(args.length > i ? args[i] : fallback);
    }
}
