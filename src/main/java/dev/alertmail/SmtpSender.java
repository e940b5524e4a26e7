package dev.alertmail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * The only class that talks SMTP. Builds a Jakarta Mail session for Resend's ports (implicit TLS,
 * required STARTTLS, or explicit plaintext), turns a rendered alert into MIME bytes once, and sends
 * those exact bytes on every attempt so a retry is byte-for-byte the same email.
 */
public final class SmtpSender {

    public static final String IDEMPOTENCY_HEADER = "Resend-Idempotency-Key";
    public static final String ENTITY_REF_HEADER = "X-Entity-Ref-ID";

    private final AlertConfig config;
    private final Session session;
    /** Same settings, timeouts capped by shutdownTimeout: a stalled server cannot hold stop() hostage. */
    private final Session shutdownSession;
    private final String protocol;

    public SmtpSender(AlertConfig config) {
        this.config = config;
        this.protocol = config.security == Security.SMTPS ? "smtps" : "smtp";
        this.session = Session.getInstance(sessionProperties(config, protocol));
        Properties shutdown = sessionProperties(config, protocol);
        long cap = Math.max(1, config.shutdownTimeout.toMillis());
        for (String t : new String[] {"connectiontimeout", "timeout", "writetimeout"}) {
            String k = "mail." + protocol + "." + t;
            shutdown.setProperty(k, Long.toString(Math.min(cap, Long.parseLong(shutdown.getProperty(k)))));
        }
        this.shutdownSession = Session.getInstance(shutdown);
    }

    static Properties sessionProperties(AlertConfig c, String protocol) {
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty(p + "host", c.smtpHost);
        props.setProperty(p + "port", Integer.toString(c.smtpPort));
        props.setProperty(p + "auth", Boolean.toString(!c.username.isEmpty()));
        props.setProperty(p + "connectiontimeout", Long.toString(c.connectTimeout.toMillis()));
        props.setProperty(p + "timeout", Long.toString(c.timeout.toMillis()));
        props.setProperty(p + "writetimeout", Long.toString(c.timeout.toMillis()));
        if (c.security != Security.NONE) {
            // Identity is checked unless the user listed this very host in sslTrust (a private relay or test).
            props.setProperty(p + "ssl.checkserveridentity", Boolean.toString(!trusts(c.sslTrust, c.smtpHost)));
            props.setProperty(p + "ssl.protocols", "TLSv1.3 TLSv1.2");
            if (c.sslTrust != null) {
                props.setProperty(p + "ssl.trust", c.sslTrust);
            }
        }
        if (c.security == Security.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true"); // never fall back to plaintext
        }
        return props;
    }

    /** Jakarta Mail's {@code ssl.trust}: "*" or a whitespace-separated host list. */
    static boolean trusts(String sslTrust, String host) {
        if (sslTrust == null) {
            return false;
        }
        for (String h : sslTrust.trim().split("\\s+")) {
            if (h.equals("*") || h.equalsIgnoreCase(host)) {
                return true;
            }
        }
        return false;
    }

    /** Builds the MIME message once: multipart/alternative (text, then HTML) plus our headers. */
    public byte[] toMime(AlertRenderer.Rendered rendered, String idempotencyKey, String entityRefId, long now) {
        try {
            MimeMessage msg = new MimeMessage(session);
            msg.setFrom(config.from);
            msg.setRecipients(Message.RecipientType.TO, config.to.toArray(new Address[0]));
            if (!config.cc.isEmpty()) {
                msg.setRecipients(Message.RecipientType.CC, config.cc.toArray(new Address[0]));
            }
            if (!config.bcc.isEmpty()) {
                msg.setRecipients(Message.RecipientType.BCC, config.bcc.toArray(new Address[0]));
            }
            msg.setSubject(rendered.subject(), StandardCharsets.UTF_8.name()); // RFC 2047 when not ASCII
            msg.setSentDate(new Date(now));
            msg.setHeader(IDEMPOTENCY_HEADER, idempotencyKey);
            msg.setHeader(ENTITY_REF_HEADER, entityRefId);
            msg.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no auto-replies to alerts

            MimeBodyPart text = new MimeBodyPart();
            text.setText(rendered.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(rendered.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            msg.setContent(alternative);
            msg.saveChanges();

            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            msg.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot build the alert email: " + e.getMessage(), e);
        }
    }

    /** Sends MIME bytes built by {@link #toMime}; classifies the outcome, never throws. */
    public SendResult send(byte[] mime) {
        return send(mime, session);
    }

    /** Like {@link #send(byte[])} with timeouts no longer than {@code shutdownTimeout}. */
    public SendResult sendDuringShutdown(byte[] mime) {
        return send(mime, shutdownSession);
    }

    private SendResult send(byte[] mime, Session session) {
        Transport transport = null;
        try {
            MimeMessage msg = new MimeMessage(session, new ByteArrayInputStream(mime));
            transport = session.getTransport(protocol);
            if (config.username.isEmpty()) {
                transport.connect(config.smtpHost, config.smtpPort, null, null);
            } else {
                transport.connect(config.smtpHost, config.smtpPort, config.username, config.password);
            }
            transport.sendMessage(msg, msg.getAllRecipients());
            return SendResult.sent();
        } catch (MessagingException e) {
            return classify(e);
        } catch (RuntimeException e) {
            return SendResult.failed("unexpected " + e.getClass().getName() + ": " + e.getMessage());
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the message is already accepted or the failure already classified
                }
            }
        }
    }

