package org.supportdesk.outage;

import java.time.Clock;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketVariables;

/** R21: the paging stops; the engineer who acknowledged keeps the ticket ({@code assignee}). */
@Component("recordAcknowledgement")
class RecordAcknowledgementDelegate implements JavaDelegate {

    private final TicketRepository tickets;
    private final IdentityService identity;
    private final Clock clock;

    RecordAcknowledgementDelegate(TicketRepository tickets, IdentityService identity, Clock clock) {
        this.tickets = tickets;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Authentication current = identity.getCurrentAuthentication();
        String engineer = current != null && current.getUserId() != null ? current.getUserId()
                : TicketVariables.text(execution, "assignee");
        if (engineer != null) {
            execution.setVariable("assignee", engineer);
            tickets.updateAssignee(TicketVariables.ticketId(execution), engineer);
        }
        execution.setVariable("acknowledgedBy", engineer);
        execution.setVariable("acknowledgedAt", java.util.Date.from(clock.instant()));
        OutageDecisions.markFirstResponse(execution, clock.instant());
    }
}
