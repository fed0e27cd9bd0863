package org.supportdesk.mail;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends one stored mail that the dispatcher could not send at once. Runs as a job of the mail-delivery process:
 * failures retry on the diagram's cycle and end as a Cockpit incident, whose Retry sends the mail.
 */
@Component("deliverMail")
public class DeliverMailDelegate implements JavaDelegate {

    private final OutboundMailRepository mails;
    private final JavaMailSender sender;
    private final MailComposer composer;
    private final Clock clock;

    public DeliverMailDelegate(OutboundMailRepository mails, JavaMailSender sender, MailComposer composer,
                               Clock clock) {
        this.mails = mails;
        this.sender = sender;
        this.composer = composer;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        long id = ((Number) execution.getVariable("mailId")).longValue();
        OutboundMail mail = mails.find(id).orElseThrow(() -> new IllegalStateException("No outbound mail " + id));
        if (OutboundMailRepository.SENT.equals(mail.status())) {
            return;
        }
        try {
            sender.send(composer.compose(mail));
        } catch (org.springframework.mail.MailException | jakarta.mail.MessagingException refused) {
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
