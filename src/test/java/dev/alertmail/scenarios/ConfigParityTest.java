package dev.alertmail.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.testing.AlertApp;
import dev.alertmail.testing.Log4jHarness;
import dev.alertmail.testing.LogbackHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same value in a logback.xml and in a log4j2.xml: accepted by both or refused by both, with
 * the same words. Each case writes both files as a user would and loads them.
 */
class ConfigParityTest {

    @TempDir
    Path dir;

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A working loopback configuration with one property set to the value under test. */
    private static Map<String, String> settings(String property, String value) {
        Map<String, String> s = new java.util.LinkedHashMap<>(Map.of(
                "smtpHost",
                "127.0.0.1",
                "smtpPort",
                "2525",
                "security",
                "NONE",
                "from",
                "alerts@example.com",
                "to",
                "oncall@example.com",
                "shutdownTimeout",
                "100ms"));
        s.put(property, value);
        return s;
    }

    private AlertApp logback(String property, String value) throws Exception {
        StringBuilder b = new StringBuilder(
                "<configuration><appender name=\"ALERTS\" class=\"dev.alertmail.logback.ResendAlertAppender\">");
        settings(property, value)
                .forEach((k, v) -> b.append('<')
                        .append(k)
                        .append('>')
                        .append(xml(v))
                        .append("</")
                        .append(k)
                        .append('>'));
        b.append("</appender><root level=\"INFO\"><appender-ref ref=\"ALERTS\"/></root></configuration>");
        Path f = dir.resolve("logback.xml");
        Files.writeString(f, b, StandardCharsets.UTF_8);
        return LogbackHarness.fromFile(f, Map.of(), null);
    }

    private AlertApp log4j2(String property, String value) throws Exception {
        StringBuilder b = new StringBuilder("<Configuration status=\"WARN\"><Appenders><ResendAlert name=\"ALERTS\"");
        settings(property, value)
                .forEach((k, v) ->
                        b.append(' ').append(k).append("=\"").append(xml(v)).append('"'));
        b.append(
                "/></Appenders><Loggers><Root level=\"INFO\"><AppenderRef ref=\"ALERTS\"/></Root></Loggers></Configuration>");
        Path f = dir.resolve("log4j2.xml");
        Files.writeString(f, b, StandardCharsets.UTF_8);
        return Log4jHarness.fromFile(f, Map.of(), null);
    }

    private static List<String> problems(AlertApp app) {
        return app.errors().stream()
                .filter(e -> e.startsWith("alertmail appender [ALERTS]: "))
                .toList();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "groupWait            | ten seconds      | cannot parse duration 'ten seconds'",
                "groupInterval        | -1s              | cannot parse duration '-1s'",
                "timeout              | 0                | 'timeout' must be more than zero",
                "connectTimeout       | 0.5ms            | 'connectTimeout' 0.5ms is below 1 ms",
                "resolveAfter         | PT0.0001S        | 'resolveAfter' PT0.0001S is below 1 ms",
                "shutdownTimeout      | 999999d          | 'shutdownTimeout' 999999d is more than 365 days",
                "maxEmailsPerHour     | lots             | 'maxEmailsPerHour' lots is not a whole number",
                "maxIncidents         | 0                | 'maxIncidents' must be between 1 and 10000000, was 0",
                "contextLines         | 101              | 'contextLines' must be between 0 and 100, was 101",
                "smtpPort             | 70000            | 'smtpPort' must be between 1 and 65535, was 70000",
                "redactDefaults       | yes              | 'redactDefaults' yes is not true or false",
                "sendResolved         | 1                | 'sendResolved' 1 is not true or false",
                "callerData           | off              | 'callerData' off is not true or false",
                "level                | LOUD             | 'level' LOUD is not a level",
                "security             | SSL              | unknown security 'SSL'",
                "subject              | %app %nope       | unknown placeholder %nope",
                "subject              | %mdc             | %mdc needs a key",
                "logsUrl              | ftp://logs/{fingerprint} | must be an http:// or https:// URL",
                "logsUrl              | https://logs/{who}       | unknown placeholder {who}",
                "replyTo              | ops@@example     | 'replyTo' address 'ops@@example' is invalid",
                "redact               | ([a-z]           | 'redact' pattern ([a-z] is not a valid regular expression",
                "idempotencyKeyPrefix | a/b              | 'idempotencyKeyPrefix' must be 1-64 characters",
                "redisUri             | http://:s3cret@cache:6379 | 'redisUri': scheme must be redis://, rediss:// (TLS), redis-cluster://",
                "redisUri             | redis-cluster://:s3cret@a:7000,b:7001/1 | 'redisUri': selects database '1': a Redis Cluster has database 0 only",
                "redisUri             | redis-sentinel://:s3cret@a:26379,b:26379 | 'redisUri': names no master",
                "redisUri             | redis://:s3cret@a:6379,b:6379 | 'redisUri': lists 2 hosts",
                "redisUri             | redis://:s3cret@/0 | 'redisUri': has no host",
                "redisUri             | redis://cache:6379/zero | 'redisUri': database must be a number",
            })
    void aBadValueIsTheSameProblemInBothFrameworks(String property, String value, String expected) throws Exception {
        List<String> fromLogback;
        List<String> fromLog4j2;
        try (AlertApp app = logback(property, value)) {
            fromLogback = problems(app);
        }
        try (AlertApp app = log4j2(property, value)) {
            fromLog4j2 = problems(app);
        }
        assertEquals(1, fromLogback.size(), fromLogback.toString());
        assertThat(fromLogback.get(0)).as("%s", fromLogback.toString()).contains(expected);
        assertEquals(fromLogback, fromLog4j2, "the same words in both frameworks");
        assertFalse(fromLogback.get(0).contains("s3cret"), "a Redis password is never repeated: " + fromLogback);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "groupWait      | 0",
                "groupWait      | 10 seconds",
                "groupInterval  | PT30S",
                "repeatInterval | 2h",
                "timeout        | 1500 milliseconds",
                "sendResolved   | TRUE",
                "callerData     | false",
                "level          | warn",
                "to             | \"Doe, Jane\" <jane@example.com>, ops@example.com",
                "subject        | 100%% sure: %count on %host (%release) for %mdc{tenant}",
                "logsUrl        | https://grafana.example.com/explore?q={fingerprint}&from={fromMillis}&to={toMillis}",
                "apiKey         | ' '",
                "redisUri       | redis://127.0.0.1:1",
                "redisUri       | rediss://alerts:pw@127.0.0.1:1/2",
            })
    void aGoodValueStartsBothFrameworks(String property, String value) throws Exception {
        try (AlertApp a = logback(property, value);
                AlertApp b = log4j2(property, value)) {
            assertTrue(a.alertsRunning(), a.statusText());
            assertTrue(b.alertsRunning(), b.errors().toString());
        }
    }
}
