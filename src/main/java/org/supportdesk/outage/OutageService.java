package org.supportdesk.outage;

import java.time.Clock;
import java.time.Instant;

import org.supportdesk.account.AccountService;
import org.supportdesk.staff.StaffDirectory;
import org.supportdesk.ticket.AuthorType;
import org.supportdesk.ticket.Channel;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.ticket.TicketWorkflow;
import org.springframework.stereotype.Service;

/** What the SEV-1 diagrams do to a ticket (R18–R21), on the ticket row, in the process step's transaction. */
@Service
public class OutageService {

    private final TicketRepository tickets;
    private final TicketWorkflow workflow;
    private final AccountService accounts;
    private final StaffDirectory staff;
    private final Clock clock;

    OutageService(TicketRepository tickets, TicketWorkflow workflow, AccountService accounts, StaffDirectory staff,
                  Clock clock) {
        this.tickets = tickets;
        this.workflow = workflow;
        this.accounts = accounts;
        this.staff = staff;
        this.clock = clock;
    }

    /** R18: URGENT in the SEV-1 queue. Returns the team routing chose, where a downgraded report goes back (R20). */
    public String markSev1(long ticketId, String sev1Team) {
        String standardTeam = ticket(ticketId).team();
        tickets.updateRouting(ticketId, Priority.URGENT, sev1Team, null, clock.instant());
        return standardTeam;
    }

    /** The engineer confirmed a production outage: the ticket is OPEN, and that is the first response. */
    public Instant confirm(long ticketId) {
        Instant now = clock.instant();
        tickets.updateStatus(ticketId, TicketStatus.OPEN, null, now);
        return now;
    }

    /** R21: the paging stops; the engineer who acknowledged keeps the ticket. */
    public Instant acknowledge(long ticketId, String engineer) {
        if (engineer != null) {
            tickets.updateAssignee(ticketId, engineer);
        }
        return clock.instant();
    }

    /** @param downgrades the organisation's count of reports that were not production outages, this one included */
    public record Downgrade(String reason, int downgrades, Instant at) {
    }

    /**
     * R20: not a production outage. Urgency drops to NORMAL, the ticket returns to {@code standardTeam}, the reason
     * joins the conversation (and so the customer's mail), and the organisation's count goes up.
     */
    public Downgrade downgrade(long ticketId, String engineer, String reason, String standardTeam) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why this is not a production outage: the customer is told.");
        }
        Ticket ticket = ticket(ticketId);
        Instant now = clock.instant();
        tickets.updateRouting(ticketId, Priority.NORMAL, standardTeam, engineer, now);
        tickets.addMessage(ticketId, engineer, staff.displayName(engineer), AuthorType.AGENT, Channel.WEB,
                "Urgency lowered to NORMAL: this is not a production outage. " + reason.strip(), now);
        int count = accounts.countSev1Downgrade(ticket.organizationId());
        return new Downgrade(reason.strip(), count, now);
    }

    private Ticket ticket(long ticketId) {
        return tickets.find(ticketId).orElseThrow(() -> new IllegalStateException("No ticket " + ticketId));
    }
}
