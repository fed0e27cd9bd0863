package org.supportdesk.ticket;

import static org.supportdesk.ticket.TicketVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After the work form; the form's {@code action}, {@code note} and (once told to the customer) {@code reply} are
 * consumed, so the next form starts empty. A NOTE or RETRIAGE keeps the answer draft and is no first response.
 */
@Component("recordAgentAction")
class RecordAgentActionDelegate implements JavaDelegate {

    private final TicketWorkflow workflow;
    private final FirstResponse firstResponse;
    private final ActingStaff acting;

    RecordAgentActionDelegate(TicketWorkflow workflow, ActingStaff acting, FirstResponse firstResponse) {
        this.firstResponse = firstResponse;
        this.workflow = workflow;
        this.acting = acting;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TicketWorkflow.AgentAnswer answer = workflow.recordAgentAction(ticketId(execution), acting.of(execution),
                new TicketWorkflow.AgentInput(text(execution, ACTION), text(execution, REPLY),
                        text(execution, NOTE), text(execution, DUPLICATE_OF)));
        execution.setVariable(AGENT_ACTION, answer.action().name());
        execution.setVariable(AGENT_MESSAGE, answer.message() == null ? null : LongText.of(answer.message()));
        execution.setVariables(answer.texts());
        if (answer.action().respondsToCustomer()) {
            firstResponse.mark(execution, answer.at());
            execution.removeVariable(REPLY);
        }
        execution.removeVariable(ACTION);
        execution.removeVariable(NOTE);
    }
}
