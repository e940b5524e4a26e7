package com.example.shop.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real thing: Spring Boot 4 boots the web application on embedded Tomcat, with Logback — or,
 * with -Plog4j2, spring-boot-starter-log4j2 — as its logging system; two real HTTP requests hit a
 * controller that throws; Tomcat logs them under its {@code [dispatcherServlet]} logger. Closing
 * the context flushes one email: two errors, led by the controller's exception and throw site.
 */
class CheckoutApplicationTest {

    @Test
    void twoFailingRequestsAreOneEmailLedByTheControllersException() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            String loggingSystem;
            try (ConfigurableApplicationContext context = new SpringApplication(CheckoutApplication.class)
                    .run(
                            "--server.port=0",
                            "--checkout.demo-orders=2",
                            "--alertmail.smtp-host=127.0.0.1",
                            "--alertmail.smtp-port=" + smtp.getSmtp().getPort(),
                            "--alertmail.security=NONE",
                            "--alertmail.api-key=",
                            "--alertmail.group-wait=1m")) {
                loggingSystem = context.getBean(LoggingSystem.class).getClass().getSimpleName();
            }
            assertEquals(System.getProperty("expected.logging.system"), loggingSystem);

            MimeMessage[] mails = smtp.getReceivedMessages();
            assertEquals(1, mails.length, "the close flushed one email");
            String subject = mails[0].getSubject();
            String text = plainText(mails[0].getContent());
            System.out.println("--- the email (" + loggingSystem + ") ---\nSubject: " + subject + "\n" + text);
            assertEquals(
                    "[demo] checkout: 2 errors — IllegalStateException in OrderController.place: "
                            + "Order 41: payment provider unavailable",
                    subject);
            assertTrue(
                    text.contains("Servlet.service() for servlet [dispatcherServlet]"),
                    "Tomcat's sentence stays in the body:\n" + text);
        } finally {
            smtp.stop();
        }
    }

    private static String plainText(Object content) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
                if (part.getContent() instanceof Multipart) {
                    return plainText(part.getContent());
                }
            }
        }
        return String.valueOf(content);
    }
}
