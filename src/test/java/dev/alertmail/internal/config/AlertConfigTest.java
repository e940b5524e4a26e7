package dev.alertmail.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The configuration record: its identity covers every component, and its text never shows a secret. */
class AlertConfigTest {

    private static AlertConfig base() {
        return new AlertSettings()
                .set(Setting.FROM, "Alerts <alerts@example.com>")
                .set(Setting.TO, "oncall@example.com")
                .set(Setting.SMTP_HOST, "127.0.0.1")
                .set(Setting.SMTP_PORT, "2525")
                .set(Setting.SECURITY, "NONE")
                .set(Setting.PASSWORD, "s3cret-password")
                .toConfig();
    }

    /** Another value of the same type: what an appender configured differently in this one respect would have. */
    private static Object other(Object value, Class<?> type) throws Exception {
        if (type == String.class) {
            return value == null ? "other" : value + "-other";
        }
        if (type == int.class) {
            return (int) value + 1;
        }
        if (type == boolean.class) {
            return !(boolean) value;
        }
        if (type == Duration.class) {
            return ((Duration) value).plusSeconds(1);
        }
        if (type == List.class) {
            return ((List<?>) value).isEmpty() ? List.of(Pattern.compile("x")) : List.of();
        }
        if (type == InternetAddress.class) {
            return new InternetAddress("other@example.com");
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[(Arrays.asList(constants).indexOf(value) + 1) % constants.length];
        }
        if (type == SubjectTemplate.class) {
            return SubjectTemplate.parse("%app other");
        }
        if (type == LogsUrlTemplate.class) {
            return LogsUrlTemplate.parse("https://logs.example.com/{fingerprint}");
        }
        if (type == Path.class) {
            return value == null ? Path.of("/var/lib/alertmail") : ((Path) value).resolve("other");
        }
        if (type == RedisUri.class) {
            return RedisUri.parse("redis://127.0.0.1:6380");
        }
        throw new AssertionError("no other value for " + type + ": teach this test the new component's type");
    }

    @Test
    void everyComponentTakesPartInTheIdentity() throws Exception {
        AlertConfig base = base();
        RecordComponent[] components = AlertConfig.class.getRecordComponents();
        Constructor<AlertConfig> canonical = AlertConfig.class.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        for (int i = 0; i < components.length; i++) {
            Object[] values = new Object[components.length];
            for (int j = 0; j < components.length; j++) {
                values[j] = components[j].getAccessor().invoke(base);
            }
            values[i] = other(values[i], components[i].getType());
            AlertConfig changed = canonical.newInstance(values);
            assertThat(changed.identity())
                    .as(
                            "two configurations that differ in '%s' must not share one Log4j2 manager",
                            components[i].getName())
                    .isNotEqualTo(base.identity());
        }
        assertThat(base().identity()).isEqualTo(base.identity());
    }

    @Test
    void statusTextShowsEverySettingButNoSecret() {
        String text = base().toString();
        assertThat(text)
                .contains(
                        "smtpHost=127.0.0.1",
                        "groupWait=PT10S",
                        "password=****",
                        "subject=" + AlertConfig.DEFAULT_SUBJECT)
                .doesNotContain("s3cret-password");
        assertThat(base().identity()).doesNotContain("s3cret");
    }
}
