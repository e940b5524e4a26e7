package com.example.shop;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.alertmail.AlertCounters;
import dev.alertmail.logback.ResendAlertAppender;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A checkout service having a bad day: a database pool runs dry, the payment gateway times out,
 * and a pricing bug throws, from several request threads at once. Every ERROR goes to the
 * alertmail appender configured in {@code examples/logback.xml}.
 *
 * <p>Without {@code RESEND_API_KEY} the emails go to an embedded SMTP server on 127.0.0.1 and an
 * {@code .html} copy of each is written out; with it (plus {@code ALERT_FROM} and {@code ALERT_TO})
 * they go through Resend for real.
 */
public final class StormDemo {

    private static final Logger NARRATOR = LoggerFactory.getLogger("demo");
    private static final int THREADS = 4;

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args.length > 0 ? args[0] : "examples/logback.xml");
        Path out = Path.of(args.length > 1 ? args[1] : "alertmail-out");
        boolean real = System.getenv("RESEND_API_KEY") != null;

        GreenMail smtp = null;
        if (real) {
            require("ALERT_FROM");
            require("ALERT_TO");
        } else {
            smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            System.setProperty("ALERT_SMTP_HOST", "127.0.0.1");
            System.setProperty("ALERT_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
            System.setProperty("ALERT_SMTP_SECURITY", "NONE");
        }
        LoggerContext logback = configure(config);
        ResendAlertAppender appender = (ResendAlertAppender) logback.getLogger("ROOT").getAppender("ALERTS");
        if (appender == null || !appender.isStarted()) {
            printAlertmailStatus(logback, Status.INFO);
            throw new IllegalStateException("the ALERTS appender did not start; see the messages above");
        }
        NARRATOR.info(real ? "Sending through Resend SMTP for real" : "No RESEND_API_KEY: delivering to an embedded SMTP server on 127.0.0.1:"
                + smtp.getSmtp().getPort());

        long started = System.nanoTime();
        AtomicLong logged = new AtomicLong();
        NARRATOR.info("Wave 1: {} request threads hit a dying database and a slow payment gateway", THREADS);
        storm(logged, 0, 6_000);
        Thread.sleep(3_000); // past groupWait (2 s): the first digest goes out
        NARRATOR.info("Wave 2: a pricing bug ships; the old errors continue");
        storm(logged, 1, 4_000);
        Thread.sleep(5_000); // past groupInterval (4 s): the second digest goes out
        NARRATOR.info("Stopping Logback: alertmail flushes whatever is still pending");
        AlertCounters counters = appender.getEngine().counters();
        long incidents = appender.getEngine().trackedIncidents();
        logback.stop();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        System.out.println();
        System.out.println("=== alertmail demo summary ===");
        System.out.printf("events logged:     %,d ERRORs from %d threads in %,d ms%n", logged.get(), THREADS, elapsedMs);
        System.out.printf("events counted:    %,d%n", counters.events());
        System.out.printf("incidents:         %d distinct fingerprints%n", incidents);
        System.out.printf("emails sent:       %d (retried %d, failed %d)%n", counters.emailsSent(), counters.emailsRetried(),
                counters.emailsFailed());
        printAlertmailStatus(logback, Status.WARN);
        boolean ok = counters.events() == logged.get() && counters.emailsFailed() == 0 && counters.emailsSent() > 0;
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

    /** Each thread: INFO lines as context, then errors from three code paths, in proportion. */
    private static void storm(AtomicLong logged, int wave, int perThread) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int worker = t;
            Thread thread = new Thread(() -> {
                CheckoutService checkout = new CheckoutService();
                for (int i = 0; i < perThread; i++) {
                    String order = "ord-" + worker + "-" + i;
                    MDC.put("orderId", order);
                    MDC.put("requestId", Long.toHexString(order.hashCode() & 0xffffffffL));
                    try {
                        checkout.checkout(order, wave, i);
                    } catch (RuntimeException e) {
                        // already logged by the service
                    } finally {
                        MDC.clear();
                    }
                    logged.incrementAndGet();
                }
            }, "http-nio-8080-exec-" + (t + 1));
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** The application code whose failures we alert on. */
    static final class CheckoutService {
        private static final Logger LOG = LoggerFactory.getLogger(CheckoutService.class);
        private static final Logger REPO = LoggerFactory.getLogger("com.example.shop.OrderRepository");
        private static final Logger PAY = LoggerFactory.getLogger("com.example.shop.PaymentClient");

        void checkout(String order, int wave, int i) {
            LOG.info("Checkout started for {} (card={})", order, "4111111111111111");
            try {
                if (wave == 1 && i % 4 == 0) {
                    price(order, null);
                } else if (i % 3 == 0) {
                    charge(order);
                } else {
                    save(order);
                }
            } catch (SQLTransientConnectionException e) {
                REPO.error("Could not save order {}", order, e);
            } catch (SocketTimeoutException e) {
                PAY.error("Payment for order {} timed out after {} ms", order, 3000, e);
            } catch (RuntimeException e) {
                LOG.error("Checkout failed for order {}", order, e);
            }
        }

        private void save(String order) throws SQLTransientConnectionException {
            throw new SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=42)");
        }

        private void charge(String order) throws SocketTimeoutException {
            throw new SocketTimeoutException("Read timed out (POST https://payments.example.net/v2/charges)");
        }

        private long price(String order, Long discount) {
            return 100L - discount; // the bug: unboxing a null discount
        }
    }

    private static LoggerContext configure(Path config) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config.toFile());
        return context;
    }

    private static void printAlertmailStatus(LoggerContext context, int minLevel) {
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            if (s.getLevel() >= minLevel && s.getMessage().contains("alertmail")) {
                System.out.println((s.getLevel() == Status.ERROR ? "ERROR " : s.getLevel() == Status.WARN ? "WARN  " : "")
                        + s.getMessage());
            }
        }
    }

    private static void writeCopies(MimeMessage[] mails, Path out) throws Exception {
        Files.createDirectories(out);
        System.out.printf("emails received:   %d by the embedded SMTP server%n", mails.length);
        int n = 1;
        for (MimeMessage m : mails) {
            File html = out.resolve("email-" + n + ".html").toFile();
            Files.writeString(html.toPath(), htmlPart(m), StandardCharsets.UTF_8);
            System.out.printf("  #%d %s%n     key %s%n     copy %s%n", n, m.getSubject(),
                    m.getHeader("Resend-Idempotency-Key", null), html.getAbsolutePath());
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
}
