package org.supportdesk.outage;

import java.time.Clock;
import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.staff.StaffDirectory;
import org.supportdesk.ticket.ActingStaff;
import org.supportdesk.ticket.AuthorType;
import org.supportdesk.ticket.Channel;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.TicketProcess;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketVariables;

/**
 * R20: not a production outage. Urgency drops to NORMAL, the ticket returns to the team routing chose, the
 * engineer's reason joins the conversation (and the customer's mail), and the organisation's count goes up. The
 * {@code sev1Downgraded} and {@code organizationSev1Downgrades} variables show it to managers in Cockpit.
 */
@Component("downgradeOutage")
class DowngradeOutageDelegate implements JavaDelegate {

    private final TicketRepository tickets;
    private final AccountRepository accounts;
    private final TicketProcess process;
    private final StaffDirectory staff;
    private final ActingStaff acting;
    private final Clock clock;

    DowngradeOutageDelegate(TicketRepository tickets, AccountRepository accounts, TicketProcess process,
                            StaffDirectory staff, ActingStaff acting, Clock clock) {
        this.tickets = tickets;
        this.accounts = accounts;
        this.process = process;
        this.staff = staff;
        this.acting = acting;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reason = TicketVariables.text(execution, "engineerNote");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why this is not a production outage: the customer is told.");
        }
        long ticketId = TicketVariables.ticketId(execution);
        String standardTeam = TicketVariables.text(execution, "standardTeam");
        Instant now = clock.instant();
        tickets.updateRouting(ticketId, Priority.NORMAL, standardTeam);
        String engineer = acting.of(execution);
        tickets.addMessage(ticketId, engineer, staff.displayName(engineer), AuthorType.AGENT, Channel.WEB,
                "Urgency lowered to NORMAL: this is not a production outage. " + reason.strip(), now);
        int count = accounts.incrementSev1Downgrades(TicketVariables.text(execution, "organizationId"));
        execution.setVariable("priority", Priority.NORMAL.name());
        execution.setVariable("team", standardTeam);
        execution.setVariable("outageConfirmed", false);
        execution.setVariable("sev1Downgraded", true);
        execution.setVariable("sev1DowngradeReason", reason.strip());
        execution.setVariable("organizationSev1Downgrades", count);
        execution.setVariables(process.textVariables(tickets.find(ticketId).orElseThrow()));
        ActingStaff.markFirstResponse(execution, now);
    }

}
