package dev.alertmail.testing;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh Resend-like SMTP server on a free loopback port for every test ({@code @RegisterExtension}).
 * After each test it checks the one thing no test may get wrong: no email was refused because its
 * idempotency key had been used for a different email.
 */
public final class ResendSmtp implements BeforeEachCallback, AfterEachCallback {

    private ScriptedSmtpServer server;
    private boolean replicas;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server = ScriptedSmtpServer.plain().resend();
        replicas = false;
    }

    /** This test plays replicas of one service: a refusal is a peer's alert already sent, not a loss. */
    public void expectReplicas() {
        replicas = true;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (!replicas && server.refusedAsDifferentPayload() > 0) {
                throw new AssertionError(server.refusedAsDifferentPayload()
                        + " email(s) refused as invalid_idempotent_request: a key was reused for a different email");
            }
        } finally {
            server.close();
        }
    }

    public int port() {
        return server.port();
    }

    public ScriptedSmtpServer server() {
        return server;
    }

    /** What was delivered, each email once. */
    public MimeMessage[] getReceivedMessages() {
        return server.messages();
    }
}
