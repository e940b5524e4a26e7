package dev.alertmail.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.testing.TestConfigs;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SmtpTransport's own policy, with a mail provider that misbehaves. */
class SmtpTransportTest {

    /** A mail library with a bug: sending throws an unchecked exception. */
    public static final class ThrowingTransport extends Transport {
        public ThrowingTransport(Session session, URLName url) {
            super(session, url);
        }

        @Override
        protected boolean protocolConnect(String host, int port, String user, String password) {
            return true;
        }

        @Override
        public void sendMessage(Message msg, Address[] addresses) {
            throw new IllegalStateException("Not connected");
        }
    }

    private static final byte[] MIME =
            "From: alerts@example.com\r\nTo: oncall@example.com\r\nSubject: x\r\n\r\nbody\r\n"
                    .getBytes(StandardCharsets.US_ASCII);

    /**
     * Issue #19: an unchecked exception from the mail library says nothing about the email, so it
     * is retried with backoff like any failure without a verdict (as {@code Delivery.attempt}
     * treats one that escapes a transport), never dropped as permanent.
     */
    @Test
    void anUnexpectedRuntimeExceptionFromTheMailLibraryIsRetriedNotDropped() {
        AlertConfig config = TestConfigs.config(Map.of("localhost", "test.example"));
        SmtpTransport transport = new SmtpTransport(config, new HostIdentity(config, "test"), props -> {
            Session s = Session.getInstance(props);
            try {
                s.setProvider(
                        new Provider(Provider.Type.TRANSPORT, "smtp", ThrowingTransport.class.getName(), "test", "1"));
            } catch (jakarta.mail.NoSuchProviderException e) {
                throw new AssertionError(e);
            }
            return s;
        });
        SendResult r = transport.send(MIME, Long.MAX_VALUE);
        assertEquals(SendResult.Outcome.RETRY, r.outcome(), r.detail());
        assertThat(r.detail()).contains("IllegalStateException: Not connected");
    }
}