    /**
     * Connects with the configured security, authenticates and disconnects, for a configuration
     * check. Returns {@code null} when all of that worked, otherwise what went wrong in plain words.
     */
    public String checkConnection() {
        Transport transport = null;
        try {
            transport = session.getTransport(protocol);
            if (config.username.isEmpty()) {
                transport.connect(config.smtpHost, config.smtpPort, null, null);
            } else {
                transport.connect(config.smtpHost, config.smtpPort, config.username, config.password);
            }
            return null;
        } catch (MessagingException e) {
            return explain(e);
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // checked already
                }
            }
        }
    }

    /** A failure in the words an operator needs: what is wrong and which setting to look at. */
    String explain(MessagingException e) {
        String reply = describe(e);
        String lower = reply.toLowerCase(Locale.ROOT);
        String where = config.smtpHost + ":" + config.smtpPort + " (" + config.security + ")";
        if (e instanceof AuthenticationFailedException || lower.startsWith("535") || lower.contains(" 535 ")) {
            return "authentication rejected by " + where + ": the API key (SMTP password) is wrong or revoked."
                    + " Server said: " + reply;
        }
        if (lower.contains("starttls is required")) {
            return where + " does not offer STARTTLS: use port 465/2465 with SMTPS, or check smtpPort/security."
                    + " Server said: " + reply;
        }
        if (hasCause(e, javax.net.ssl.SSLHandshakeException.class) || lower.contains("pkix")
                || lower.contains("subject alternative") || lower.contains("no name matching")) {
            return "TLS failed with " + where + ": the certificate is not trusted or not for this host (sslTrust lists"
                    + " hosts to trust without validation). Detail: " + reply;
        }
        if (hasCause(e, javax.net.ssl.SSLException.class) || lower.contains("unrecognized ssl message")
                || lower.contains("plaintext connection")) {
            return "TLS handshake failed with " + where + ": this port probably expects "
                    + (config.security == Security.SMTPS ? "STARTTLS (security=STARTTLS)" : "implicit TLS (security=SMTPS)")
                    + ". Detail: " + reply;
        }
        if (hasCause(e, java.net.SocketTimeoutException.class) && config.security == Security.SMTPS) {
            return "no TLS answer from " + where + " within the timeout: the port may expect plaintext/STARTTLS."
                    + " Detail: " + reply;
        }
        if (e instanceof MailConnectException || hasIoCause(e)) {
            return "cannot connect to " + where + ": " + reply;
        }
        int code = replyCode(e);
        if (code == 550 || code == 553 || code == 554 || lower.contains("domain") && lower.contains("verif")) {
            return "the server refused the message: the sender domain may not be verified in Resend, or a"
                    + " recipient is rejected. Server said: " + reply;
        }
        return reply;
    }

    /** Decides transient vs permanent from the SMTP reply code and text; DESIGN.md step 5 and 6. */
    static SendResult classify(MessagingException e) {
        String reply = describe(e);
        String lower = reply.toLowerCase(Locale.ROOT);
        if (lower.contains("invalid_idempotent_request") || lower.contains("different payload")) {
            return SendResult.deduplicated(reply);
        }
        if (lower.contains("concurrent_idempotent_requests")) {
            return SendResult.retry(reply);
        }
        if (hasCause(e, javax.net.ssl.SSLHandshakeException.class) || lower.contains("pkix")
                || lower.contains("subject alternative") || lower.contains("no name matching")
                || lower.contains("starttls is required")) {
            return SendResult.failed("TLS problem (check smtpPort/security/sslTrust): " + reply);
        }
        if (e instanceof AuthenticationFailedException) {
            return SendResult.failed("authentication rejected (check the API key): " + reply);
        }
        int code = replyCode(e);
        if (code >= 500) {
            return SendResult.failed(reply);
        }
        if (code >= 400 || lower.contains("rate limit") || lower.contains("too many")) {
            return SendResult.retry(reply);
        }
        if (e instanceof MailConnectException || hasIoCause(e)) {
            return SendResult.retry(reply);
        }
        return SendResult.retry(reply);
    }

    private static int replyCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
        }
        if (e instanceof SendFailedException sfe) {
            // Angus wraps per-recipient failures; their codes are in the nested exceptions above
            Address[] invalid = sfe.getInvalidAddresses();
            if (invalid != null && invalid.length > 0) {
                return 550;
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

    private static boolean hasIoCause(Throwable t) {
        for (int i = 0; t != null && i < 10; i++, t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof InterruptedIOException
                    || t instanceof UnknownHostException || t instanceof SocketException) {
                return true;
            }
            if (t instanceof IOException && !(t instanceof javax.net.ssl.SSLException)) {
                return true;
            }
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

    /** Outcome of one attempt. */
    public record SendResult(Outcome outcome, String detail) {
        public enum Outcome { SENT, RETRY, DEDUPLICATED, FAILED }

        static SendResult sent() { return new SendResult(Outcome.SENT, "250 OK"); }
        static SendResult retry(String d) { return new SendResult(Outcome.RETRY, d); }
        static SendResult deduplicated(String d) { return new SendResult(Outcome.DEDUPLICATED, d); }
        static SendResult failed(String d) { return new SendResult(Outcome.FAILED, d); }
    }
}
