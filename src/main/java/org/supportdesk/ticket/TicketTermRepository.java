package org.supportdesk.ticket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The word index {@code ticket_term} ({@link TicketTerms}), and the texts of tickets not indexed yet. */
@Repository
class TicketTermRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    TicketTermRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A ticket without words yet: its id and its own texts (summary, description, …). */
    record Unindexed(long id, List<String> texts) {
    }

    Set<String> terms(long ticketId) {
        return new HashSet<>(jdbc.sql("select term from ticket_term where ticket_id = ?")
                .param(ticketId).query(String.class).list());
    }

    /** Adds the words to the ticket's, in one batch. */
    void insert(long ticketId, List<String> words) {
        if (!words.isEmpty()) {
            batch.batchUpdate("insert into ticket_term (term, ticket_id) values (?, ?)",
                    words.stream().map(w -> new Object[]{w, ticketId}).toList());
        }
    }

    /** Adds each (word, ticket id) pair, in one batch. */
    void insert(List<Object[]> wordsAndTicketIds) {
        batch.batchUpdate("insert into ticket_term (term, ticket_id) values (?, ?)", wordsAndTicketIds);
    }

    /** The first 1,000 tickets after {@code afterId} that have no words, in id order. */
    List<Unindexed> unindexed(long afterId) {
        return jdbc.sql("""
                        select t.id, t.summary, t.description, t.steps_to_reproduce, t.desired_outcome,
                            t.business_impact_statement
                        from ticket t
                        where t.id > ? and not exists (select 1 from ticket_term w where w.ticket_id = t.id)
                        order by t.id limit 1000""")
                .param(afterId)
                .query((rs, row) -> new Unindexed(rs.getLong(1), java.util.Arrays.asList(rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6))))
                .list();
    }

    /** The message bodies of the tickets with ids from {@code fromId} to {@code toId}, per ticket, oldest first. */
    Map<Long, List<String>> messageBodies(long fromId, long toId) {
        Map<Long, List<String>> messages = new HashMap<>();
        jdbc.sql("select ticket_id, body from ticket_message where ticket_id between ? and ? order by id")
                .params(fromId, toId)
                .query(rs -> {
                    messages.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return messages;
    }
}
