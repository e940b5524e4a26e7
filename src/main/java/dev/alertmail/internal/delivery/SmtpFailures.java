package dev.alertmail.internal.delivery;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.Security;
import dev.alertmail.internal.text.Text;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What a Jakarta Mail failure means: transient (retry with the same bytes and key), permanent
 * (report once, drop), or Resend's idempotency refusals; and, for the configuration check, the
 * same in an operator's words.
 */
public final class SmtpFailures {

    /** A server reply starts with its code ({@code 454 4.7.0 …}); Angus quotes a greeting as {@code response: 421}. */
    private static final Pattern REPLY_CODE = Pattern.compile("^([2-5]\\d\\d)(?=[ -]|$)|response: ([2-5]\\d\\d)\\b");

    private static final String AUTH_INTERRUPTED =
            "authentication did not complete (connection cut, timed out or refused for now; not a verdict on the API key): ";

    private SmtpFailures() {}

    /** Resend's refusal of a key it knows with another payload (not a peer's same email). */
    static boolean differentPayload(String detail) {
        String lower = detail.toLowerCase(Locale.ROOT);
        return lower.contains("different payload") || lower.contains("invalid_idempotent_request");
    }

    public static SendResult classify(MessagingException e) {
        String reply = describe(e);
        String lower = reply.toLowerCase(Locale.ROOT);
        int code = replyCode(e, reply);
        if (lower.contains("invalid_idempotent_request") || lower.contains("different payload")) {
            return SendResult.deduplicated(reply); // a peer already sent this alert under this key
        }
        if (isDailyQuota(lower)) {
            return SendResult.quota(reply); // before the 4xx/5xx rules: whatever its code, only time fixes it
        }
        if (lower.contains("concurrent_idempotent_requests")) {
            return SendResult.retry(reply);
        }
        if (lower.contains("server is not trusted")) {
            return SendResult.failed("TLS: the server is not listed in sslTrust (check sslTrust/smtpHost): " + reply);
        }
        if (isTlsRefusal(e, lower)) {
            return SendResult.failed("TLS problem (check smtpPort/security/sslTrust): " + reply);
        }
        if (e instanceof AuthenticationFailedException) {
            if (lower.contains("no authentication mechanisms") || lower.contains("need username and password")) {
                return SendResult.failed("authentication impossible (check username/password/security): " + reply);
            }
            return isAuthRefusal(e, code)
                    ? SendResult.failed("authentication rejected (check the API key): " + reply)
                    : SendResult.retry(
                            AUTH_INTERRUPTED + reply); // a cut, a timeout, 454 4.7.0: retried with the same key
        }
        if (code >= 500) {
            return SendResult.failed(reply);
        }
        return SendResult.retry(reply); // 4xx, rate limits, connection refused, reset, timeouts, a cut handshake
    }

    /**
     * Resend's refusal once the day's quota is spent (free plan: 100 emails a day, each recipient
     * counting): its error name {@code daily_quota_exceeded}, or its message about the daily quota
     * or daily sending limit. Retrying before the quota resets only spends more refusals.
     */
    static boolean isDailyQuota(String lower) {
        return lower.contains("daily_quota_exceeded")
                || lower.contains("daily") && (lower.contains("quota") || lower.contains("sending limit"));
    }

    /**
     * Whether a failed AUTH is the server's verdict on the credentials: a 5xx reply to it. Angus
     * wraps anything that goes wrong during AUTH in an {@link AuthenticationFailedException} with
     * the last reply it read ({@code [EOF]} when the connection was cut, maybe the EHLO's 250) or
     * the I/O failure (a read timeout, a reset) as its cause: none of those says the key is wrong.
     */
    private static boolean isAuthRefusal(MessagingException e, int code) {
        return code >= 500 && !hasCause(e, IOException.class);
    }

