package dev.alertmail.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "10 seconds, 10000",
        "10 second, 10000",
        "500 milliseconds, 500",
        "2 minutes, 120000",
        "1 hour, 3600000",
        "10s, 10000",
        "500ms, 500",
        "1m, 60000",
        "1h, 3600000",
        "2d, 172800000",
        "1.5s, 1500",
        "PT10S, 10000",
        "pt1m, 60000",
        "250, 250",
        "0s, 0"
    })
    void parsesLogbackShortAndIsoForms(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ten seconds", "10 parsecs", "-5s", "PT-5S", "s"})
    void rejectsWhatIsNotADuration(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }
}
