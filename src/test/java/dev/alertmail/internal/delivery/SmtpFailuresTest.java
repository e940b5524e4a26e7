package dev.alertmail.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.alertmail.internal.delivery.SendResult.Outcome;
import dev.alertmail.testing.TestConfigs;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
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
        assertEquals(
                Outcome.RETRY,
                outcome(chained(
                        "Couldn't connect to host, port: 127.0.0.1, 33231; timeout 516",
                        new ConnectException("Connection refused"))),
                "a number in the text is not a reply code");
        assertEquals(
                Outcome.RETRY,
                outcome(new MessagingException(
                        "Could not connect to SMTP host: smtp.resend.com, port: 465, response: 421")));
        assertEquals(
                Outcome.RETRY,
                outcome(new AuthenticationFailedException("454 4.7.0 Temporary authentication failure")));
        assertEquals(Outcome.RETRY, outcome(new MessagingException("451 4.3.0 Try again later")));
        assertEquals(
                Outcome.RETRY,
                outcome(new MessagingException(
                        "451 4.7.0 concurrent_idempotent_requests: another request with this key is in progress")));
        SSLHandshakeException cut = new SSLHandshakeException("Remote host terminated the handshake");
        cut.initCause(new EOFException("SSL peer shut down incorrectly"));
        assertEquals(Outcome.RETRY, outcome(chained("Could not convert socket to TLS", cut)));
    }

    @Test
    void permanentFailuresAreNot() {
        assertEquals(
                Outcome.FAILED,
                outcome(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid")));
        assertEquals(
                Outcome.FAILED, outcome(new MessagingException("550 5.7.1 The example.com domain is not verified")));
        assertEquals(
                Outcome.FAILED,
                outcome(new MessagingException(
                        "Could not connect to SMTP host: smtp.resend.com, port: 25, response: 554")));
        assertEquals(
                Outcome.FAILED,
                outcome(chained(
                        "Could not convert socket to TLS",
                        new SSLHandshakeException(
                                "PKIX path building failed: unable to find valid certification path"))));
        assertEquals(
                Outcome.FAILED,
                outcome(chained(
                        "Could not connect to SMTP host",
                        new java.io.IOException("Server is not trusted: smtp.example.com"))));
    }

    @Test
    void resendsDailyQuotaRefusalWaitsForTheResetWhateverItsCode() {
        assertEquals(
                Outcome.QUOTA,
                outcome(new MessagingException(
                        "550 5.7.0 daily_quota_exceeded: You have reached your daily email sending quota.")));
        assertEquals(
                Outcome.QUOTA, outcome(new MessagingException("451 4.7.0 Daily sending limit reached, try tomorrow")));
        assertEquals(
                Outcome.RETRY,
                outcome(new MessagingException("451 4.7.1 rate_limit_exceeded: Too many requests")),
                "the per-second rate limit is not the daily quota");
        assertEquals(
                Outcome.QUOTA,
                SmtpFailures.classify(new MessagingException("daily_quota_exceeded"))
                        .outcome());
    }

    @Test
    void aDifferentPayloadRefusalMeansAPeerSentIt() {
        assertEquals(
                Outcome.DEDUPLICATED,
                outcome(new MessagingException(
                        "550 5.7.0 invalid_idempotent_request: this key was used with a different payload")));
    }

    /**
     * Issue #19, finding 1: Angus wraps whatever goes wrong during AUTH in an
     * AuthenticationFailedException, with the last reply it read ({@code [EOF]} on a cut) or the
     * I/O failure as its cause. Only a 5xx reply is the server's verdict on the key.
     */
    @Test
    void aCutOrATimeoutDuringAuthIsTransientAndNoVerdictOnTheKey() {
        AuthenticationFailedException cut = new AuthenticationFailedException("[EOF]");
        AuthenticationFailedException timeout = new AuthenticationFailedException(
                "Exception reading response",
                new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out")));
        // the last reply Angus read may be the EHLO's: a 250 is no verdict either
        AuthenticationFailedException reset = new AuthenticationFailedException(
                "250 8BITMIME",
                new MessagingException("Exception reading response", new java.net.SocketException("Connection reset")));
        var config = TestConfigs.config(Map.of());
        for (AuthenticationFailedException e : new AuthenticationFailedException[] {cut, timeout, reset}) {
            assertEquals(Outcome.RETRY, outcome(e), SmtpFailures.describe(e));
            assertFalse(
                    SmtpFailures.classify(e).detail().contains("check the API key"),
                    SmtpFailures.classify(e).detail());
            String explained = SmtpFailures.explain(e, config);
            assertFalse(explained.contains("wrong or revoked"), explained);
            assertThat(explained).contains("not a verdict on the API key");
        }
        assertEquals(
                Outcome.FAILED,
                outcome(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid")));
        assertEquals(
                Outcome.FAILED,
                outcome(new AuthenticationFailedException("534 5.7.9 Authentication mechanism is too weak")));
        assertEquals(
                Outcome.FAILED,
                outcome(new AuthenticationFailedException(
                        "No authentication mechanisms supported by both server and client")));
        assertThat(SmtpFailures.explain(
                        new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid"), config))
                .contains("wrong or revoked");
    }
}
