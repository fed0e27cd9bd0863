package org.supportdesk.ticket;

import static org.supportdesk.ticket.TicketVariables.FIRST_RESPONDED_AT;
import static org.supportdesk.ticket.TicketVariables.ticketId;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * R11: the first thing support tells or decides for the customer is the first response; later ones are not. It is
 * kept on the process (the first-response timer's path reads it) and on the ticket row (the managers' figures).
 */
@Component
public class FirstResponse {

    private final TicketRepository tickets;

    FirstResponse(TicketRepository tickets) {
        this.tickets = tickets;
    }

    public void mark(DelegateExecution execution, Instant at) {
        if (execution.getVariable(FIRST_RESPONDED_AT) == null) {
            execution.setVariable(FIRST_RESPONDED_AT, Date.from(at));
        }
        tickets.recordFirstResponse(ticketId(execution), at);
    }
}
