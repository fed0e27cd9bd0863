package org.supportdesk.outage;

import static org.supportdesk.outage.OutageVariables.*;
import static org.supportdesk.ticket.TicketVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.supportdesk.ticket.Priority;
import org.springframework.stereotype.Component;

/** R18: URGENT in the SEV-1 queue (the task's {@code sev1Team} input); the routed team is kept for R20. */
@Component("recordSev1")
class RecordSev1Delegate implements JavaDelegate {

    private final OutageService outages;

    RecordSev1Delegate(OutageService outages) {
        this.outages = outages;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String sev1Team = text(execution, SEV1_TEAM);
        execution.setVariable(STANDARD_TEAM, outages.markSev1(ticketId(execution), sev1Team));
        routing(execution, Priority.URGENT, sev1Team);
    }
}
