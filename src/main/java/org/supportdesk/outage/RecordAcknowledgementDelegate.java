package org.supportdesk.outage;

import static org.supportdesk.outage.OutageVariables.*;
import static org.supportdesk.ticket.TicketVariables.*;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.supportdesk.ticket.FirstResponse;
import org.supportdesk.ticket.ActingStaff;
import org.springframework.stereotype.Component;

/** R21: the paging stops; the engineer who acknowledged keeps the ticket ({@code assignee}). */
@Component("recordAcknowledgement")
class RecordAcknowledgementDelegate implements JavaDelegate {

    private final OutageService outages;
    private final FirstResponse firstResponse;
    private final ActingStaff acting;

    RecordAcknowledgementDelegate(OutageService outages, ActingStaff acting, FirstResponse firstResponse) {
        this.firstResponse = firstResponse;
        this.outages = outages;
        this.acting = acting;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String engineer = acting.user(execution);
        Instant at = outages.acknowledge(ticketId(execution), engineer);
        if (engineer != null) {
            execution.setVariable(ASSIGNEE, engineer);
        }
        execution.setVariable(ACKNOWLEDGED_BY, engineer);
        execution.setVariable(ACKNOWLEDGED_AT, Date.from(at));
        firstResponse.mark(execution, at);
    }
}
