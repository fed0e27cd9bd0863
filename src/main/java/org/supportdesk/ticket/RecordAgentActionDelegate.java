package org.supportdesk.ticket;

import static org.supportdesk.ticket.TicketVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After the work form: records the agent's answer in the ticket's tables; the process keeps what it decides on (the
 * action, the message's id for the mail). The form's {@code reply} and {@code note} are agent inputs, never stored
 * in the process ({@link AgentWordsLeaveNoTrace}); its {@code action} is consumed, so the next form starts empty.
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
                new TicketWorkflow.AgentInput(FormChoices.action(execution, ACTION), text(execution, REPLY),
                        text(execution, NOTE), text(execution, DUPLICATE_OF),
                        TicketWorkflow.AgentInput.files(text(execution, ANSWER_FILES))));
        execution.setVariable(AGENT_ACTION, answer.action().name());
        execution.setVariable(AGENT_MESSAGE_ID, answer.messageId());
        if (answer.action().respondsToCustomer()) {
            firstResponse.mark(execution, answer.at());
        }
        execution.removeVariable(ACTION);
    }
}
