package org.supportdesk.ticket;

import static org.supportdesk.ticket.TicketVariables.*;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Moves the ticket to the task's {@code toStatus} input (with {@code reason} when closing), mirrored for Cockpit. */
@Component("setTicketStatus")
class SetTicketStatusDelegate implements JavaDelegate {

    private final TicketWorkflow workflow;

    SetTicketStatusDelegate(TicketWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TicketWorkflow.StatusChange change = workflow.changeStatus(ticketId(execution),
                FormChoices.status(execution, TO_STATUS), FormChoices.closeReason(execution, REASON));
        status(execution, change.status(), change.reason());
        if (change.status() == TicketStatus.PENDING) {
            execution.setVariable(PENDING_SINCE, Date.from(change.at()));
        }
    }
}
