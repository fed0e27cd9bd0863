package org.supportdesk.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * A ticket closed as the duplicate of another: the agent names the ticket that continues on the work form
 * ({@code duplicateOf}); a name that does not fit is refused to the agent ({@link AgentRefusal}).
 */
@Component
class Duplicates {

    private final TicketRepository tickets;

    Duplicates(TicketRepository tickets) {
        this.tickets = tickets;
    }

    /**
     * CLOSE_DUPLICATE (R13): the ticket that continues must be another open ticket of the same organisation. The
     * duplicate's requester and CCs become CCs of the kept ticket (members of the same organisation, R17), and both
     * tickets link to each other.
     */
    void close(long ticketId, String number) {
        Ticket duplicate = tickets.find(ticketId).orElseThrow();
        String wanted = number == null ? "" : number.strip().toUpperCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            throw new AgentRefusal(TicketVariables.DUPLICATE_OF, "required",
                    "Name the ticket that continues in 'Duplicate of' (e.g. SD-1042).");
        }
        Ticket kept = TicketNumber.parse(wanted).flatMap(tickets::find)
                .filter(t -> t.organizationId().equals(duplicate.organizationId()))
                .orElseThrow(() -> new AgentRefusal(TicketVariables.DUPLICATE_OF, "not-a-ticket-of-the-organisation",
                        "Duplicate of " + wanted + ": no such ticket of this organisation; a duplicate names a"
                                + " ticket of the same organisation."));
        if (kept.id() == ticketId) {
            throw new AgentRefusal(TicketVariables.DUPLICATE_OF, "same-ticket", "Duplicate of " + wanted
                    + ": that is this ticket; name the ticket that continues.");
        }
        if (kept.isClosed()) {
            throw new AgentRefusal(TicketVariables.DUPLICATE_OF, "ticket-closed", "Duplicate of " + wanted
                    + ": that ticket is closed; name an open ticket, or solve this one.");
        }
        tickets.markDuplicateOf(ticketId, kept.id());
        List<String> copies = new ArrayList<>(List.of(duplicate.requesterEmail()));
        copies.addAll(tickets.cc(ticketId));
        copies.removeIf(email -> email.equalsIgnoreCase(kept.requesterEmail()));
        tickets.addCc(kept.id(), copies);
    }
}
