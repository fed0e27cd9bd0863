package org.supportdesk.ticket;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * R11: the first-response target passed without an answer. The {@code firstResponseBreached} variable lets
 * managers find these tickets in Cockpit (filter process instances by variable).
 */
@Component("recordSlaBreach")
class RecordSlaBreachDelegate implements JavaDelegate {

    private final TicketRepository tickets;

    RecordSlaBreachDelegate(TicketRepository tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        tickets.markFirstResponseBreached(TicketVariables.ticketId(execution));
        execution.setVariable("firstResponseBreached", true);
    }
}
