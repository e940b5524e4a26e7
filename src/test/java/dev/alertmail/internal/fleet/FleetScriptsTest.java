package dev.alertmail.internal.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every key a script touches is one it was given in {@code KEYS}: Redis Cluster runs a script on
 * the node of its declared keys, and ElastiCache Serverless refuses a script that touches another.
 * The scripts name keys only as {@code K.<name>} or {@code K[name]} (the preamble maps them from
 * {@code KEYS}), never by building a name.
 */
class FleetScriptsTest {

    private static final Pattern CALL = Pattern.compile("redis\\.call\\('([A-Z]+)'(?:,\\s*([^,)]+))?");
    private static final Pattern FIELD = Pattern.compile("\\bK\\.(\\w+)");
    private static final Pattern NAME_LIST =
            Pattern.compile("(?:ipairs\\(|=\\s*)\\{('[a-zA-Z]+'(?:,\\s*'[a-zA-Z]+')*)}");

    private static String source(String name) throws Exception {
        try (InputStream in = RedisConnection.class.getResourceAsStream(name + ".lua")) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared", "tick", "book", "bootstrap", "retire", "leave", "finish"})
    void everyKeyIsADeclaredOne(String script) throws Exception {
        String lua = source(script);
        assertThat(lua).as("keys come from K, mapped from KEYS by the preamble").doesNotContain("KEYS[");
        Matcher call = CALL.matcher(lua);
        int calls = 0;
        while (call.find()) {
            calls++;
            String command = call.group(1);
            if (command.equals("TIME")) {
                continue;
            }
            assertThat(call.group(2))
                    .as("%s: %s", script, call.group())
                    .isNotNull()
                    .matches("K(\\.\\w+|\\[\\w+])|unpack\\(present"); // present: K[k] of the families
        }
        assertThat(calls).as("the pattern sees the calls").isPositive();
        Matcher field = FIELD.matcher(lua);
        while (field.find()) {
            assertThat(FleetKeys.NAMES).as("%s: K.%s", script, field.group(1)).contains(field.group(1));
        }
        Matcher list = NAME_LIST.matcher(lua); // the names a loop over K[k] walks
        while (list.find()) {
            for (String quoted : list.group(1).split(",\\s*")) {
                assertThat(FleetKeys.NAMES).as("%s: %s", script, quoted).contains(quoted.replace("'", ""));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theMembersSequenceKeyIsItsOwnAndEveryKeySharesTheFleetsHashSlot() {
        List<String> keys = FleetKeys.of("alertmail:fleet:v3:{abc}", "host-1/f00");
        assertThat(keys).hasSameSizeAs(FleetKeys.NAMES);
        assertThat(keys).allMatch(k -> k.startsWith("alertmail:fleet:v3:{abc}:"));
        assertThat(keys).contains("alertmail:fleet:v3:{abc}:seq:host-1/f00");
        assertThat(FleetKeys.preamble()).contains("K[name] = KEYS[i]");
    }
}
