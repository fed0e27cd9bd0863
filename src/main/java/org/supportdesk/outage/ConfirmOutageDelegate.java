package org.supportdesk.outage;

import static org.supportdesk.ticket.TicketVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.supportdesk.ticket.FirstResponse;
import org.supportdesk.ticket.TicketStatus;
import org.springframework.stereotype.Component;

/** The engineer confirmed a production outage: the ticket is OPEN with them, and the first response is given. */
@Component("confirmOutage")
class ConfirmOutageDelegate implements JavaDelegate {

    private final OutageService outages;
    private final FirstResponse firstResponse;

    ConfirmOutageDelegate(OutageService outages, FirstResponse firstResponse) {
        this.firstResponse = firstResponse;
        this.outages = outages;
    }

    @Override
    public void execute(DelegateExecution execution) {
        java.time.Instant at = outages.confirm(ticketId(execution));
        status(execution, TicketStatus.OPEN, null);
        execution.setVariable(OUTAGE_CONFIRMED, true);
        firstResponse.mark(execution, at);
    }
}
