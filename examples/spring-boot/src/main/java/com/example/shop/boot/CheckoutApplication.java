package com.example.shop.boot;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A Spring Boot web application whose controller throws; it sends itself three requests and exits.
 * There is no logback-spring.xml: with {@code alertmail.from} in application.properties,
 * alertmail's auto-configuration attaches its appender to the root logger, and closing the context
 * flushes the pending alert. Without RESEND_API_KEY the alert goes to an embedded SMTP server on
 * 127.0.0.1, and the email's subject and first lines are printed.
 */
@SpringBootApplication
public class CheckoutApplication {

    public static void main(String[] args) throws Exception {
        GreenMail smtp = null;
        if (System.getenv("RESEND_API_KEY") == null) {
            smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            System.setProperty("alertmail.smtp-host", "127.0.0.1");
            System.setProperty(
                    "alertmail.smtp-port", Integer.toString(smtp.getSmtp().getPort()));
            System.setProperty("alertmail.security", "NONE");
        }
        SpringApplication.run(CheckoutApplication.class, args).close(); // closing the context flushes alertmail
        if (smtp != null) {
            MimeMessage[] received = smtp.getReceivedMessages(); // read before stop(), which clears the store
            System.out.println("emails received by the embedded SMTP server: " + received.length);
            for (MimeMessage m : received) {
                System.out.println("  " + m.getSubject() + "  [" + m.getHeader("Resend-Idempotency-Key", null) + "]");
            }
            smtp.stop();
            if (received.length == 0) {
                System.exit(1);
            }
        }
    }

    /** Orders that fail ({@code checkout.demo-orders}, 3): requests to this very application, each answered 500. */
    @Bean
    CommandLineRunner placeSomeOrders(Environment env) {
        return args -> {
            String base = "http://127.0.0.1:" + env.getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            int orders = env.getProperty("checkout.demo-orders", Integer.class, 3);
            for (int id = 41; id < 41 + orders; id++) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/orders/" + id))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.println("POST /orders/" + id + " -> " + r.statusCode());
            }
        };
    }
}
