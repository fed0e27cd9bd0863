package org.supportdesk.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The staff search over every ticket ({@code staffdesk/StaffDesk}), newest filed first. Words are looked up in the
 * word index ({@code ticket_term}, {@link TicketTerms}): the rarest word first, and when it is rare its tickets are the
 * only candidates; every other word is a lookup per candidate. The other filters use the ticket's indexes
 * (V17__ticket_search.sql).
 */
@Repository
public class TicketSearchRepository {

    /** Matches counted at most (beyond, "at least 1,000"). */
    public static final long COUNT_LIMIT = 1_000;
    /** The newest ids a page is looked for among first, then all. */
    private static final long[] WINDOWS = {5_000, 50_000, Long.MAX_VALUE};

    private final JdbcClient jdbc;

    TicketSearchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What to find: every word (search words as {@link TicketTerms#words} makes them), one of the ids (none: any),
     * and each other value that is not null; filed in {@code [filedFrom, filedBefore)}; pages numbered from 1.
     */
    public record Criteria(Collection<String> words, Collection<Long> ids, String organization, String requester,
                           TicketStatus status, String team, String assignee, Priority priority, Instant filedFrom,
                           Instant filedBefore, int page, int size) {
    }

    /** One ticket found. */
    public record Found(long id, String summary, String status, String closeReason, String priority, String team,
                        String assignee, String organizationId, String requesterEmail, String requesterName,
                        boolean firstResponseBreached, Instant createdAt, Instant lastActivityAt, Instant closedAt) {
    }

    /**
     * A page of what was found; {@code total} is exact up to {@link #COUNT_LIMIT}, beyond it {@code totalExact} is
     * false and {@code total} is the limit.
     */
    public record Page(long total, boolean totalExact, List<Found> items) {
    }

    /** The page; a word in at most {@code rareWord} tickets is rare: its tickets are the candidates, read first. */
    public Page search(Criteria query, int rareWord) {
        String from = " from ticket t";
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<String> words = new ArrayList<>(query.words());
        if (!words.isEmpty()) {
            Map<String, Long> frequency = new HashMap<>();
            words.forEach(word -> frequency.put(word, jdbc.sql(
                            "select count(*) from (select ticket_id from ticket_term where term = ? limit ?) postings")
                    .params(word, rareWord + 1).query(Long.class).single()));
            words.sort(Comparator.comparing(frequency::get));
            if (frequency.get(words.get(0)) == 0) {
                return new Page(0, true, List.of());
            }
            if (frequency.get(words.get(0)) <= rareWord) {
                List<Long> candidates = jdbc.sql("select ticket_id from ticket_term where term = ?")
                        .param(words.remove(0)).query(Long.class).list();
                if (candidates.isEmpty()) {
                    return new Page(0, true, List.of());
                }
                where.append(" and t.id in (").append(String.join(", ", candidates.stream().map(id -> "?").toList()))
                        .append(")");
                params.addAll(candidates);
            }
            for (String word : words) {
                where.append(" and exists (select 1 from ticket_term w where w.term = ? and w.ticket_id = t.id)");
                params.add(word);
            }
        }
        if (!query.ids().isEmpty()) {
            where.append(" and t.id in (").append(String.join(", ", query.ids().stream().map(id -> "?").toList()))
                    .append(")");
            params.addAll(query.ids());
        }
        equal(where, params, "t.organization_id", query.organization());
        equal(where, params, "t.requester_email", query.requester());
        equal(where, params, "t.status", query.status() == null ? null : query.status().name());
        equal(where, params, "t.team", query.team());
        equal(where, params, "t.assignee", query.assignee());
        equal(where, params, "t.priority", query.priority() == null ? null : query.priority().name());
        if (query.filedFrom() != null) {
            where.append(" and t.created_at >= ?");
            params.add(query.filedFrom().atOffset(ZoneOffset.UTC));
        }
        if (query.filedBefore() != null) {
            where.append(" and t.created_at < ?");
            params.add(query.filedBefore().atOffset(ZoneOffset.UTC));
        }
        // counted up to COUNT_LIMIT + 1 matches only: an exact count of 100,000 matches would read them all
        List<Object> countParams = new ArrayList<>(params);
        countParams.add(COUNT_LIMIT + 1);
        long counted = jdbc.sql("select count(*) from (select t.id" + from + where + " limit ?) matches")
                .params(countParams).query(Long.class).single();
        boolean exact = counted <= COUNT_LIMIT;
        long total = Math.min(counted, COUNT_LIMIT);
        List<Found> items = List.of();
        if (total > 0) {
            // newest first: look among the newest ids first, so that a broad filter reads a few thousand rows,
            // not all of them to sort; the top of a window of the highest ids is the top of all when it is full
            Long maxId = jdbc.sql("select max(id) from ticket").query(Long.class).single();
            for (long window : WINDOWS) {
                boolean whole = window == Long.MAX_VALUE || maxId == null || maxId - window < 0;
                List<Object> pageParams = new ArrayList<>(params);
                if (!whole) {
                    pageParams.add(maxId - window);
                }
                pageParams.add(query.size());
                pageParams.add((long) (query.page() - 1) * query.size());
                items = jdbc.sql("""
                                select t.id, t.summary, t.status, t.close_reason, t.priority, t.team, t.assignee,
                                    t.organization_id, t.requester_email, t.requester_name, t.first_response_breached,
                                    t.created_at, t.last_activity_at, t.closed_at""" + from + where
                                + (whole ? "" : " and t.id > ?") + " order by t.id desc limit ? offset ?")
                        .params(pageParams)
                        .query(TicketSearchRepository::found)
                        .list();
                if (whole || items.size() == query.size()) {
                    break;
                }
            }
        }
        return new Page(total, exact, items);
    }

    private static void equal(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static Found found(ResultSet rs, int row) throws SQLException {
        return new Found(rs.getLong("id"), rs.getString("summary"), rs.getString("status"),
                rs.getString("close_reason"), rs.getString("priority"), rs.getString("team"),
                rs.getString("assignee"), rs.getString("organization_id"), rs.getString("requester_email"),
                rs.getString("requester_name"), rs.getBoolean("first_response_breached"), instant(rs, "created_at"),
                instant(rs, "last_activity_at"), instant(rs, "closed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
