package dev.alertmail.internal.delivery;

import dev.alertmail.internal.config.AlertConfig;
import dev.alertmail.internal.render.EmailRenderer;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Turns rendered parts into the MIME bytes every attempt sends: multipart/alternative (text, then
 * HTML), our headers, and a Message-ID on the configured {@code localhost} domain (Jakarta Mail
 * would look the machine's name up for each message, and leak it).
 */
public final class MimeComposer {

    public static final String IDEMPOTENCY_HEADER = "Resend-Idempotency-Key";
    static final String ENTITY_REF_HEADER = "X-Entity-Ref-ID";

    private final AlertConfig config;
    private final Session session = Session.getInstance(new Properties()); // builds MIME only, never connects

    public MimeComposer(AlertConfig config) {
        this.config = config;
    }

    public byte[] compose(
            EmailRenderer.Rendered rendered, String idempotencyKey, String entityRefId, long now, String localhost) {
        return compose(rendered, idempotencyKey, entityRefId, now, localhost, -1);
    }

    /** @param events the events this email announces, in {@code X-Alertmail-Events} (mail filters, audits); -1: none */
    public byte[] compose(
            EmailRenderer.Rendered rendered,
            String idempotencyKey,
            String entityRefId,
            long now,
            String localhost,
            long events) {
        try {
            String messageId = "<" + entityRefId + "@" + localhost + ">";
            MimeMessage msg = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            msg.setFrom(config.from());
            msg.setRecipients(Message.RecipientType.TO, config.to().toArray(new Address[0]));
            if (!config.cc().isEmpty()) {
                msg.setRecipients(Message.RecipientType.CC, config.cc().toArray(new Address[0]));
            }
            if (!config.bcc().isEmpty()) {
                msg.setRecipients(Message.RecipientType.BCC, config.bcc().toArray(new Address[0]));
            }
            if (!config.replyTo().isEmpty()) {
                msg.setReplyTo(config.replyTo().toArray(new Address[0]));
            }
            msg.setSubject(rendered.subject(), StandardCharsets.UTF_8.name()); // RFC 2047 when not ASCII
            msg.setSentDate(new Date(now));
            msg.setHeader(IDEMPOTENCY_HEADER, idempotencyKey);
            msg.setHeader(ENTITY_REF_HEADER, entityRefId);
            msg.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no auto-replies to alerts
            if (events >= 0) {
                msg.setHeader("X-Alertmail-Events", Long.toString(events));
            }

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
}
