package org.supportdesk.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.List;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

/**
 * Turns a stored mail into the message that goes over SMTP, with its threading and loop-prevention headers. A mail
 * with files (an agent's answer) is multipart: the text, then each file as an attachment, read from the attachment
 * store as it is sent.
 */
@Component
class MailComposer {

    private final JavaMailSender sender;
    private final MailSettings settings;
    private final Clock clock;
    private final OutboundMailRepository mails;
    private final StoredFiles files;

    MailComposer(JavaMailSender sender, MailSettings settings, Clock clock, OutboundMailRepository mails,
                 StoredFiles files) {
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.mails = mails;
        this.files = files;
    }

    MimeMessage compose(OutboundMail mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        List<MailFile> attached = mails.files(mail.id());
        MimeMessageHelper helper = new MimeMessageHelper(message, !attached.isEmpty(), "UTF-8");
        try {
            helper.setFrom(new InternetAddress(settings.supportAddress(), settings.senderName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        helper.setTo(mail.to().toArray(String[]::new));
        if (!mail.cc().isEmpty()) {
            helper.setCc(mail.cc().toArray(String[]::new));
        }
        helper.setSubject(mail.subject());
        helper.setText(mail.body(), false);
        for (MailFile file : attached) {
            helper.getRootMimeMultipart().addBodyPart(attachment(file));
        }
        helper.setSentDate(Date.from(clock.instant()));
        // JavaMailSenderImpl keeps an explicitly set Message-ID through saveChanges()
        message.setHeader("Message-ID", mail.messageId());
        if (mail.inReplyTo() != null) {
            message.setHeader("In-Reply-To", mail.inReplyTo());
        }
        if (mail.references() != null) {
            message.setHeader("References", mail.references());
        }
        if (mail.autoSubmitted() != null) {
            message.setHeader("Auto-Submitted", mail.autoSubmitted());
        }
        return message;
    }

    /**
     * A file as an attachment, byte for byte: base64 whatever its type (a text file sent as text would have its line
     * ends rewritten to CRLF, and the customer would receive a file other than the one on the ticket).
     */
    private MimeBodyPart attachment(MailFile file) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new DataSource() {
            @Override
            public InputStream getInputStream() throws IOException {
                return files.open(file.sha256());
            }

            @Override
            public OutputStream getOutputStream() {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public String getContentType() {
                return contentType(file.contentType());
            }

            @Override
            public String getName() {
                return file.fileName();
            }
        }));
        part.setDisposition(Part.ATTACHMENT);
        try {
            part.setFileName(MimeUtility.encodeText(file.fileName(), "UTF-8", null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /** The type the uploader's browser named, when MIME can carry it; else a file of bytes. */
    private static String contentType(String type) {
        try {
            return new ContentType(type).getBaseType();
        } catch (ParseException | NullPointerException unusable) {
            return "application/octet-stream";
        }
    }
}
