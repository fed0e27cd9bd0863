package org.supportdesk.mail;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.List;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

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
            helper.addAttachment(file.fileName(), () -> files.open(file.sha256()), file.contentType());
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
}
