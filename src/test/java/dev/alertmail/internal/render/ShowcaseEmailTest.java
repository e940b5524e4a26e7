package dev.alertmail.internal.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.internal.capture.ContextLines;
import dev.alertmail.internal.capture.Fingerprint;
import dev.alertmail.internal.capture.FrameClassifier;
import dev.alertmail.internal.capture.SampleBuilder;
import dev.alertmail.internal.capture.SampleCapture;
import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.AlertSettings;
import dev.alertmail.internal.config.Redactor;
import dev.alertmail.internal.incidents.Incident;
import dev.alertmail.internal.incidents.Timeline;
import dev.alertmail.internal.plan.EmailPlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One email with every part an alert can have (new and still-firing incidents, timelines, the logs
 * link, a multi-line message with its call site, context lines, MDC, resolved incidents, the
 * hourly cap's note), checked here and written to {@code target/email-samples/} for the email
 * client check ({@code scripts/email-check}) and the screenshot in {@code docs/}.
 */
class ShowcaseEmailTest {

    private static final long T0 = 1_764_064_800_000L;

    private static Throwable databaseDown() {
        SQLTransientConnectionException e = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=42)");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(
                    "com.zaxxer.hikari.pool.HikariPool", "createTimeoutException", "HikariPool.java", 696),
            new StackTraceElement("com.zaxxer.hikari.pool.HikariPool", "getConnection", "HikariPool.java", 181),
            new StackTraceElement("com.zaxxer.hikari.HikariDataSource", "getConnection", "HikariDataSource.java", 100),
            new StackTraceElement("com.example.shop.OrderRepository", "save", "OrderRepository.java", 42),
            new StackTraceElement("com.example.shop.CheckoutService", "checkout", "CheckoutService.java", 87),
            new StackTraceElement(
                    "org.springframework.web.method.support.InvocableHandlerMethod",
                    "doInvoke",
                    "InvocableHandlerMethod.java",
                    255),
            new StackTraceElement(
                    "org.springframework.web.servlet.FrameworkServlet", "service", "FrameworkServlet.java", 885),
            new StackTraceElement(
                    "org.apache.catalina.core.ApplicationFilterChain", "doFilter", "ApplicationFilterChain.java", 166),
            new StackTraceElement(
                    "org.apache.catalina.core.StandardWrapperValve", "invoke", "StandardWrapperValve.java", 197),
            new StackTraceElement(
                    "org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker", "run", "ThreadPoolExecutor.java", 659),
            new StackTraceElement("java.lang.Thread", "run", "Thread.java", 840)
        });
        return e;
    }

    private static Incident incident(
            SampleBuilder.Factory samples, String name, SampleCapture<String> capture, long at) {
        return new Incident(new Fingerprint(name.hashCode(), 7), samples.capture(name, capture, at), at);
    }

    /** Counts spread evenly from {@code origin} to {@code now}. */
    private static Timeline.Snapshot timeline(long origin, long now, long... counts) {
        Timeline t = new Timeline(origin);
        long count = 0;
        for (int i = 0; i < counts.length; i++) {
            count += counts[i];
            t.observe(count, origin + (now - origin) * i / counts.length);
        }
        return t.snapshot(now);
    }

    @Test
    void everyPartOfAnAlertRendersAndIsWrittenForTheClientCheck() throws Exception {
        AlertConfig config = new AlertSettings()
                .set("from", "Shop alerts <alerts@example.com>")
                .set("to", "oncall@example.com")
                .set("security", "NONE")
                .set("smtpPort", "2525")
                .set("application", "checkout")
                .set("environment", "prod")
                .set("release", "2.4.1")
                .set("inAppPackages", "com.example")
                .set(
                        "logsUrl",
                        "https://kibana.example.com/app/discover#/?_g=(time:(from:'{from}',to:'{to}'))&_a=(query:(language:kuery,query:'service.name:{application}'))")
                .environment(n -> null)
                .toConfig();
        FrameClassifier frames = new FrameClassifier(config.inAppPackages());
        SampleBuilder.Factory samples = new SampleBuilder.Factory(frames, new Redactor(config.redact(), ""));
        Incident db = incident(
                samples,
                "db",
                (e, b) -> b.timestamp(T0)
                        .logger(() -> "com.example.shop.OrderRepository")
                        .thread(() -> "http-nio-8080-exec-7")
                        .message(() -> "Could not save order ord-1-1")
                        .throwable(ShowcaseEmailTest::databaseDown)
                        .mdc(() -> Map.of("requestId", "7f3a9c1e", "orderId", "ord-1-1", "tenant", "acme"))
                        .contextLines(() -> List.of(
                                ContextLines.format(
                                        T0 - 40,
                                        "INFO",
                                        "com.example.shop.CheckoutService",
                                        "Checkout started for ord-1-1 (card=[redacted])"),
                                ContextLines.format(
                                        T0 - 12,
                                        "DEBUG",
                                        "com.example.shop.PricingService",
                                        "Price 42.00 EUR for ord-1-1"))),
                T0);
        Incident stock = incident(
                samples,
                "stock",
                (e, b) -> b.timestamp(T0)
                        .logger(() -> "com.example.shop.StockSync")
                        .thread(() -> "scheduling-1")
                        .message(
                                () ->
                                        "Stock sync failed for 3 warehouses:\n  berlin: timeout after 5000 ms\n  lyon: 503 Service Unavailable\n  porto: connection reset")
                        .callSite(
                                () -> new StackTraceElement("com.example.shop.StockSync", "run", "StockSync.java", 58)),
                T0 - 3_600_000);
        long now = T0 + 10 * 60_000;
        EmailPlan plan = new EmailPlan(
                now,
                T0,
                List.of(
                        new EmailPlan.Entry(
                                db,
                                21_600,
                                21_600,
                                now - 5_000,
                                false,
                                timeline(
                                        T0, now, 900, 2_400, 3_100, 2_800, 1_200, 600, 300, 150, 2_600, 4_200, 2_100,
                                        1_250)),
                        new EmailPlan.Entry(
                                stock,
                                12,
                                96,
                                now - 60_000,
                                true,
                                timeline(T0 - 3_600_000, now, 8, 6, 0, 0, 12, 4, 0, 0, 3, 9, 0, 30, 12))),
                List.of(new EmailPlan.Resolved(
                        new Fingerprint(3, 4),
                        "SocketTimeoutException: Read timed out (POST https://payments.example.net/v2/charges)",
                        4_812,
                        T0 - 7_200_000,
                        T0 - 3_900_000)),
                1);
        EmailRenderer.Rendered r = new EmailRenderer(config)
                .render(plan, "web-7", "alertmail/prod/checkout/29401080/5f0c2a1b9d3e4f60718293a4b5c6d7e8");

        String html = r.html();
        assertEquals(2, html.split("<a ", -1).length - 1, "one logs link per incident, no other link");
        assertTrue(
                html.contains(
                        "href=\"https://kibana.example.com/app/discover#/?_g=(time:(from:&#39;2025-11-25T09%3A59%3A00Z&#39;,"),
                "encoded values, escaped attribute");
        assertThat(html).as("%s", "line breaks Outlook keeps").contains("berlin: timeout after 5000 ms<br>");
        assertThat(html).as("%s", "10 min in 1 min buckets").contains("events per 1 min since first seen");
        assertThat(html).as("%s", "70 min in 10 min buckets").contains("events per 10 min since first seen");
        assertTrue(html.contains("resolved") && html.contains("4812 in total"), html);
        assertThat(html).contains("The rate limit held back 1 email");
        assertTrue(
                r.text().contains("timeline:") && r.text().contains("logged at:   com.example.shop.StockSync.run:58"),
                r.text());
        assertThat(r.text()).contains("[2] 12 x Stock sync failed for 3 warehouses:");

        Path out = Path.of("target", "email-samples");
        Files.createDirectories(out);
        Files.writeString(out.resolve("showcase.html"), html, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("showcase.txt"), r.text(), StandardCharsets.UTF_8);
    }
}
