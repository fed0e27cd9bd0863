package org.supportdesk.outage;

import static org.supportdesk.outage.OutageVariables.*;
import static org.supportdesk.ticket.TicketVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.supportdesk.ticket.FirstResponse;
import org.supportdesk.ticket.ActingStaff;
import org.supportdesk.ticket.Priority;
import org.springframework.stereotype.Component;

/**
 * R20: not a production outage ({@link OutageService#downgrade}) for the reason in the engineer's note, which the
 * customer is told; Cockpit shows the organisation's count.
 */
@Component("downgradeOutage")
class DowngradeOutageDelegate implements JavaDelegate {

    private final OutageService outages;
    private final FirstResponse firstResponse;
    private final ActingStaff acting;

    DowngradeOutageDelegate(OutageService outages, ActingStaff acting, FirstResponse firstResponse) {
        this.firstResponse = firstResponse;
        this.outages = outages;
        this.acting = acting;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = ticketId(execution);
        String standardTeam = text(execution, STANDARD_TEAM);
        OutageService.Downgrade downgrade = outages.downgrade(ticketId, acting.of(execution),
                text(execution, ENGINEER_NOTE), standardTeam);
        routing(execution, Priority.NORMAL, standardTeam);
        execution.setVariable(OUTAGE_CONFIRMED, false);
        execution.setVariable(SEV1_DOWNGRADED, true);
        execution.setVariable(ORGANIZATION_SEV1_DOWNGRADES, downgrade.downgrades());
        firstResponse.mark(execution, downgrade.at());
    }
}
