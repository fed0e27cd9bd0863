package org.supportdesk.ticket;

import static org.supportdesk.ticket.TicketVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records the {@code team} and {@code priority} (from routing or triage), and triage's {@code product}/{@code topic},
 * read as their types: a value that is none of the choices is refused to the agent ({@link FormChoices}). Before the
 * first response the first-response timer follows triage's priority (R11; at routing there is none yet).
 */
@Component("recordRouting")
class RecordRoutingDelegate implements JavaDelegate {

    private final TicketWorkflow workflow;
    private final ActingStaff acting;

    RecordRoutingDelegate(TicketWorkflow workflow, ActingStaff acting) {
        this.workflow = workflow;
        this.acting = acting;
    }

    @Override
    public void execute(DelegateExecution execution) {
        workflow.recordRouting(ticketId(execution), new Routing(FormChoices.priority(execution, PRIORITY, true),
                FormChoices.team(execution, TEAM, true), FormChoices.product(execution, PRODUCT),
                FormChoices.topic(execution, TOPIC), acting.signedIn()));
        if (execution.getVariable(FIRST_RESPONDED_AT) == null) {
            workflow.moveFirstResponseTarget(ticketId(execution), execution.getProcessInstanceId());
        }
    }
}
