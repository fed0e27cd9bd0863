package org.supportdesk.ticket;

import static org.supportdesk.ticket.TicketVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * RETRIAGE from the work form: the ticket moves to {@code newPriority}/{@code newTeam} (either may be left empty:
 * unchanged; an unknown value is refused, {@link FormChoices}), the next Work task's candidate group, unassigned when
 * the team changed, and, before the first response, the target moves (R11).
 */
@Component("retriageTicket")
class RetriageDelegate implements JavaDelegate {

    private final TicketWorkflow workflow;
    private final ActingStaff acting;

    RetriageDelegate(TicketWorkflow workflow, ActingStaff acting) {
        this.workflow = workflow;
        this.acting = acting;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TicketWorkflow.Reroute reroute = workflow.retriage(ticketId(execution),
                FormChoices.priority(execution, NEW_PRIORITY, false), FormChoices.team(execution, NEW_TEAM, false),
                execution.getProcessInstanceId(),
                execution.getVariable(FIRST_RESPONDED_AT) != null, acting.signedIn());
        routing(execution, reroute.priority(), reroute.team());
        if (reroute.teamChanged()) {
            execution.setVariable(ASSIGNEE, null);
        }
        execution.removeVariable(NEW_PRIORITY);
        execution.removeVariable(NEW_TEAM);
    }
}
