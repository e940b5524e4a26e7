package dev.alertmail.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alertmail.internal.delivery.SendResult.Outcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.EOFException;
import java.net.ConnectException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** What each failure Angus Mail reports means: retry, give up, or a peer already sent it. */
class SmtpFailuresTest {

    private static Outcome outcome(MessagingException e) {
        return SmtpFailures.classify(e).outcome();
    }

    private static MessagingException chained(String message, Exception cause) {
        MessagingException e = new MessagingException(message, cause);
        return e;
    }

    @Test
    void transientFailuresAreRetried() {
        assertEquals(Outcome.RETRY, outcome(chained("Couldn't connect to host, port: 127.0.0.1, 33231; timeout 516",
                new ConnectException("Connection refused"))), "a number in the text is not a reply code");
        assertEquals(Outcome.RETRY, outcome(new MessagingException(
                "Could not connect to SMTP host: smtp.resend.com, port: 465, response: 421")));
        assertEquals(Outcome.RETRY, outcome(new AuthenticationFailedException("454 4.7.0 Temporary authentication failure")));
        assertEquals(Outcome.RETRY, outcome(new MessagingException("451 4.3.0 Try again later")));
        assertEquals(Outcome.RETRY, outcome(new MessagingException(
                "451 4.7.0 concurrent_idempotent_requests: another request with this key is in progress")));
        SSLHandshakeException cut = new SSLHandshakeException("Remote host terminated the handshake");
        cut.initCause(new EOFException("SSL peer shut down incorrectly"));
        assertEquals(Outcome.RETRY, outcome(chained("Could not convert socket to TLS", cut)));
    }

    @Test
    void permanentFailuresAreNot() {
        assertEquals(Outcome.FAILED, outcome(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid")));
        assertEquals(Outcome.FAILED, outcome(new MessagingException("550 5.7.1 The example.com domain is not verified")));
        assertEquals(Outcome.FAILED, outcome(new MessagingException(
                "Could not connect to SMTP host: smtp.resend.com, port: 25, response: 554")));
        assertEquals(Outcome.FAILED, outcome(chained("Could not convert socket to TLS",
                new SSLHandshakeException("PKIX path building failed: unable to find valid certification path"))));
        assertEquals(Outcome.FAILED, outcome(chained("Could not connect to SMTP host",
                new java.io.IOException("Server is not trusted: smtp.example.com"))));
    }

    @Test
    void aDifferentPayloadRefusalMeansAPeerSentIt() {
        assertEquals(Outcome.DEDUPLICATED, outcome(new MessagingException(
                "550 5.7.0 invalid_idempotent_request: this key was used with a different payload")));
    }
}
