package org.supportdesk.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
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

    private final JdbcClient jdbc;
    private final TicketRepository tickets;
    private final StaffDirectory staff;
    private final Clock clock;

    TicketNotes(JdbcClient jdbc, TicketRepository tickets, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
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
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into ticket_note (ticket_id, author, author_name, body, created_at)
                        values (?, ?, ?, ?, ?)""")
                .params(ticketId, staffUser, staff.displayName(staffUser), text, TicketRepository.utc(now))
                .update(key, "id");
        return new TicketNote(key.getKey().longValue(), ticketId, staffUser, staff.displayName(staffUser), text, now);
    }

    @Transactional(readOnly = true)
    public List<TicketNote> of(long ticketId) {
        return jdbc.sql("""
                        select id, ticket_id, author, author_name, body, created_at
                        from ticket_note where ticket_id = ? order by created_at, id""")
                .param(ticketId)
                .query((rs, row) -> new TicketNote(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("author"),
                        rs.getString("author_name"), rs.getString("body"), TicketRepository.instant(rs, "created_at")))
                .list();
    }
}
