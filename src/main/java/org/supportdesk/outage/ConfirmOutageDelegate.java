package org.supportdesk.outage;

import java.time.Clock;
import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.supportdesk.ticket.ActingStaff;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.ticket.TicketVariables;

/** The engineer confirmed a production outage: the ticket is OPEN with them, and the first response is given. */
@Component("confirmOutage")
class ConfirmOutageDelegate implements JavaDelegate {

    private final TicketRepository tickets;
    private final Clock clock;

    ConfirmOutageDelegate(TicketRepository tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant now = clock.instant();
        tickets.updateStatus(TicketVariables.ticketId(execution), TicketStatus.OPEN, null, now);
        execution.setVariable("status", TicketStatus.OPEN.name());
        execution.setVariable("outageConfirmed", true);
        ActingStaff.markFirstResponse(execution, now);
    }
}
