package org.supportdesk.mail;

import java.time.Clock;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

import jakarta.mail.MessagingException;

/** Sends one stored mail that the dispatcher handed to the {@code mail-delivery} process; sent mail stays sent. */
@Service
public class MailDelivery {

    private final OutboundMailRepository mails;
    private final JavaMailSender sender;
    private final MailComposer composer;
    private final Clock clock;

    MailDelivery(OutboundMailRepository mails, JavaMailSender sender, MailComposer composer, Clock clock) {
        this.mails = mails;
        this.sender = sender;
        this.composer = composer;
        this.clock = clock;
    }

    public void deliver(long id) {
        OutboundMail mail = mails.find(id).orElseThrow(() -> new IllegalStateException("No outbound mail " + id));
        if (OutboundMailRepository.SENT.equals(mail.status())) {
            return;
        }
        try {
            sender.send(composer.compose(mail));
        } catch (MailException | MessagingException refused) {
            // the incident shows this message in Cockpit: say what happened and what to do
            throw new IllegalStateException("The SMTP server did not accept mail " + id + " (" + mail.template()
                    + " to " + String.join(", ", mail.to()) + "): " + rootMessage(refused) + ". Check the address"
                    + " and the mail server; Retry sends the mail again.", refused);
        }
        mails.markSent(id, clock.instant());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
    }
}
