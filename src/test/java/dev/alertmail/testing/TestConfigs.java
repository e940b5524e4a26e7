package dev.alertmail.testing;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.AlertSettings;
import java.util.Map;

/** Configurations for tests that need no network: plaintext on a port nobody listens on, no environment. */
public final class TestConfigs {

    private TestConfigs() {}

    public static AlertConfig config(Map<String, String> settings) {
        AlertSettings s = new AlertSettings()
                .set("from", "alerts@example.com")
                .set("to", "oncall@example.com")
                .set("security", "NONE")
                .set("smtpPort", "2525")
                .environment(name -> null);
        settings.forEach(s::set);
        return s.toConfig();
    }
}
