package org.supportdesk.ticket;

import static org.supportdesk.ticket.TicketVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** After the work form; the form's {@code action} and {@code reply} are consumed, so the next form starts empty. */
@Component("recordAgentAction")
class RecordAgentActionDelegate implements JavaDelegate {

    private final TicketWorkflow workflow;
    private final ActingStaff acting;

    RecordAgentActionDelegate(TicketWorkflow workflow, ActingStaff acting) {
        this.workflow = workflow;
        this.acting = acting;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TicketWorkflow.AgentAnswer answer = workflow.recordAgentAction(ticketId(execution), acting.of(execution),
                text(execution, ACTION), text(execution, REPLY));
        execution.setVariable(AGENT_ACTION, answer.action().name());
        execution.setVariable(AGENT_MESSAGE, answer.message() == null ? null : LongText.of(answer.message()));
        execution.setVariables(answer.texts());
        markFirstResponse(execution, answer.at());
        execution.removeVariable(ACTION);
        execution.removeVariable(REPLY);
    }
}
