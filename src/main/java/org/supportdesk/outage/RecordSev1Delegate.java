package org.supportdesk.outage;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketVariables;

/**
 * R18: a critical outage is URGENT in the SEV-1 queue (the task's {@code sev1Team} input). The routed team is kept
 * as {@code standardTeam}: a report that is not a production outage goes back there (R20).
 */
@Component("recordSev1")
class RecordSev1Delegate implements JavaDelegate {

    private final TicketRepository tickets;

    RecordSev1Delegate(TicketRepository tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String sev1Team = TicketVariables.text(execution, "sev1Team");
        execution.setVariable("standardTeam", TicketVariables.text(execution, "team"));
        execution.setVariable("team", sev1Team);
        execution.setVariable("priority", Priority.URGENT.name());
        tickets.updateRouting(TicketVariables.ticketId(execution), Priority.URGENT, sev1Team);
    }
}
