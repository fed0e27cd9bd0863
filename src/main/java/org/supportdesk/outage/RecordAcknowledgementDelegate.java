package org.supportdesk.outage;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.supportdesk.ticket.ActingStaff;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketVariables;

/** R21: the paging stops; the engineer who acknowledged keeps the ticket ({@code assignee}). */
@Component("recordAcknowledgement")
class RecordAcknowledgementDelegate implements JavaDelegate {

    private final TicketRepository tickets;
    private final ActingStaff acting;
    private final Clock clock;

    RecordAcknowledgementDelegate(TicketRepository tickets, ActingStaff acting, Clock clock) {
        this.tickets = tickets;
        this.acting = acting;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String engineer = acting.user(execution);
        if (engineer != null) {
            execution.setVariable("assignee", engineer);
            tickets.updateAssignee(TicketVariables.ticketId(execution), engineer);
        }
        execution.setVariable("acknowledgedBy", engineer);
        execution.setVariable("acknowledgedAt", java.util.Date.from(clock.instant()));
        ActingStaff.markFirstResponse(execution, clock.instant());
    }
}