    /** Certificate or protocol trouble that retrying cannot fix; a handshake cut by EOF or reset is not one. */
    private static boolean isTlsRefusal(MessagingException e, String lower) {
        if (lower.contains("starttls is required")
                || lower.contains("pkix")
                || lower.contains("subject alternative")
                || lower.contains("no name matching")
                || lower.contains("certificate")) {
            return true;
        }
        return hasCause(e, SSLHandshakeException.class)
                && !hasCause(e, EOFException.class)
                && !hasCause(e, SocketException.class)
                && !lower.contains("remote host terminated")
                && !lower.contains("connection reset");
    }

    /** A failure in the words an operator needs: what is wrong and which setting to look at. */
    static String explain(MessagingException e, AlertConfig c) {
        String reply = describe(e);
        String lower = reply.toLowerCase(Locale.ROOT);
        String where = c.smtpHost() + ":" + c.smtpPort() + " (" + c.security() + ")";
        int code = replyCode(e, reply);
        if (e instanceof AuthenticationFailedException
                && !isAuthRefusal(e, code)
                && !lower.contains("no authentication mechanisms")) {
            return "authentication with " + where + " did not complete: the connection was cut or timed out, or the"
                    + " server refused for now, before it judged the credentials (not a verdict on the API key; try"
                    + " again, and check the network if it persists). Detail: " + reply;
        }
        if (e instanceof AuthenticationFailedException || code == 535) {
            return "authentication rejected by " + where + ": the API key (SMTP password) is wrong or revoked."
                    + " Server said: " + reply;
        }
        if (lower.contains("starttls is required")) {
            return where + " does not offer STARTTLS: use port 465/2465 with SMTPS, or check smtpPort/security."
                    + " Server said: " + reply;
        }
        if (lower.contains("server is not trusted") || isTlsRefusal(e, lower)) {
            return "TLS failed with " + where + ": the certificate is not trusted or not for this host (sslTrust lists"
                    + " hosts to trust without validation). Detail: " + reply;
        }
        if (hasCause(e, SSLException.class)
                || lower.contains("unrecognized ssl message")
                || lower.contains("plaintext connection")) {
            return "TLS handshake failed with " + where + ": this port probably expects "
                    + (c.security() == Security.SMTPS
                            ? "STARTTLS (security=STARTTLS)"
                            : "implicit TLS (security=SMTPS)")
                    + ". Detail: " + reply;
        }
        if (hasCause(e, java.net.SocketTimeoutException.class) && c.security() == Security.SMTPS) {
            return "no TLS answer from " + where + " within the timeout: the port may expect plaintext/STARTTLS."
                    + " Detail: " + reply;
        }
        if (hasCause(e, IOException.class)) {
            return "cannot connect to " + where + ": " + reply;
        }
        if (code == 550 || code == 553 || code == 554 || lower.contains("domain") && lower.contains("verif")) {
            return "the server refused the message: the sender domain may not be verified in Resend, or a"
                    + " recipient is rejected. Server said: " + reply;
        }
        return reply;
    }

    /**
     * The SMTP reply code, from Angus's exceptions or from the start of a message in the chain;
     * -1 when there is none (never a number that merely appears in the text, like a timeout).
     */
    static int replyCode(MessagingException e, String reply) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (x instanceof SMTPSenderFailedException f) {
                return f.getReturnCode();
            }
        }
        for (String part : reply.split(" / ")) {
            Matcher m = REPLY_CODE.matcher(part.trim());
            if (m.find()) {
                return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return -1;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (int i = 0; t != null && i < 10; i++) {
            if (type.isInstance(t)) {
                return true;
            }
            t = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        }
        return false;
    }

    /** The server's reply or the underlying cause, on one line. Never contains the password. */
    static String describe(MessagingException e) {
        List<String> parts = new ArrayList<>();
        for (Exception x = e; x != null && parts.size() < 4; ) {
            String m = x.getMessage();
            if (m != null && !m.isBlank() && !parts.contains(m.trim())) {
                parts.add(m.trim());
            }
            Exception next = x instanceof MessagingException me ? me.getNextException() : null;
            if (next == null && x.getCause() instanceof Exception c && c != x) {
                next = c;
            }
            x = next;
        }
        return Text.singleLine(parts.isEmpty() ? e.getClass().getName() : String.join(" / ", parts));
    }
}
