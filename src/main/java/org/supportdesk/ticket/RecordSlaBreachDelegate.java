package org.supportdesk.ticket;

import static org.supportdesk.ticket.TicketVariables.FIRST_RESPONSE_BREACHED;
import static org.supportdesk.ticket.TicketVariables.ticketId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** R11: the target passed without an answer; {@code firstResponseBreached} lets managers filter for it in Cockpit. */
@Component("recordSlaBreach")
class RecordSlaBreachDelegate implements JavaDelegate {

    private final TicketWorkflow workflow;

    RecordSlaBreachDelegate(TicketWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public void execute(DelegateExecution execution) {
        workflow.recordFirstResponseBreach(ticketId(execution));
        execution.setVariable(FIRST_RESPONSE_BREACHED, true);
    }
}
