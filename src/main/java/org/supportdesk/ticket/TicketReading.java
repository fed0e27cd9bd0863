package org.supportdesk.ticket;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.account.Member;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.web.Refusal;

/**
 * Tickets as a signed-in customer reads them (R17): My Activities, a ticket, what its page shows, its files. Another
 * organisation's ticket does not exist for them (404).
 */
@Service
public class TicketReading {

    private final CustomerChecks checks;
    private final TicketRepository tickets;
    private final CustomerRecipients recipients;

    TicketReading(CustomerChecks checks, TicketRepository tickets, CustomerRecipients recipients) {
        this.recipients = recipients;
        this.checks = checks;
        this.tickets = tickets;
    }

    /** My Activities: the caller's tickets, those they are copied on, or their organisation's (R17). */
    @Transactional(readOnly = true)
    public TicketRepository.Page list(String callerEmail, TicketView view, TicketStatus status, int page, int size) {
        Member caller = checks.member(callerEmail);
        return tickets.page(view, caller.email(), caller.organizationId(), status, page, size);
    }

    /** R17: a ticket of the caller's organisation, by its number. */
    @Transactional(readOnly = true)
    public Ticket ticket(String callerEmail, String number) {
        return checks.visible(checks.member(callerEmail), number);
    }

    /**
     * What a ticket's page shows besides the ticket: its conversation, files, CCs and follow-ups, and, when the
     * requester has left, whom its mail goes to instead (R2/R22; null otherwise).
     */
    public record Details(List<TicketMessage> messages, List<Attachment> attachments, List<String> cc,
                          List<Long> followUps, String requesterLeft) {
    }

    @Transactional(readOnly = true)
    public Details details(Ticket ticket) {
        return new Details(tickets.messages(ticket.id()), tickets.attachments(ticket.id()), tickets.cc(ticket.id()),
                tickets.followUps(ticket.id()), recipients.of(ticket).notice());
    }

    /** R17: a file of a ticket of the caller's organisation; 404 when the ticket has no such file. */
    @Transactional(readOnly = true)
    public Attachment attachment(String callerEmail, String number, long attachmentId) {
        Ticket ticket = checks.visible(checks.member(callerEmail), number);
        return tickets.attachment(ticket.id(), attachmentId)
                .orElseThrow(() -> Refusal.notFound("attachment", attachmentId, ticket.number()));
    }
}
