package org.supportdesk.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Moves the ticket to the status named by the task's {@code toStatus} input (and {@code reason} when closing),
 * in the same transaction as the process step, and mirrors it in the {@code status} variable for Cockpit.
 */
@Component("setTicketStatus")
class SetTicketStatusDelegate implements JavaDelegate {

    private final TicketRepository tickets;
    private final Clock clock;

    SetTicketStatusDelegate(TicketRepository tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TicketStatus status = TicketStatus.valueOf(TicketVariables.text(execution, "toStatus"));
        String reasonText = execution.hasVariable("reason") ? TicketVariables.text(execution, "reason") : null;
        CloseReason reason = status == TicketStatus.CLOSED ? CloseReason.valueOf(reasonText) : null;
        Instant now = clock.instant();
        tickets.updateStatus(TicketVariables.ticketId(execution), status, reason, now);
        execution.setVariable("status", status.name());
        execution.setVariable("closeReason", reason == null ? null : reason.name());
        if (status == TicketStatus.PENDING) {
            execution.setVariable("pendingSince", Date.from(now));
        }
    }
}
