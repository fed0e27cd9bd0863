package org.supportdesk.ticket;

import static org.supportdesk.ticket.TicketRepository.instant;
import static org.supportdesk.ticket.TicketRepository.utc;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * R11 next reply: the rows of {@code ticket_next_reply} (V24), one per customer reply that waited for support's
 * answer: when the customer wrote, when the answer is due, when an agent answered (null while the customer waits).
 */
@Repository
public class NextReplyRepository {

    private final JdbcClient jdbc;

    NextReplyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer's reply that waits for support's answer: the ticket's unanswered row. */
    record Waiting(long id, Instant customerWroteAt, Instant dueAt) {
    }

    /** One reply that waited, with the ticket's current priority. */
    public record Replied(Priority priority, Instant customerWroteAt, Instant dueAt, Instant answeredAt) {
    }

    Optional<Waiting> waiting(long ticketId) {
        return jdbc.sql("""
                        select id, customer_wrote_at, due_at from ticket_next_reply
                        where ticket_id = ? and answered_at is null""")
                .param(ticketId)
                .query((rs, row) -> new Waiting(rs.getLong("id"), instant(rs, "customer_wrote_at"),
                        instant(rs, "due_at")))
                .optional();
    }

    void start(long ticketId, Instant customerWroteAt, Instant dueAt) {
        jdbc.sql("insert into ticket_next_reply (ticket_id, customer_wrote_at, due_at) values (?, ?, ?)")
                .params(ticketId, utc(customerWroteAt), utc(dueAt)).update();
    }

    void moveDue(long id, Instant dueAt) {
        jdbc.sql("update ticket_next_reply set due_at = ? where id = ?").params(utc(dueAt), id).update();
    }

    void answer(long ticketId, Instant at) {
        jdbc.sql("update ticket_next_reply set answered_at = ? where ticket_id = ? and answered_at is null")
                .params(utc(at), ticketId).update();
    }

    /** R11: whether support has given the ticket its first response. */
    boolean firstResponded(long ticketId) {
        return jdbc.sql("select first_responded_at from ticket where id = ?").param(ticketId)
                .query((rs, row) -> rs.getObject(1) != null).optional().orElse(false);
    }

    /** The replies customers wrote from {@code start} (inclusive) to {@code end}, of one team's tickets or all. */
    List<Replied> wroteBetween(Instant start, Instant end, String team) {
        Map<String, Object> params = new HashMap<>();
        params.put("start", utc(start));
        params.put("end", utc(end));
        params.put("team", team);
        return jdbc.sql("""
                        select t.priority, n.customer_wrote_at, n.due_at, n.answered_at
                        from ticket_next_reply n join ticket t on t.id = n.ticket_id
                        where n.customer_wrote_at >= :start and n.customer_wrote_at < :end"""
                        + (team == null ? "" : " and t.team = :team"))
                .params(params)
                .query((rs, row) -> new Replied(Priority.valueOf(rs.getString("priority")),
                        instant(rs, "customer_wrote_at"), instant(rs, "due_at"), instant(rs, "answered_at")))
                .list();
    }
}
