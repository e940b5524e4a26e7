package dev.alertmail.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alertmail.testing.LogbackHarness;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigurationErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no-from          | 'from' is required",
                "no-to            | 'to' is required",
                "no-key           | 'apiKey' is required",
                "unknown-security | unknown security 'SSL'",
                "bad-duration     | cannot parse duration 'ten seconds'",
                "odd-port         | set 'security' to SMTPS, STARTTLS or NONE",
                "bad-address      | 'to' address 'oncall@@example' is invalid",
            })
    void badConfigurationIsAStatusErrorAndTheAppenderStaysStopped(String file, String expected) {
        if (file.equals("no-key")) {
            assumeTrue(System.getenv("RESEND_API_KEY") == null, "the key would come from the environment");
        }
        try (LogbackHarness app = new LogbackHarness("logback/bad/" + file + ".xml", Map.of(), null)) {
            String errors = String.join("\n", app.errors());
            assertThat(errors).contains(expected);
            assertThat(errors).contains("not started");
            assertFalse(app.appender().isStarted());
            assertFalse(app.statusText().contains("re_x_secretish"), "the key is never echoed");
            assertDoesNotThrow(() -> app.logger("com.shop.Checkout").error("boom", new IllegalStateException("x")));
        }
    }
}
