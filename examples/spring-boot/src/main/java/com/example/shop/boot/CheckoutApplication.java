package com.example.shop.boot;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot service that logs a few errors and exits. There is no logback-spring.xml: with
 * {@code alertmail.from} in application.properties, alertmail's auto-configuration attaches its
 * appender to the root logger, and closing the context flushes the pending alert. Without
 * RESEND_API_KEY the alert goes to an embedded SMTP server on 127.0.0.1.
 */
@SpringBootApplication
public class CheckoutApplication {

    private static final Logger LOG = LoggerFactory.getLogger(CheckoutApplication.class);

    public static void main(String[] args) throws Exception {
        GreenMail smtp = null;
        if (System.getenv("RESEND_API_KEY") == null) {
            smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            System.setProperty("alertmail.smtp-host", "127.0.0.1");
            System.setProperty("alertmail.smtp-port", Integer.toString(smtp.getSmtp().getPort()));
            System.setProperty("alertmail.security", "NONE");
        }
        SpringApplication.run(CheckoutApplication.class, args).close(); // closing the context flushes alertmail
        if (smtp != null) {
            var received = smtp.getReceivedMessages(); // read before stop(), which clears the store
            System.out.println("emails received by the embedded SMTP server: " + received.length);
            for (var m : received) {
                System.out.println("  " + m.getSubject() + "  [" + m.getHeader("Resend-Idempotency-Key", null) + "]");
            }
            smtp.stop();
            if (received.length == 0) {
                System.exit(1);
            }
        }
    }

    @Bean
    CommandLineRunner failSomeCheckouts() {
        return args -> {
            for (int i = 0; i < 100; i++) {
                try {
                    charge("ord-" + i);
                } catch (IllegalStateException e) {
                    LOG.error("Checkout {} failed", "ord-" + i, e);
                }
            }
        };
    }

    private static void charge(String order) {
        throw new IllegalStateException("payment provider unavailable for " + order);
    }
}
