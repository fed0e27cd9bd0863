package org.supportdesk.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.staff.StaffDirectory;
import org.supportdesk.web.Refusal;

/**
 * Internal notes (staff only). They live in their own table, which nothing customer-facing reads: the customer API,
 * the portal, the mails and the conversation shown in the Tasklist forms all read {@code ticket_message}.
 */
@Service
public class TicketNotes {

    static final int BODY_MAX = 20_000;

    private final TicketNoteRepository stored;
    private final TicketRepository tickets;
    private final StaffDirectory staff;
    private final Clock clock;

    TicketNotes(TicketNoteRepository stored, TicketRepository tickets, StaffDirectory staff, Clock clock) {
        this.stored = stored;
        this.tickets = tickets;
        this.staff = staff;
        this.clock = clock;
    }

    /** Adds a note by a staff member to the ticket with this number; a blank or oversize body is refused. */
    @Transactional
    public TicketNote add(String number, String staffUser, String body) {
        Ticket ticket = tickets.findByNumber(number).orElseThrow(() -> Refusal.notFound("ticket", number));
        return add(ticket.id(), staffUser, body);
    }

    @Transactional
    public TicketNote add(long ticketId, String staffUser, String body) {
        FieldErrors errors = new FieldErrors();
        String text = errors.text("body", body, true, BODY_MAX);
        errors.throwIfAny();
        Instant now = clock.instant();
        long id = stored.insert(ticketId, staffUser, staff.displayName(staffUser), text, now);
        return new TicketNote(id, ticketId, staffUser, staff.displayName(staffUser), text, now);
    }

    @Transactional(readOnly = true)
    public List<TicketNote> of(long ticketId) {
        return stored.of(ticketId);
    }
}
