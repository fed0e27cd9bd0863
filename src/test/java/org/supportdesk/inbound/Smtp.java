package org.supportdesk.inbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * A customer's mail client and the desk's receiving mail server: builds a message with exactly the headers a test
 * wants and delivers it over real SMTP to the embedded server, byte for byte (what is built is what the mailbox
 * holds, after the server's own trace headers).
 * <p>
 * Like the receiving server in production, it puts an {@code Authentication-Results} header of
 * {@value #AUTHSERV_ID} on top of every message: by default one that says DMARC passed for the From domain, so the
 * sender is verified. {@link #withoutAuthenticationResults()} and {@link #withAuthenticationResults(String...)}
 * deliver as a server that could not vouch for the sender, or whose results say otherwise.
 */
final class Smtp {

    static final String SUPPORT = "support@support.example";
    static final String EXTENDED_SUPPORT = "extended-support@support.example";
    /** The receiving server's authserv-id, as application-test.yaml trusts it. */
    static final String AUTHSERV_ID = "mx.support.example";

    private static final Session SESSION = Session.getInstance(new Properties());

    private final GreenMail greenMail;
    /** The Authentication-Results header values to put on top, topmost first; null: DMARC passed for the From. */
    private final List<String> authenticationResults;

    Smtp(GreenMail greenMail) {
        this(greenMail, null);
    }

    private Smtp(GreenMail greenMail, List<String> authenticationResults) {
        this.greenMail = greenMail;
        this.authenticationResults = authenticationResults;
    }

    /** Delivers like a server that adds no Authentication-Results: nothing vouches for the sender. */
    Smtp withoutAuthenticationResults() {
        return new Smtp(greenMail, List.of());
    }

    /**
     * Delivers with these Authentication-Results header values on top instead of the passing one, the first
     * topmost ("mx.support.example; dmarc=fail header.from=example.com").
     */
    Smtp withAuthenticationResults(String... values) {
        return new Smtp(greenMail, List.of(values));
    }

    /** What the receiving server says of a message from {@code from} whose DMARC check passed. */
    static String dmarcPass(String from) {
        return AUTHSERV_ID + "; dmarc=pass (p=reject dis=none) header.from=" + domain(from);
    }

    static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** A new message from {@code from} to the support mailbox, with a fresh Message-ID. */
    static Draft mail(String from) {
        return new Draft(from);
    }

    /** Delivers a built message to the support mailbox; returns once the server has stored it. */
    void deliver(Draft draft) {
        deliver(draft.build(), draft.envelopeFrom(), draft.mailbox);
    }

    /**
     * Delivers raw RFC 822 bytes as they are, below the receiving server's Authentication-Results (the envelope
     * sender is {@code envelopeFrom}).
     */
    void deliver(byte[] raw, String envelopeFrom, String mailbox) {
        raw = withAuthenticationResults(raw);
        int before = greenMail.getReceivedMessages().length;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", greenMail.getSmtp().getBindTo());
        properties.put("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
        properties.put("mail.smtp.from", envelopeFrom);
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            transport.sendMessage(message, new Address[]{new InternetAddress(mailbox)});
        } catch (MessagingException e) {
            throw new IllegalStateException("SMTP delivery failed", e);
        }
        if (!greenMail.waitForIncomingEmail(10_000, before + 1)) {
            throw new IllegalStateException("The mail server did not store the message");
        }
    }

    /** The message as this server puts it in the mailbox (its Authentication-Results on top), not delivered. */
    byte[] received(Draft draft) {
        return withAuthenticationResults(draft.build());
    }

    /** The message with the receiving server's Authentication-Results headers on top. */
    private byte[] withAuthenticationResults(byte[] raw) {
        List<String> values = authenticationResults;
        if (values == null) {
            String from = fromOf(raw);
            values = List.of(from == null ? AUTHSERV_ID + "; dmarc=none" : dmarcPass(from));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 200);
        for (String value : values) {
            out.writeBytes(("Authentication-Results: " + value + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(raw);
        return out.toByteArray();
    }

    /** The address of the message's From header, or null. */
    private static String fromOf(byte[] raw) {
        try {
            String from = new jakarta.mail.internet.InternetHeaders(new ByteArrayInputStream(raw))
                    .getHeader("From", ",");
            InternetAddress[] addresses = from == null ? new InternetAddress[0] : InternetAddress.parseHeader(from, false);
            return addresses.length == 0 ? null : addresses[0].getAddress();
        } catch (MessagingException unreadable) {
            return null;
        }
    }

    /**
     * A message whose body is {@code levels} multiparts nested in each other around one line of text (each level
     * with its own boundary, so that a MIME parser really finds them nested).
     */
    static byte[] nestedMultiparts(String from, String messageId, String subject, int levels) {
        StringBuilder raw = new StringBuilder(80 * levels + 400);
        raw.append("From: ").append(from).append("\r\nTo: ").append(SUPPORT).append("\r\nSubject: ").append(subject)
                .append("\r\nMessage-ID: ").append(messageId).append("\r\nMIME-Version: 1.0\r\n");
        for (int level = 0; level < levels; level++) {
            raw.append("Content-Type: multipart/mixed; boundary=b").append(level).append("\r\n\r\n--b").append(level)
                    .append("\r\n");
        }
        raw.append("Content-Type: text/plain\r\n\r\nThe innermost part.\r\n");
        for (int level = levels - 1; level >= 0; level--) {
            raw.append("--b").append(level).append("--\r\n");
        }
        return raw.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A message whose body is one multipart of {@code parts} short text parts side by side. */
    static byte[] siblingParts(String from, String messageId, String subject, int parts) {
        StringBuilder raw = new StringBuilder(40 * parts + 400);
        raw.append("From: ").append(from).append("\r\nTo: ").append(SUPPORT).append("\r\nSubject: ").append(subject)
                .append("\r\nMessage-ID: ").append(messageId)
                .append("\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=s\r\n\r\n");
        for (int part = 0; part < parts; part++) {
            raw.append("--s\r\nContent-Type: text/plain\r\n\r\nPart ").append(part).append("\r\n");
        }
        raw.append("--s--\r\n");
        return raw.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] bytes(String rfc822) {
        return rfc822.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A message under construction. */
    static final class Draft {
        private final String from;
        private String fromName;
        private String mailbox = SUPPORT;
        private final List<String> cc = new ArrayList<>();
        private String subject = "Policy evaluation fails";
        private String text = "Evaluating the default policy fails with an error.";
        private String html;
        private String messageId = "<" + UUID.randomUUID() + "@mail.customer.example>";
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<MimeBodyPart> attachments = new ArrayList<>();

        private Draft(String from) {
            this.from = from;
        }

        Draft fromName(String name) {
            this.fromName = name;
            return this;
        }

        Draft to(String mailbox) {
            this.mailbox = mailbox;
            return this;
        }

        Draft cc(String... addresses) {
            cc.addAll(List.of(addresses));
            return this;
        }

        Draft subject(String subject) {
            this.subject = subject;
            return this;
        }

        Draft text(String text) {
            this.text = text;
            return this;
        }

        /** An HTML-only mail (no text/plain part). */
        Draft htmlOnly(String html) {
            this.html = html;
            this.text = null;
            return this;
        }

        Draft messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        Draft withoutMessageId() {
            this.messageId = null;
            return this;
        }

        Draft inReplyTo(String messageId) {
            return header("In-Reply-To", messageId);
        }

        Draft references(String messageIds) {
            return header("References", messageIds);
        }

        Draft header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Draft attach(String fileName, String contentType, byte[] content) {
            try {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, contentType)));
                part.setFileName(fileName);
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                attachments.add(part);
                return this;
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        String messageId() {
            return messageId;
        }

        String from() {
            return from;
        }

        String envelopeFrom() {
            return from;
        }

        byte[] build() {
            try {
                MimeMessage message = new MimeMessage(SESSION) {
                    @Override
                    protected void updateMessageID() throws MessagingException {
                        if (messageId == null) {
                            removeHeader("Message-ID");
                        } else {
                            setHeader("Message-ID", messageId);
                        }
                    }
                };
                message.setFrom(fromName == null ? new InternetAddress(from) : new InternetAddress(from, fromName,
                        "UTF-8"));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress(mailbox));
                for (String address : cc) {
                    message.addRecipient(Message.RecipientType.CC, new InternetAddress(address));
                }
                message.setSubject(subject, "UTF-8");
                message.setHeader("Date", "Tue, 1 Dec 2026 10:00:00 -0500");
                MimeBodyPart body = new MimeBodyPart();
                if (html != null) {
                    body.setContent(html, "text/html; charset=UTF-8");
                } else {
                    body.setText(text, "UTF-8");
                }
                if (attachments.isEmpty()) {
                    if (html != null) {
                        message.setContent(html, "text/html; charset=UTF-8");
                    } else {
                        message.setText(text, "UTF-8");
                    }
                } else {
                    MimeMultipart mixed = new MimeMultipart("mixed");
                    mixed.addBodyPart(body);
                    for (MimeBodyPart attachment : attachments) {
                        mixed.addBodyPart(attachment);
                    }
                    message.setContent(mixed);
                }
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    message.setHeader(header.getKey(), header.getValue());
                }
                message.saveChanges();
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                message.writeTo(raw);
                return raw.toByteArray();
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
