package org.supportdesk.mail;

import java.time.Clock;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Sends one stored mail over SMTP. Runs in its own job: failures retry and end as a Cockpit incident. */
@Component("deliverMail")
public class DeliverMailDelegate implements JavaDelegate {

    private final OutboundMailRepository mails;
    private final JavaMailSender sender;
    private final MailSettings settings;
    private final Clock clock;

    public DeliverMailDelegate(OutboundMailRepository mails, JavaMailSender sender, MailSettings settings,
                               Clock clock) {
        this.mails = mails;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        long id = ((Number) execution.getVariable("mailId")).longValue();
        OutboundMail mail = mails.find(id).orElseThrow(() -> new IllegalStateException("No outbound mail " + id));
        if (OutboundMailRepository.SENT.equals(mail.status())) {
            return;
        }
        sender.send(mimeMessage(mail));
        mails.markSent(id, clock.instant());
    }

    private MimeMessage mimeMessage(OutboundMail mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        try {
            helper.setFrom(new InternetAddress(settings.supportAddress(), settings.senderName(), "UTF-8"));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        helper.setTo(mail.to().toArray(String[]::new));
        if (!mail.cc().isEmpty()) {
            helper.setCc(mail.cc().toArray(String[]::new));
        }
        helper.setSubject(mail.subject());
        helper.setText(mail.body(), false);
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
