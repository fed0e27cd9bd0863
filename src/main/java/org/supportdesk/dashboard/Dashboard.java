package org.supportdesk.dashboard;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.calendar.BusinessCalendar;
import org.supportdesk.ticket.NextReply;
import org.supportdesk.ticket.NextReplyRepository;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.TicketNumber;

/**
 * The manager dashboard's figures (issue #14), read from the tickets' and mails' rows and the engine: what is open
 * now, what went wrong (first-response breaches, SEV-1 downgrades, undeliverable and failed mail) and the last days'
 * intake, first responses and next replies (R11). Every table is a {@link Table}: the page draws it, and it
 * downloads as CSV.
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
    private final BusinessCalendar calendar;
    private final NextReply nextReply;

    Dashboard(JdbcClient jdbc, TaskService tasks, RuntimeService runtime, Clock clock, BusinessCalendar calendar,
              NextReply nextReply) {
        this.nextReply = nextReply;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** How the trend groups days: each day, or weeks from Monday. */
    public enum Period {
        DAY, WEEK;

        LocalDate start(LocalDate day) {
            return this == DAY ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
    }

    /**
     * What to look at: one team or all, and the days (UTC) that count: tickets filed, solved and rated on them; the
     * trend by day or by week.
     */
    public record Filter(String team, LocalDate from, LocalDate to, Period by) {

        Instant start() {
            return from.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        Instant end() {
            return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** A table: a title, its column names and its rows (cells as text; a ticket number links to its page). */
    public record Table(String name, String title, List<String> columns, List<List<String>> rows) {

        /** The column of ticket numbers (linked to the staff ticket page), or -1. */
        public int ticketColumn() {
            return columns.indexOf("Ticket");
        }

        /** The first {@code limit} rows: the page shows those, the CSV has them all. */
        public List<List<String>> firstRows(int limit) {
            return rows.size() <= limit ? rows : rows.subList(0, limit);
        }
    }

    /** The counters at the top of the page; {@code unassigned}: NEW or OPEN tickets nobody has taken. */
    public record Now(long open, long pending, long unassigned, long sev1Running, long unacknowledgedPages) {
    }

    /**
     * One day or week of the trend. Of the tickets filed in it: how many, how many got their first response within
     * the target ({@code met}) or not ({@code breached}; neither yet: still waiting), and the median business time to
     * the first response; of the customers' replies that waited for support in it (R11 next reply): how many were
     * answered by their due time ({@code nextReplyMet}) or not ({@code nextReplyBreached}: answered late, or still
     * unanswered after it); of the tickets solved in it: how many and the median business time from filing to
     * solved; the ratings given in it. Business time is the organisation's business hours (R12), whatever the
     * priority.
     */
    public record Bucket(LocalDate start, long filed, long solved, long met, long breached, long nextReplyMet,
                         long nextReplyBreached, Duration medianFirstResponse, Duration medianToSolve, long good,
                         long bad) {
    }

    public Filter filter(String team, LocalDate from, LocalDate to) {
        return filter(team, from, to, Period.DAY);
    }

    public Filter filter(String team, LocalDate from, LocalDate to, Period by) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate end = to == null ? today : to;
        LocalDate start = from == null ? end.minusDays(29) : from;
        if (start.isAfter(end)) {
            throw org.supportdesk.web.Refusal.invalidField("from", "after-to");
        }
        return new Filter(team == null || team.isBlank() ? null : team.strip(), start, end, by);
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
                            serverAnswer(rs.getString("last_error")),
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

    /** The trend: each day or week of the period (UTC days). */
    @Transactional(readOnly = true)
    public List<Bucket> trend(Filter filter) {
        return trend(filter, filed(filter), replies(filter), ratings(filter));
    }

    /**
     * The trend, the first response and next reply per priority and the satisfaction tables, from one read of the
     * period's tickets, replies and ratings (the page).
     */
    @Transactional(readOnly = true)
    public Trend trendAndResponse(Filter filter) {
        List<Filed> filed = filed(filter);
        List<Replied> replies = replies(filter);
        List<Given> ratings = ratings(filter);
        return new Trend(trend(filter, filed, replies, ratings), firstResponseByPriority(filed, replies),
                satisfaction(ratings, false), satisfaction(ratings, true));
    }

    public record Trend(List<Bucket> buckets, Table firstResponseByPriority, Table satisfactionPerTeam,
                        Table satisfactionPerAgent) {

        /** The tables this holds by name, else null. */
        Table table(String name) {
            return switch (name) {
                case "response" -> firstResponseByPriority;
                case "satisfaction-teams" -> satisfactionPerTeam;
                case "satisfaction-agents" -> satisfactionPerAgent;
                default -> null;
            };
        }
    }

    private List<Bucket> trend(Filter filter, List<Filed> filed, List<Replied> replies, List<Given> ratings) {
        Map<LocalDate, Tally> buckets = new LinkedHashMap<>();
        for (LocalDate d = filter.from(); !d.isAfter(filter.to()); d = d.plusDays(1)) {
            buckets.computeIfAbsent(filter.by().start(d), start -> new Tally());
        }
        for (Filed ticket : filed) {
            Tally tally = buckets.get(filter.by().start(day(ticket.filedAt())));
            tally.filed++;
            tally.count(ticket);
        }
        for (Replied reply : replies) {
            buckets.get(filter.by().start(day(reply.at()))).count(reply);
        }
        String team = filter.team() == null ? "" : " and team = :team";
        record Solved(String organisation, Instant filed, Instant solved) {
        }
        List<Solved> solved = jdbc.sql("select organization_id, created_at, closed_at from ticket"
                        + " where close_reason = 'SOLVED' and closed_at >= :start and closed_at < :end" + team)
                .paramSource(params(filter))
                .query((rs, row) -> new Solved(rs.getString("organization_id"), instant(rs, "created_at"),
                        instant(rs, "closed_at")))
                .list();
        Meters meters = new Meters(solved.stream().map(Solved::organisation).toList());
        for (Solved ticket : solved) {
            Tally tally = buckets.get(filter.by().start(day(ticket.solved())));
            tally.solved++;
            tally.toSolve.add(meters.of(ticket.organisation()).between(ticket.filed(), ticket.solved()));
        }
        for (Given given : ratings) {
            Tally tally = buckets.get(filter.by().start(day(given.at())));
            if (given.good()) {
                tally.good++;
            } else {
                tally.bad++;
            }
        }
        List<Bucket> result = new ArrayList<>();
        buckets.forEach((start, t) -> result.add(new Bucket(start, t.filed, t.solved, t.met, t.breached,
                t.nextReplyMet, t.nextReplyBreached, median(t.toFirstResponse), median(t.toSolve), t.good, t.bad)));
        return result;
    }

    /** {@link #trend} as a table. */
    public Table trendTable(Filter filter) {
        return trendTable(trend(filter), filter.by());
    }

    public static Table trendTable(List<Bucket> buckets, Period by) {
        return new Table("trend", by == Period.WEEK ? "Trend per week (from Monday)" : "Trend per day",
                List.of(by == Period.WEEK ? "Week" : "Day", "Filed", "Solved", "First response met %",
                        "Next reply met %", "Median first response (business hours)",
                        "Median to solve (business hours)", "Good ratings %"),
                buckets.stream().map(b -> List.of(b.start().toString(), Long.toString(b.filed()),
                        Long.toString(b.solved()), percent(b.met(), b.met() + b.breached()),
                        percent(b.nextReplyMet(), b.nextReplyMet() + b.nextReplyBreached()),
                        hours(b.medianFirstResponse()), hours(b.medianToSolve()), percent(b.good(), b.good() + b.bad())))
                        .toList());
    }

    /**
     * R11 per priority (the ticket's current one). For the tickets filed in the period: answered within the
     * first-response target, breached, still waiting, and the median business time to the first response. For the
     * customers' replies in the period that waited for support (next reply): how many, answered by their due time,
     * breached (answered late, or unanswered after it), still waiting.
     */
    @Transactional(readOnly = true)
    public Table firstResponseByPriority(Filter filter) {
        return firstResponseByPriority(filed(filter), replies(filter));
    }

    private Table firstResponseByPriority(List<Filed> filed, List<Replied> replies) {
        Map<Priority, Tally> byPriority = new java.util.EnumMap<>(Priority.class);
        for (Filed ticket : filed) {
            Tally tally = byPriority.computeIfAbsent(ticket.priority(), p -> new Tally());
            tally.filed++;
            tally.count(ticket);
        }
        for (Replied reply : replies) {
            byPriority.computeIfAbsent(reply.priority(), p -> new Tally()).count(reply);
        }
        List<List<String>> rows = new ArrayList<>();
        byPriority.forEach((priority, t) -> rows.add(List.of(priority.name(), Long.toString(t.filed),
                Long.toString(t.met), Long.toString(t.breached), Long.toString(t.filed - t.met - t.breached),
                percent(t.met, t.met + t.breached), hours(median(t.toFirstResponse)), Long.toString(t.replies),
                Long.toString(t.nextReplyMet), Long.toString(t.nextReplyBreached),
                Long.toString(t.replies - t.nextReplyMet - t.nextReplyBreached),
                percent(t.nextReplyMet, t.nextReplyMet + t.nextReplyBreached))));
        return new Table("response", "First response and next reply per priority (tickets filed and customer"
                + " replies in the period)",
                List.of("Priority", "Filed", "Met", "Breached", "Waiting", "Met %",
                        "Median first response (business hours)", "Replies", "Next reply met",
                        "Next reply breached", "Next reply waiting", "Next reply met %"), rows);
    }

    /**
     * A customer's reply in the period that waited for support (R11 next reply): answered by its due time, or
     * breached, answered late or unanswered after it (read now); else it is still waiting.
     */
    private record Replied(Instant at, Priority priority, boolean met, boolean breached) {
    }

    private List<Replied> replies(Filter filter) {
        Instant now = clock.instant();
        return nextReply.repliesBetween(filter.start(), filter.end(), filter.team()).stream()
                .map(reply -> toReplied(reply, now)).toList();
    }

    private static Replied toReplied(NextReplyRepository.Replied reply, Instant now) {
        Instant answered = reply.answeredAt();
        boolean met = answered != null && !answered.isAfter(reply.dueAt());
        boolean breached = answered != null ? answered.isAfter(reply.dueAt()) : now.isAfter(reply.dueAt());
        return new Replied(reply.customerWroteAt(), reply.priority(), met, breached);
    }

    /** The ratings given in the period, per team or per agent (who had the ticket when it was solved). */
    @Transactional(readOnly = true)
    public Table satisfaction(Filter filter, boolean perAgent) {
        return satisfaction(ratings(filter), perAgent);
    }

    private static Table satisfaction(List<Given> ratings, boolean perAgent) {
        Map<String, long[]> counts = new java.util.TreeMap<>();
        for (Given given : ratings) {
            String who = perAgent ? given.assignee() : given.team();
            counts.computeIfAbsent(who == null ? "(nobody)" : who, w -> new long[2])[given.good() ? 0 : 1]++;
        }
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((who, n) -> rows.add(List.of(who, Long.toString(n[0]), Long.toString(n[1]),
                percent(n[0], n[0] + n[1]))));
        return perAgent
                ? new Table("satisfaction-agents", "Satisfaction per agent (ratings given in the period)",
                List.of("Agent", "Good", "Bad", "Good %"), rows)
                : new Table("satisfaction-teams", "Satisfaction per team (ratings given in the period)",
                List.of("Team", "Good", "Bad", "Good %"), rows);
    }

    /** A rating given in the period, with its ticket's team and agent. */
    private record Given(boolean good, Instant at, String team, String assignee) {
    }

    private List<Given> ratings(Filter filter) {
        // the ratings by their index on rated_at, then their tickets by primary key: a join filtered by team would
        // walk the team's every ticket
        record Rating(long ticketId, boolean good, Instant at) {
        }
        List<Rating> ratings = jdbc.sql("select ticket_id, rating, rated_at from ticket_rating"
                        + " where rated_at >= :start and rated_at < :end")
                .paramSource(params(filter))
                .query((rs, row) -> new Rating(rs.getLong("ticket_id"),
                        org.supportdesk.survey.Satisfaction.Rating.GOOD.name().equals(rs.getString("rating")),
                        instant(rs, "rated_at")))
                .list();
        List<Long> ids = ratings.stream().map(Rating::ticketId).distinct().toList();
        Map<Long, String[]> tickets = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            jdbc.sql("select id, team, assignee from ticket where id in (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .query((rs, row) -> tickets.put(rs.getLong("id"),
                            new String[]{rs.getString("team"), rs.getString("assignee")}))
                    .list();
        }
        return ratings.stream()
                .map(r -> new Given(r.good(), r.at(), tickets.get(r.ticketId())[0], tickets.get(r.ticketId())[1]))
                .filter(given -> filter.team() == null || filter.team().equals(given.team()))
                .toList();
    }

    /** A ticket filed in the period, with what its first response took in its organisation's business time. */
    private record Filed(Instant filedAt, Priority priority, boolean met, boolean breached, Duration toFirstResponse) {
    }

    private List<Filed> filed(Filter filter) {
        record Row(String organisation, Priority priority, Instant filed, Instant answered, boolean breached) {
        }
        List<Row> rows = jdbc.sql("select organization_id, priority, created_at, first_responded_at,"
                        + " first_response_breached from ticket where created_at >= :start and created_at < :end"
                        + (filter.team() == null ? "" : " and team = :team"))
                .paramSource(params(filter))
                .query((rs, row) -> new Row(rs.getString("organization_id"), Priority.valueOf(rs.getString("priority")),
                        instant(rs, "created_at"), instant(rs, "first_responded_at"),
                        rs.getBoolean("first_response_breached")))
                .list();
        Meters meters = new Meters(rows.stream().map(Row::organisation).toList());
        return rows.stream().map(row -> new Filed(row.filed(), row.priority(), row.answered() != null && !row.breached(),
                row.breached(), row.answered() == null ? null
                : meters.of(row.organisation()).between(row.filed(), row.answered()))).toList();
    }

    /** Each organisation's business-time meter (R12: its zone and holiday region), read once for many tickets. */
    private final class Meters {

        private final Map<String, BusinessCalendar.Meter> byOrganisation = new java.util.HashMap<>();

        Meters(List<String> organisations) {
            List<String> ids = organisations.stream().distinct().toList();
            Map<String, BusinessCalendar.Meter> byCalendar = new java.util.HashMap<>();
            for (int from = 0; from < ids.size(); from += 500) {
                jdbc.sql("select id, time_zone, holiday_region from organization where id in (:ids)")
                        .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                        .query((rs, row) -> {
                            String zone = rs.getString("time_zone");
                            String region = rs.getString("holiday_region");
                            return byOrganisation.put(rs.getString("id"), byCalendar.computeIfAbsent(zone + " " + region,
                                    key -> calendar.meter(ZoneId.of(zone), region)));
                        })
                        .list();
            }
        }

        BusinessCalendar.Meter of(String organisation) {
            return byOrganisation.get(organisation);
        }
    }

    private static final class Tally {
        long filed;
        long solved;
        long met;
        long breached;
        long good;
        long bad;
        long replies;
        long nextReplyMet;
        long nextReplyBreached;
        final List<Duration> toFirstResponse = new ArrayList<>();
        final List<Duration> toSolve = new ArrayList<>();

        void count(Filed ticket) {
            met += ticket.met() ? 1 : 0;
            breached += ticket.breached() ? 1 : 0;
            if (ticket.toFirstResponse() != null) {
                toFirstResponse.add(ticket.toFirstResponse());
            }
        }

        void count(Replied reply) {
            replies++;
            nextReplyMet += reply.met() ? 1 : 0;
            nextReplyBreached += reply.breached() ? 1 : 0;
        }
    }

    /** The middle value; of an even number of values, the mean of the middle two. Null for none. */
    static Duration median(List<Duration> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    static String hours(Duration duration) {
        return duration == null ? "" : String.format(Locale.ROOT, "%.1f", duration.toSeconds() / 3600.0);
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "" : String.format(Locale.ROOT, "%.0f", 100.0 * part / whole);
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
            case "trend" -> trendTable(filter);
            case "response" -> firstResponseByPriority(filter);
            case "satisfaction-teams" -> satisfaction(filter, false);
            case "satisfaction-agents" -> satisfaction(filter, true);
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

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static String day(OffsetDateTime at) {
        return at == null ? "" : at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static final java.util.regex.Pattern SMTP_REPLY =
            java.util.regex.Pattern.compile("\\b[45]\\d\\d[ -](?:[45]\\.\\d{1,3}\\.\\d{1,3} )?[^\\r\\n]*");

    /** What the SMTP server answered (e.g. "550 5.1.1 No such user here"), never the exception's text. */
    static String serverAnswer(String lastError) {
        if (lastError == null || lastError.isBlank()) {
            return "";
        }
        java.util.regex.Matcher reply = SMTP_REPLY.matcher(lastError);
        String answer = null;
        while (reply.find()) {
            answer = reply.group().strip();
        }
        return answer != null ? answer : "not delivered (the reason is in the log and in Cockpit's incident)";
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
