package org.supportdesk.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Read-only figures over the ticket table for the manager dashboard ({@code dashboard/Dashboard}) and the metrics
 * ({@code operations/DeskMetrics}): the ticket feature's tables are read here, by the queries the dashboard benchmark
 * measured (each served by an index of V17__ticket_search.sql, V20__dashboard.sql or V23__dashboard_trend.sql).
 * {@code team} null: every team.
 */
@Repository
public class TicketReportRepository {

    /** Not CLOSED, written so that the index on (status, team, priority, id) serves it. */
    static final String OPEN = "status in ('NEW', 'OPEN', 'PENDING')";

    private final JdbcClient jdbc;

    TicketReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Open tickets of one status: how many, and how many of them nobody is assigned. */
    public record StatusCount(TicketStatus status, long tickets, long unassigned) {
    }

    /** Open (not CLOSED) tickets per status, one pass over the open tickets' index entries. */
    public List<StatusCount> openByStatus(String team) {
        return jdbc.sql("select status, count(*) n, sum(case when assignee is null then 1 else 0 end) nobody from ticket"
                        + " where " + OPEN + (team == null ? "" : " and team = :team") + " group by status")
                .paramSource(params(team, null, null))
                .query((rs, row) -> new StatusCount(TicketStatus.valueOf(rs.getString("status")), rs.getLong("n"),
                        rs.getLong("nobody")))
                .list();
    }

    /** How many open tickets a team ({@code "(none)"}: no team yet) has of a priority. */
    public record TeamPriorityCount(String team, Priority priority, long tickets) {
    }

    public List<TeamPriorityCount> openByTeamAndPriority(String team) {
        return jdbc.sql("select coalesce(team, '(none)') team, priority, count(*) n from ticket where " + OPEN
                        + (team == null ? "" : " and team = :team") + " group by team, priority")
                .paramSource(params(team, null, null))
                .query((rs, row) -> new TeamPriorityCount(rs.getString("team"),
                        Priority.valueOf(rs.getString("priority")), rs.getLong("n")))
                .list();
    }

    /** A ticket as the dashboard's lists show it. */
    public record Listed(long id, String summary, String team, String priority, String status, String closeReason,
                         String organizationId, OffsetDateTime createdAt) {
    }

    /** The ticket each team has had open longest, by team. */
    public List<Listed> oldestOpenPerTeam(String team) {
        // the lowest id is the longest open: one grouped pass, then one row per team by its key
        List<Long> oldest = jdbc.sql("select min(id) from ticket where " + OPEN + " and team is not null"
                        + (team == null ? "" : " and team = :team") + " group by team")
                .paramSource(params(team, null, null)).query(Long.class).list();
        return oldest.isEmpty() ? List.of() : jdbc.sql("""
                        select team, id, summary, status, priority, created_at from ticket
                        where id in (:ids) order by team""")
                .param("ids", oldest)
                .query((rs, row) -> new Listed(rs.getLong("id"), rs.getString("summary"), rs.getString("team"),
                        rs.getString("priority"), rs.getString("status"), null, null,
                        rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }

    /** The newest {@code limit} tickets filed in {@code [start, end)} whose first-response target passed unanswered. */
    public List<Listed> firstResponseBreaches(Instant start, Instant end, String team, int limit) {
        return jdbc.sql("""
                        select id, summary, team, priority, status, close_reason, organization_id, created_at
                        from ticket where first_response_breached = true and created_at >= :start
                        and created_at < :end""" + (team == null ? "" : " and team = :team")
                        + " order by id desc limit " + limit)
                .paramSource(params(team, start, end))
                .query((rs, row) -> new Listed(rs.getLong("id"), rs.getString("summary"), rs.getString("team"),
                        rs.getString("priority"), rs.getString("status"), rs.getString("close_reason"),
                        rs.getString("organization_id"), rs.getObject("created_at", OffsetDateTime.class)))
                .list();
    }

    /** A ticket filed in a period: its organisation, priority, when it was filed and first answered, breached. */
    public record Filed(String organizationId, Priority priority, Instant filedAt, Instant firstRespondedAt,
                        boolean firstResponseBreached) {
    }

    public List<Filed> filedBetween(Instant start, Instant end, String team) {
        return jdbc.sql("select organization_id, priority, created_at, first_responded_at,"
                        + " first_response_breached from ticket where created_at >= :start and created_at < :end"
                        + (team == null ? "" : " and team = :team"))
                .paramSource(params(team, start, end))
                .query((rs, row) -> new Filed(rs.getString("organization_id"), Priority.valueOf(rs.getString("priority")),
                        instant(rs, "created_at"), instant(rs, "first_responded_at"),
                        rs.getBoolean("first_response_breached")))
                .list();
    }

    /** A ticket solved in a period: its organisation, when it was filed and when solved. */
    public record Solved(String organizationId, Instant filedAt, Instant solvedAt) {
    }

    public List<Solved> solvedBetween(Instant start, Instant end, String team) {
        return jdbc.sql("select organization_id, created_at, closed_at from ticket"
                        + " where close_reason = 'SOLVED' and closed_at >= :start and closed_at < :end"
                        + (team == null ? "" : " and team = :team"))
                .paramSource(params(team, start, end))
                .query((rs, row) -> new Solved(rs.getString("organization_id"), instant(rs, "created_at"),
                        instant(rs, "closed_at")))
                .list();
    }

    /** A ticket's team and assignee now. */
    public record Owner(String team, String assignee) {
    }

    /** The team and assignee of each of these tickets, read by primary key, 500 at a time. */
    public Map<Long, Owner> owners(List<Long> ids) {
        Map<Long, Owner> owners = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            jdbc.sql("select id, team, assignee from ticket where id in (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .query((rs, row) -> owners.put(rs.getLong("id"),
                            new Owner(rs.getString("team"), rs.getString("assignee"))))
                    .list();
        }
        return owners;
    }

    /** How many tickets have this status (the metrics). */
    public long countWithStatus(TicketStatus status) {
        return jdbc.sql("select count(*) from ticket where status = ?").param(status.name()).query(Long.class).single();
    }

    /** How many tickets, open and closed, breached their first-response target (the metrics). */
    public long countFirstResponseBreached() {
        return jdbc.sql("select count(*) from ticket where first_response_breached = ?").param(true)
                .query(Long.class).single();
    }

    private static Map<String, Object> params(String team, Instant start, Instant end) {
        Map<String, Object> params = new HashMap<>();
        params.put("team", team);
        params.put("start", start == null ? null : start.atOffset(ZoneOffset.UTC));
        params.put("end", end == null ? null : end.atOffset(ZoneOffset.UTC));
        return params;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
