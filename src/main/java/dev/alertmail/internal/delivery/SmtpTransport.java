package dev.alertmail.internal.delivery;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.config.Security;
import dev.alertmail.internal.config.TlsTrust;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The only class that talks SMTP: a Jakarta Mail (Angus) session for Resend's ports (implicit
 * TLS, required STARTTLS, or explicit plaintext), one connection per attempt. The session is made
 * on first use with the {@code localhost} looked up once; sends come from the sender thread, and
 * at stop from the stopping thread (the drain), never from both at once.
 */
public final class SmtpTransport implements EmailTransport {

    private final AlertConfig config;
    private final HostIdentity hostNames;
    private final String protocol;
    private final Function<Properties, Session> sessions;
    private @Nullable Session session;

    public SmtpTransport(AlertConfig config, HostIdentity hostNames) {
        this(config, hostNames, Session::getInstance);
    }

    /** @param sessions makes the Jakarta Mail session from its properties; tests plug in a misbehaving provider */
    SmtpTransport(AlertConfig config, HostIdentity hostNames, Function<Properties, Session> sessions) {
        this.config = config;
        this.hostNames = hostNames;
        this.protocol = config.security() == Security.SMTPS ? "smtps" : "smtp";
        this.sessions = sessions;
    }

    @Override
    public SendResult send(byte[] mime, long timeoutCapMillis) {
        Transport transport = null;
        try {
            Session s = session(timeoutCapMillis);
            MimeMessage msg = new MimeMessage(s, new ByteArrayInputStream(mime));
            transport = connect(s);
            transport.sendMessage(msg, msg.getAllRecipients());
            return SendResult.sent();
        } catch (MessagingException e) {
            return SmtpFailures.classify(e);
        } catch (RuntimeException e) {
            // Why retry: a bug or race in the mail library says nothing about this email; a retry costs one attempt per
            // backoff step (given up after 23 h like any), dropping costs the alert. Delivery.attempt does the same.
            return SendResult.retry("unexpected " + e);
        } finally {
            close(transport);
        }
    }

    @Override
    public @Nullable String check() {
        Transport transport = null;
        try {
            transport = connect(session(Long.MAX_VALUE));
            return null;
        } catch (MessagingException e) {
            return SmtpFailures.explain(e, config);
        } finally {
            close(transport);
        }
    }

    private Transport connect(Session s) throws MessagingException {
        Transport t = s.getTransport(protocol);
        boolean auth = !config.username().isEmpty();
        t.connect(
                config.smtpHost(), config.smtpPort(), auth ? config.username() : null, auth ? config.password() : null);
        return t;
    }

    /** The session; with a cap below the configured timeouts (shutdown), a one-off session honouring it. */
    private synchronized Session session(long timeoutCapMillis) {
        long connect = config.connectTimeout().toMillis();
        long io = config.timeout().toMillis();
        if (timeoutCapMillis < Math.max(connect, io)) {
            long cap = Math.max(1, timeoutCapMillis);
            return sessions.apply(properties(Math.min(connect, cap), Math.min(io, cap)));
        }
        if (session == null) {
            session = sessions.apply(properties(connect, io));
        }
        return session;
    }

    Properties properties(long connectMillis, long ioMillis) {
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty(p + "host", config.smtpHost());
        props.setProperty(p + "port", Integer.toString(config.smtpPort()));
        props.setProperty(p + "auth", Boolean.toString(!config.username().isEmpty()));
        props.setProperty(p + "connectiontimeout", Long.toString(connectMillis));
        props.setProperty(p + "timeout", Long.toString(ioMillis));
        props.setProperty(p + "writetimeout", Long.toString(ioMillis));
        props.setProperty(p + "localhost", hostNames.localhost());
        if (config.security() != Security.NONE) {
            // identity is checked unless the user listed this very host in sslTrust (a private relay or a test)
            boolean trusted = config.sslTrust() != null && TlsTrust.trusts(config.sslTrust(), config.smtpHost());
            props.setProperty(p + "ssl.checkserveridentity", Boolean.toString(!trusted));
            props.setProperty(p + "ssl.protocols", "TLSv1.3 TLSv1.2");
            if (config.sslTrust() != null) {
                props.setProperty(p + "ssl.trust", config.sslTrust());
            }
        }
        if (config.security() == Security.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true"); // never fall back to plaintext
        }
        return props;
    }

    private static void close(@Nullable Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the message is already accepted or the failure already classified
            }
        }
    }
}
