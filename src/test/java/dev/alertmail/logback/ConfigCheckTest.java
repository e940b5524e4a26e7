package dev.alertmail.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.alertmail.testing.ScriptedSmtpServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The config check against real servers: success, a wrong key, a wrong port/security pair. */
class ConfigCheckTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(new com.icegreen.greenmail.util.ServerSetup[] {
                ServerSetupTest.SMTPS.dynamicPort(), ServerSetupTest.SMTP.dynamicPort()
            })
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("resend", "re_CheckKey_5a9e"));

    @BeforeEach
    void ports() {
        System.setProperty(
                "alertmail.check.smtpsPort",
                Integer.toString(greenMail.getSmtps().getPort()));
        System.setProperty(
                "alertmail.check.smtpPort", Integer.toString(greenMail.getSmtp().getPort()));
    }

    @AfterEach
    void clear() {
        System.clearProperty("alertmail.check.smtpsPort");
        System.clearProperty("alertmail.check.smtpPort");
    }

    private static String check(String name, boolean sendTest, int expectedProblems) throws Exception {
        File file = new File(ConfigCheckTest.class
                .getResource("/logback/check/" + name + ".xml")
                .toURI());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int problems = ConfigCheck.run(file, sendTest, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(out); // the report is the product here: keep it visible in the test log
        assertEquals(expectedProblems, problems, out);
        return out;
    }

    @Test
    void aGoodConfigConnectsAuthenticatesAndSendsATestAlert() throws Exception {
        String out = check("ok", true, 0);
        assertThat(out).contains("connect/TLS/AUTH  OK");
        assertThat(out).contains("test alert ...... sent");
        assertTrue(out.endsWith("result: OK\n"), out);
        assertEquals(1, greenMail.getReceivedMessages().length);
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).contains("alertmail test alert");
    }

    @Test
    void aWrongKeyIsNamedAsSuchAndNeverPrinted() throws Exception {
        String out = check("bad-password", true, 1);
        assertThat(out).contains("authentication rejected");
        assertThat(out).contains("the API key (SMTP password) is wrong or revoked");
        assertFalse(out.contains("re_NotTheKey_000"), out);
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void implicitTlsAgainstAPlaintextPortIsExplained() throws Exception {
        String out = check("wrong-security", false, 1);
        assertThat(out).contains("connect/TLS/AUTH  FAIL");
        assertThat(out).contains("STARTTLS");
    }

    /** Issue #19, finding 1: a connection cut right after AUTH says nothing about the key, and the check must not either. */
    @Test
    void aConnectionCutDuringAuthIsNotCalledAWrongKey() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.plain()
                .requireAuth("resend", "re_CheckKey_5a9e")
                .cutAuth(1)) {
            System.setProperty("alertmail.check.scriptedPort", Integer.toString(server.port()));
            String out = check("auth-cut", false, 1);
            assertThat(out).contains("connect/TLS/AUTH  FAIL");
            assertFalse(out.contains("wrong or revoked"), out);
            assertThat(out).contains("not a verdict on the API key");
            assertFalse(out.contains("re_CheckKey_5a9e"), out);
        } finally {
            System.clearProperty("alertmail.check.scriptedPort");
        }
    }
}
