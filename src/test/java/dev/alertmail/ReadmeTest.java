package dev.alertmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.LogsUrlTemplate;
import dev.alertmail.internal.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The documented configuration matches the code: the table, defaults and {@code logsUrl} examples of
 * {@code docs/configuration.md} (moved there from the README, issue 29), and the README's short table.
 */
class ReadmeTest {

    private static String configurationPage() throws Exception {
        return Files.readString(Path.of("docs/configuration.md"));
    }

    @Test
    void theConfigurationTableListsEverySettingAndNothingElse() throws Exception {
        String r = configurationPage();
        String table =
                r.substring(r.indexOf("| property | default | meaning |"), r.indexOf("**Subject placeholders**"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| ((?:`\\w+`(?:, )?)+) \\|").matcher(table);
        while (m.find()) {
            for (String name : m.group(1).split(", ")) {
                documented.add(name.replace("`", ""));
            }
        }
        Set<String> settings =
                Arrays.stream(Setting.values()).map(Setting::property).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(settings, documented);
    }

    @Test
    void documentedDefaultsAreTheCodesDefaults() throws Exception {
        String r = configurationPage();
        for (String row : new String[] {
            "| `groupWait` | `" + AlertConfig.DEFAULT_GROUP_WAIT + "` |",
            "| `groupInterval` | `" + AlertConfig.DEFAULT_GROUP_INTERVAL + "` |",
            "| `repeatInterval` | `" + AlertConfig.DEFAULT_REPEAT_INTERVAL + "` |",
            "| `resolveAfter` | `" + AlertConfig.DEFAULT_RESOLVE_AFTER + "` |",
            "| `sendResolved` | `" + AlertConfig.DEFAULT_SEND_RESOLVED + "` |",
            "| `maxEmailsPerHour` | `" + AlertConfig.DEFAULT_MAX_EMAILS_PER_HOUR + "` |",
            "| `maxEmailsPerDay` | `" + AlertConfig.DEFAULT_MAX_EMAILS_PER_DAY + "` |",
            "| `maxEmailsPerSecond` | `" + AlertConfig.DEFAULT_MAX_EMAILS_PER_SECOND + "` |",
            "| `maxIncidents` | `" + AlertConfig.DEFAULT_MAX_INCIDENTS + "` |",
            "| `maxIncidentsPerEmail` | `" + AlertConfig.DEFAULT_MAX_INCIDENTS_PER_EMAIL + "` |",
            "| `contextLines` | `" + AlertConfig.DEFAULT_CONTEXT_LINES + "` |",
            "| `callerData` | `" + AlertConfig.DEFAULT_CALLER_DATA + "` |",
            "| `immediateMarker` | `" + AlertConfig.DEFAULT_IMMEDIATE_MARKER + "` |",
            "| `ignoreMarker` | `" + AlertConfig.DEFAULT_IGNORE_MARKER + "` |",
            "| `connectTimeout` | `" + AlertConfig.DEFAULT_CONNECT_TIMEOUT + "` |",
            "| `timeout` | `" + AlertConfig.DEFAULT_TIMEOUT + "` |",
            "| `shutdownTimeout` | `" + AlertConfig.DEFAULT_SHUTDOWN_TIMEOUT + "` |",
            "| `idempotencyKeyPrefix` | `" + AlertConfig.DEFAULT_IDEMPOTENCY_KEY_PREFIX + "` |",
            "| `subject` | `" + AlertConfig.DEFAULT_SUBJECT + "` |",
            "| `redactDefaults` | `" + AlertConfig.DEFAULT_REDACT_DEFAULTS + "` |",
            "| `smtpHost` | `" + AlertConfig.DEFAULT_SMTP_HOST + "` |",
            "| `smtpPort` | `" + AlertConfig.DEFAULT_SMTP_PORT + "` |",
            "| `username` | `" + AlertConfig.DEFAULT_USERNAME + "` |",
            "| `level` | `" + AlertConfig.DEFAULT_LEVEL + "` |"
        }) {
            assertThat(r).as("%s", row).contains(row);
        }
    }

    @Test
    void theLogsUrlExamplesAreValid() throws Exception {
        Matcher m = Pattern.compile("<logsUrl>(.*?)</logsUrl>").matcher(configurationPage());
        int n = 0;
        while (m.find()) {
            LogsUrlTemplate.parse(m.group(1).replace("&amp;", "&"));
            n++;
        }
        assertTrue(n >= 2, "a Kibana and a Grafana example");
    }

    @Test
    void theReadmesShortTableAgreesWithTheFullOne() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String page = configurationPage();
        for (String row : new String[] {
            "| `groupWait` | `" + AlertConfig.DEFAULT_GROUP_WAIT + "` |",
            "| `groupInterval` | `" + AlertConfig.DEFAULT_GROUP_INTERVAL + "` |",
            "| `repeatInterval` | `" + AlertConfig.DEFAULT_REPEAT_INTERVAL + "` |",
            "| `maxEmailsPerHour` | `" + AlertConfig.DEFAULT_MAX_EMAILS_PER_HOUR + "` |",
            "| `level` | `" + AlertConfig.DEFAULT_LEVEL + "` |"
        }) {
            assertThat(readme).as("README: %s", row).contains(row);
            assertThat(page).as("docs/configuration.md: %s", row).contains(row);
        }
        Set<String> settings =
                Arrays.stream(Setting.values()).map(Setting::property).collect(Collectors.toCollection(TreeSet::new));
        Matcher m = Pattern.compile("(?m)^\\| ((?:`\\w+`(?:, )?)+) \\|").matcher(readme);
        while (m.find()) {
            for (String name : m.group(1).split(", ")) {
                String setting = name.replace("`", "");
                if (!setting.matches("\\d+")) { // the port table's rows
                    assertThat(settings)
                            .as("README names a setting that does not exist")
                            .contains(setting);
                }
            }
        }
    }
}
