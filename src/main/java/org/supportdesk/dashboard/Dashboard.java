package org.supportdesk.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.TicketNumber;

/**
 * The manager dashboard's figures (issue #14), read from the tickets' and mails' rows and the engine: what is open
 * now, what went wrong (first-response breaches, SEV-1 downgrades, undeliverable and failed mail) and the last days'
 * intake. Every table is a {@link Table}: the page draws it, and it downloads as CSV.
 */
@Service
public class Dashboard {

    static final String SEV1_PROCESS = "sev1-outage";
    static final String ESCALATION_PROCESS = "extended-support-escalation";
    static final String ACKNOWLEDGE_TASK = "Task_AcknowledgeOutage";
    static final String MAIL_PROCESS = "mail-delivery";
    /** Not CLOSED, written so that the index on (status, team, priority, id) serves it. */
    static final String OPEN = "status in ('NEW', 'OPEN', 'PENDING')";
    /** Rows a list shows at most (the CSV too): the newest first. */
    static final int LIST_LIMIT = 500;

    private final JdbcClient jdbc;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final Clock clock;

    Dashboard(JdbcClient jdbc, TaskService tasks, RuntimeService runtime, Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** What to look at: one team or all, and the days whose filed tickets the lists and the trend cover. */
    public record Filter(String team, LocalDate from, LocalDate to) {

        Instant start() {
            return from.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        Instant end() {
            return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** A table: a title, its column names and its rows (cells as text; a ticket number links to its page). */
    public record Table(String name, String title, List<String> columns, List<List<String>> rows) {
    }

    /** The counters at the top of the page; {@code unassigned}: NEW or OPEN tickets nobody has taken. */
    public record Now(long open, long pending, long unassigned, long sev1Running, long unacknowledgedPages) {
    }

    /** Filed and solved per day, for the chart. */
    public record Day(LocalDate day, long filed, long solved) {
    }

    public Filter filter(String team, LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate end = to == null ? today : to;
        LocalDate start = from == null ? end.minusDays(29) : from;
        if (start.isAfter(end)) {
            throw org.supportdesk.web.Refusal.invalidField("from", "after-to");
        }
        return new Filter(team == null || team.isBlank() ? null : team.strip(), start, end);
    }

    @Transactional(readOnly = true)
    public Now now(Filter filter) {
        // one pass over the open tickets' index entries gives the three counts; a ticket's assignee follows its
        // task's (nobody has a NEW or OPEN ticket whose task nobody claimed)
        long[] counts = new long[3];
        jdbc.sql("select status, count(*) n, sum(case when assignee is null then 1 else 0 end) nobody from ticket"
                        + " where " + OPEN + (filter.team() == null ? "" : " and team = :team") + " group by status")
                .paramSource(params(filter))
                .query((rs, row) -> {
                    counts[0] += rs.getLong("n");
                    if ("PENDING".equals(rs.getString("status"))) {
                        counts[1] = rs.getLong("n");
                    } else {
                        counts[2] += rs.getLong("nobody");
                    }
                    return null;
                }).list();
        long sev1 = runtime.createProcessInstanceQuery().processDefinitionKey(SEV1_PROCESS).active().count();
        long pages = tasks.createTaskQuery().processDefinitionKey(ESCALATION_PROCESS)
                .taskDefinitionKey(ACKNOWLEDGE_TASK).active().count();
        return new Now(counts[0], counts[1], counts[2], sev1, pages);
    }

    /** Open tickets (not CLOSED) by team and priority. */
    @Transactional(readOnly = true)
    public Table openByTeamAndPriority(Filter filter) {
        Map<String, long[]> byTeam = new java.util.TreeMap<>();
        Priority[] priorities = Priority.values();
        jdbc.sql("select coalesce(team, '(none)') team, priority, count(*) n from ticket where " + OPEN
                        + (filter.team() == null ? "" : " and team = :team") + " group by team, priority")
                .paramSource(params(filter))
                .query((rs, row) -> {
                    long[] counts = byTeam.computeIfAbsent(rs.getString("team"), t -> new long[priorities.length]);
                    counts[Priority.valueOf(rs.getString("priority")).ordinal()] = rs.getLong("n");
                    return null;
                }).list();
        List<String> columns = new ArrayList<>(List.of("Team"));
        for (Priority p : priorities) {
            columns.add(p.name());
        }
        columns.add("Total");
        List<List<String>> rows = new ArrayList<>();
        byTeam.forEach((team, counts) -> {
            List<String> row = new ArrayList<>(List.of(team));
            long total = 0;
            for (long n : counts) {
                row.add(Long.toString(n));
                total += n;
            }
            row.add(Long.toString(total));
            rows.add(row);
        });
        return new Table("open", "Open tickets by team and priority", columns, rows);
    }

    /** The ticket each team has had open longest. */
    @Transactional(readOnly = true)
    public Table oldestOpen(Filter filter) {
        // the lowest id is the longest open: one grouped pass, then one row per team by its key
        List<Long> oldest = jdbc.sql("select min(id) from ticket where " + OPEN + " and team is not null"
                        + (filter.team() == null ? "" : " and team = :team") + " group by team")
                .paramSource(params(filter)).query(Long.class).list();
        List<List<String>> rows = oldest.isEmpty() ? List.of() : jdbc.sql("""
                        select team, id, summary, status, priority, created_at from ticket
                        where id in (:ids) order by team""")
                .param("ids", oldest)
                .query((rs, row) -> List.of(rs.getString("team"), TicketNumber.of(rs.getLong("id")),
                        rs.getString("summary"), rs.getString("status"), rs.getString("priority"),
                        day(rs.getObject("created_at", OffsetDateTime.class))))
                .list();
        return new Table("oldest", "Oldest open ticket per team",
                List.of("Team", "Ticket", "Summary", "Status", "Priority", "Filed"), rows);
    }

    /** Every ticket filed in the period whose first-response target passed without an answer, open or closed. */
    @Transactional(readOnly = true)
    public Table breaches(Filter filter) {
        List<List<String>> rows = jdbc.sql("""
                        select id, summary, team, priority, status, close_reason, organization_id, created_at
                        from ticket where first_response_breached = true and created_at >= :start
                        and created_at < :end""" + (filter.team() == null ? "" : " and team = :team")
                        + " order by id desc limit " + LIST_LIMIT)
                .paramSource(params(filter))
                .query((rs, row) -> List.of(TicketNumber.of(rs.getLong("id")), rs.getString("summary"),
                        nullToEmpty(rs.getString("team")), rs.getString("priority"),
                        rs.getString("status") + (rs.getString("close_reason") == null ? ""
                                : " (" + rs.getString("close_reason") + ")"),
                        rs.getString("organization_id"), day(rs.getObject("created_at", OffsetDateTime.class))))
                .list();
        return new Table("breaches", "First-response breaches (tickets filed in the period, open and closed)",
                List.of("Ticket", "Summary", "Team", "Priority", "Status", "Organisation", "Filed"), rows);
    }

    /** R20: how often each organisation's SEV-1 reports were not production outages. */
    @Transactional(readOnly = true)
    public Table sev1Downgrades() {
        List<List<String>> rows = jdbc.sql("""
                        select id, name, sev1_downgrades from organization where sev1_downgrades > 0
                        order by sev1_downgrades desc, id""")
                .query((rs, row) -> List.of(rs.getString("id"), rs.getString("name"),
                        Long.toString(rs.getLong("sev1_downgrades"))))
                .list();
        return new Table("downgrades", "SEV-1 downgrades per organisation (R20)",
                List.of("Organisation", "Name", "Downgrades"), rows);
    }

    /** Mail the SMTP server did not take: handed to the mail-delivery process, which retries and then gives up. */
    @Transactional(readOnly = true)
    public Table undeliverable() {
        List<List<String>> rows = jdbc.sql("""
                        select m.id, m.ticket_id, m.template, m.recipients, m.last_error, m.created_at
                        from outbound_mail m where m.status = 'DELEGATED' order by m.id desc""" + " limit " + LIST_LIMIT)
                .query((rs, row) -> {
                    long ticket = rs.getLong("ticket_id");
                    return List.of(Long.toString(rs.getLong("id")), rs.wasNull() ? "" : TicketNumber.of(ticket),
                            rs.getString("template"), rs.getString("recipients"),
                            nullToEmpty(rs.getString("last_error")),
                            day(rs.getObject("created_at", OffsetDateTime.class)));
                }).list();
        long incidents = runtime.createIncidentQuery().processDefinitionKeyIn(MAIL_PROCESS).count();
        return new Table("undeliverable", "Mail that could not be delivered (" + incidents
                + " given up: incidents in Cockpit)", List.of("Mail", "Ticket", "Template", "To", "Error", "Queued"),
                rows);
    }

    /** Received mail that needs a person: FAILED (retry it) or UNVERIFIED (accept it). */
    @Transactional(readOnly = true)
    public Table inboundNeedingAPerson() {
        List<List<String>> rows = jdbc.sql("""
                        select id, status, mailbox, sender, subject, outcome, received_at from inbound_mail
                        where status in ('FAILED', 'UNVERIFIED') order by id desc""" + " limit " + LIST_LIMIT)
                .query((rs, row) -> List.of(Long.toString(rs.getLong("id")), rs.getString("status"),
                        rs.getString("mailbox"), nullToEmpty(rs.getString("sender")),
                        nullToEmpty(rs.getString("subject")), nullToEmpty(rs.getString("outcome")),
                        day(rs.getObject("received_at", OffsetDateTime.class))))
                .list();
        return new Table("inbound", "Inbound mail FAILED or UNVERIFIED",
                List.of("Mail", "Status", "Mailbox", "Sender", "Subject", "Reason", "Received"), rows);
    }

    /** Tickets filed and solved on each day of the period (UTC days). */
    @Transactional(readOnly = true)
    public List<Day> filedAndSolved(Filter filter) {
        Map<LocalDate, long[]> days = new LinkedHashMap<>();
        for (LocalDate d = filter.from(); !d.isAfter(filter.to()); d = d.plusDays(1)) {
            days.put(d, new long[2]);
        }
        String team = filter.team() == null ? "" : " and team = :team";
        jdbc.sql("select created_at at_ from ticket where created_at >= :start and created_at < :end" + team)
                .paramSource(params(filter))
                .query((rs, row) -> days.get(LocalDate.ofInstant(
                        rs.getObject("at_", OffsetDateTime.class).toInstant(), ZoneOffset.UTC))[0]++)
                .list();
        jdbc.sql("select closed_at at_ from ticket where close_reason = 'SOLVED' and closed_at >= :start"
                        + " and closed_at < :end" + team)
                .paramSource(params(filter))
                .query((rs, row) -> days.get(LocalDate.ofInstant(
                        rs.getObject("at_", OffsetDateTime.class).toInstant(), ZoneOffset.UTC))[1]++)
                .list();
        List<Day> result = new ArrayList<>();
        days.forEach((day, n) -> result.add(new Day(day, n[0], n[1])));
        return result;
    }

    /** {@link #filedAndSolved} as a table. */
    public Table filedAndSolvedTable(Filter filter) {
        return filedAndSolvedTable(filedAndSolved(filter));
    }

    public static Table filedAndSolvedTable(List<Day> days) {
        return new Table("trend", "Tickets filed and solved per day", List.of("Day", "Filed", "Solved"),
                days.stream().map(d -> List.of(d.day().toString(), Long.toString(d.filed()),
                        Long.toString(d.solved()))).toList());
    }

    /** Every table by its name (the CSV downloads). */
    public Table table(String name, Filter filter) {
        return switch (name) {
            case "open" -> openByTeamAndPriority(filter);
            case "oldest" -> oldestOpen(filter);
            case "breaches" -> breaches(filter);
            case "downgrades" -> sev1Downgrades();
            case "undeliverable" -> undeliverable();
            case "inbound" -> inboundNeedingAPerson();
            case "trend" -> filedAndSolvedTable(filter);
            default -> throw org.supportdesk.web.Refusal.notFound("dashboard-table", name);
        };
    }

    private long count(String condition, Filter filter) {
        return jdbc.sql("select count(*) from ticket where " + condition
                        + (filter.team() == null ? "" : " and team = :team"))
                .paramSource(params(filter)).query(Long.class).single();
    }

    private static Map<String, Object> params(Filter filter) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("team", filter.team());
        params.put("start", filter.start().atOffset(ZoneOffset.UTC));
        params.put("end", filter.end().atOffset(ZoneOffset.UTC));
        return params;
    }

    private static String day(OffsetDateTime at) {
        return at == null ? "" : at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
