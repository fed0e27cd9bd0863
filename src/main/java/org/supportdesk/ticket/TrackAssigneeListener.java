package org.supportdesk.ticket;

import static org.supportdesk.ticket.TicketVariables.ASSIGNEE;
import static org.supportdesk.ticket.TicketVariables.ticketId;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the ticket's assignee in step with Tasklist claims. The {@code assignee} variable hands the next work
 * task straight back to the same agent (R15: a reply returns the ticket to the agent's queue).
 */
@Component("trackAssignee")
class TrackAssigneeListener implements TaskListener {

    private final TicketWorkflow workflow;

    TrackAssigneeListener(TicketWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public void notify(DelegateTask task) {
        workflow.recordAssignee(ticketId(task), task.getAssignee());
        task.getExecution().setVariable(ASSIGNEE, task.getAssignee());
    }
}
