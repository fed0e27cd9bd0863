package org.supportdesk.ticket;

import static org.supportdesk.ticket.TicketVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A notify task: its {@code template} input names the mail text file, its {@code audience} input who gets it (one
 * or more of {@link Audience}). The ticket row fills the mail; process variables add what it lacks (for example
 * {@code workStartsAt}).
 */
@Component("notify")
class NotifyDelegate implements JavaDelegate {

    private final TicketNotifier notifier;

    NotifyDelegate(TicketNotifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notifier.notify(ticketId(execution), text(execution, TEMPLATE), Audience.list(text(execution, AUDIENCE)),
                new ProcessVariableMap(execution));
    }
}
