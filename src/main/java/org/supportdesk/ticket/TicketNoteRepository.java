package org.supportdesk.ticket;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Internal notes ({@code ticket_note}), which nothing customer-facing reads ({@link TicketNotes}). */
@Repository
class TicketNoteRepository {

    private final JdbcClient jdbc;

    TicketNoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the note and returns its id. */
    long insert(long ticketId, String author, String authorName, String body, Instant createdAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into ticket_note (ticket_id, author, author_name, body, created_at)
                        values (?, ?, ?, ?, ?)""")
                .params(ticketId, author, authorName, body, TicketRepository.utc(createdAt))
                .update(key, "id");
        return key.getKey().longValue();
    }

    List<TicketNote> of(long ticketId) {
        return jdbc.sql("""
                        select id, ticket_id, author, author_name, body, created_at
                        from ticket_note where ticket_id = ? order by created_at, id""")
                .param(ticketId)
                .query((rs, row) -> new TicketNote(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("author"),
                        rs.getString("author_name"), rs.getString("body"), TicketRepository.instant(rs, "created_at")))
                .list();
    }
}
