package org.supportdesk.mail;

import static org.supportdesk.mail.MailDeliveryVariables.MAIL_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends one stored mail that the dispatcher could not send at once. Runs as a job of the mail-delivery process:
 * failures retry on the diagram's cycle and end as a Cockpit incident, whose Retry sends the mail.
 */
@Component("deliverMail")
class DeliverMailDelegate implements JavaDelegate {

    private final MailDelivery delivery;

    DeliverMailDelegate(MailDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void execute(DelegateExecution execution) {
        delivery.deliver(((Number) execution.getVariable(MAIL_ID)).longValue());
    }
}
