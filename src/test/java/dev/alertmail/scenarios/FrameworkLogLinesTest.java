package dev.alertmail.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.shop.OrderController;
import dev.alertmail.testing.Adapter;
import dev.alertmail.testing.AlertApp;
import dev.alertmail.testing.Mails;
import dev.alertmail.testing.MutableClock;
import dev.alertmail.testing.ResendSmtp;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Most uncaught errors of a Spring application reach the log through a framework's logger, in the
 * framework's words. With the real logger names, messages and exception chains of Tomcat, Jetty,
 * Undertow, Spring's scheduler and async handlers and the Kafka and Rabbit listener containers,
 * through a real logback.xml and log4j2.xml: the subject and the title lead with the root cause
 * and its in-app throw site; the framework's sentence stays in the body.
 */
class FrameworkLogLinesTest {

    @RegisterExtension
    final ResendSmtp smtp = new ResendSmtp();

    private final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");

    /** What a framework logs: its logger, its sentence, the exception it hands over. */
    record Shape(String name, String logger, String message, Supplier<Throwable> thrown, String lead) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Spring Kafka's and Spring AMQP's wrapper (their class names, for the shape of the chain). */
    static final class ListenerExecutionFailedException extends RuntimeException {
        ListenerExecutionFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Spring's {@code DispatcherServlet} wraps what a controller throws. */
    static final class ServletException extends Exception {
        ServletException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static List<Shape> shapes() {
        String placed = "RuntimeException in OrderController.place: Order 42 not found";
        return List.of(
                // Tomcat's StandardWrapperValve hands over the root cause itself
                new Shape(
                        "tomcat",
                        "org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]",
                        "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception "
                                + "[Request processing failed: java.lang.RuntimeException: Order 42 not found] with root cause",
                        () -> OrderController.place(42),
                        placed),
                new Shape(
                        "jetty",
                        "org.eclipse.jetty.ee10.servlet.ServletChannel",
                        "/orders/42",
                        () -> new ServletException(
                                "Request processing failed: java.lang.RuntimeException: Order 42 not found",
                                OrderController.place(42)),
                        placed),
                new Shape(
                        "undertow",
                        "io.undertow.request",
                        "UT005023: Exception handling request to /orders/42",
                        () -> new ServletException(
                                "Request processing failed: java.lang.RuntimeException: Order 42 not found",
                                OrderController.place(42)),
                        placed),
                new Shape(
                        "scheduled",
                        "org.springframework.scheduling.support.TaskUtils$LoggingErrorHandler",
                        "Unexpected error occurred in scheduled task",
                        OrderController::nightlyReport,
                        "IllegalStateException in OrderController.nightlyReport: Report store is read-only"),
                new Shape(
                        "async",
                        "org.springframework.aop.interceptor.SimpleAsyncUncaughtExceptionHandler",
                        "Unexpected exception occurred invoking async method: public void com.example.shop.Mailer.sendReceipt(long)",
                        () -> OrderController.sendReceipt(7),
                        "IOException in OrderController.sendReceipt: Connection reset by mail relay for receipt 7"),
                new Shape(
                        "kafka",
                        "org.springframework.kafka.listener.DefaultErrorHandler",
                        "Backoff FixedBackOff{interval=0, currentAttempts=10, maxAttempts=9} exhausted for orders-0@42",
                        () -> new ListenerExecutionFailedException(
                                "Listener method 'public void "
                                        + "com.example.shop.OrderListener.on(java.lang.String)' threw exception",
                                OrderController.onOrderMessage("x42")),
                        "NumberFormatException in OrderController.onOrderMessage: For input string: \"x42\""),
                new Shape(
                        "rabbit",
                        "org.springframework.amqp.rabbit.listener.ConditionalRejectingErrorHandler",
                        "Execution of Rabbit message listener failed.",
                        () -> new ListenerExecutionFailedException(
                                "Listener method 'no match' threw exception", OrderController.onOrderMessage("x42")),
                        "NumberFormatException in OrderController.onOrderMessage: For input string: \"x42\""));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Adapter a : Adapter.values()) {
            for (Shape s : shapes()) {
                out.add(Arguments.of(a, s));
            }
        }
        return out.stream();
    }

    private AlertApp app(Adapter adapter, String inAppPackages) {
        Map<String, String> p = new HashMap<>();
        p.put("smtpPort", Integer.toString(smtp.port()));
        p.put("inAppPackages", inAppPackages);
        return adapter.start("plain", p, clock);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void subjectAndTitleLeadWithTheRootCauseAndItsThrowSite(Adapter adapter, Shape shape) throws Exception {
        try (AlertApp app = app(adapter, "com.example")) {
            Throwable thrown = shape.thrown().get();
            app.log(shape.logger()).error(shape.message(), thrown);
            app.log(shape.logger()).error(shape.message(), shape.thrown().get());
            app.advance(Duration.ofSeconds(10));

            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertEquals("[prod] checkout: 2 errors — " + shape.lead(), mail.getSubject());
            String text = Mails.text(mail);
            assertThat(text).contains("[1] 2 x " + shape.lead());
            assertThat(text)
                    .as("%s", "the framework's sentence stays in the body:\n" + text)
                    .contains(shape.message());
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Adapter.class)
    void withoutInAppPackagesTheDefaultRulesDecideAndTheApplicationsOwnLinesAreUnchanged(Adapter adapter)
            throws Exception {
        try (AlertApp app = app(adapter, "")) {
            Shape tomcat = shapes().get(0);
            app.log(tomcat.logger()).error(tomcat.message(), tomcat.thrown().get());
            app.log(tomcat.logger()).error(tomcat.message(), tomcat.thrown().get()); // the top incident
            app.log("com.example.shop.OrderService").error("Could not place order 42", OrderController.place(42));
            app.advance(Duration.ofSeconds(10));

            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertEquals("[prod] checkout: 3 errors — " + tomcat.lead(), mail.getSubject());
            String text = Mails.text(mail);
            assertThat(text)
                    .as("%s", "an in-app logger keeps its title:\n" + text)
                    .contains("1 x RuntimeException: Order 42 not found");
        }
    }
}
