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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.calendar.BusinessCalendar;
import org.supportdesk.inbound.InboundMailRepository;
import org.supportdesk.mail.OutboundMailRepository;
import org.supportdesk.survey.RatingRepository;
import org.supportdesk.ticket.NextReply;
import org.supportdesk.ticket.NextReplyRepository;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.TicketReportRepository;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.processes.EscalationDiagram;
import org.supportdesk.processes.MailDeliveryDiagram;
import org.supportdesk.processes.Sev1OutageDiagram;

/**
 * The manager dashboard's figures (issue #14), read from the tickets' and mails' rows and the engine: what is open
 * now, what went wrong (first-response breaches, SEV-1 downgrades, undeliverable and failed mail) and the last days'
 * intake, first responses and next replies (R11). Every table is a {@link Table}: the page draws it, and it
 * downloads as CSV.
 */
@Service
public class Dashboard {

    /** Rows a list shows at most (the CSV too): the newest first. */
    static final int LIST_LIMIT = 500;

    private final TicketReportRepository reports;
    private final AccountRepository accounts;
    private final OutboundMailRepository outbound;
    private final InboundMailRepository inbound;
    private final RatingRepository ratings;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final Clock clock;
    private final BusinessCalendar calendar;
    private final NextReply nextReply;

    Dashboard(TicketReportRepository reports, AccountRepository accounts, OutboundMailRepository outbound,
              InboundMailRepository inbound, RatingRepository ratings, TaskService tasks, RuntimeService runtime,
              Clock clock, BusinessCalendar calendar, NextReply nextReply) {
        this.nextReply = nextReply;
        this.calendar = calendar;
        this.reports = reports;
        this.accounts = accounts;
        this.outbound = outbound;
        this.inbound = inbound;
        this.ratings = ratings;
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
        for (TicketReportRepository.StatusCount status : reports.openByStatus(filter.team())) {
            counts[0] += status.tickets();
            if (status.status() == TicketStatus.PENDING) {
                counts[1] = status.tickets();
            } else {
                counts[2] += status.unassigned();
            }
        }
        long sev1 = runtime.createProcessInstanceQuery().processDefinitionKey(Sev1OutageDiagram.PROCESS_KEY).active()
                .count();
        long pages = tasks.createTaskQuery().processDefinitionKey(EscalationDiagram.PROCESS_KEY)
                .taskDefinitionKey(EscalationDiagram.ACKNOWLEDGE_TASK).active().count();
        return new Now(counts[0], counts[1], counts[2], sev1, pages);
    }

    /** Open tickets (not CLOSED) by team and priority. */
    @Transactional(readOnly = true)
    public Table openByTeamAndPriority(Filter filter) {
        Map<String, long[]> byTeam = new java.util.TreeMap<>();
        Priority[] priorities = Priority.values();
        for (TicketReportRepository.TeamPriorityCount count : reports.openByTeamAndPriority(filter.team())) {
            long[] counts = byTeam.computeIfAbsent(count.team(), t -> new long[priorities.length]);
            counts[count.priority().ordinal()] = count.tickets();
        }
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
        List<List<String>> rows = reports.oldestOpenPerTeam(filter.team()).stream()
                .map(t -> List.of(t.team(), TicketNumber.of(t.id()), t.summary(), t.status(), t.priority(),
                        day(t.createdAt())))
                .toList();
        return new Table("oldest", "Oldest open ticket per team",
                List.of("Team", "Ticket", "Summary", "Status", "Priority", "Filed"), rows);
    }

    /** Every ticket filed in the period whose first-response target passed without an answer, open or closed. */
    @Transactional(readOnly = true)
    public Table breaches(Filter filter) {
        List<List<String>> rows = reports.firstResponseBreaches(filter.start(), filter.end(), filter.team(),
                        LIST_LIMIT).stream()
                .map(t -> List.of(TicketNumber.of(t.id()), t.summary(), nullToEmpty(t.team()), t.priority(),
                        t.status() + (t.closeReason() == null ? "" : " (" + t.closeReason() + ")"),
                        t.organizationId(), day(t.createdAt())))
                .toList();
        return new Table("breaches", "First-response breaches (tickets filed in the period, open and closed)",
                List.of("Ticket", "Summary", "Team", "Priority", "Status", "Organisation", "Filed"), rows);
    }

    /** R20: how often each organisation's SEV-1 reports were not production outages. */
    @Transactional(readOnly = true)
    public Table sev1Downgrades() {
        List<List<String>> rows = accounts.sev1Downgrades().stream()
                .map(o -> List.of(o.organizationId(), o.name(), Long.toString(o.downgrades())))
                .toList();
        return new Table("downgrades", "SEV-1 downgrades per organisation (R20)",
                List.of("Organisation", "Name", "Downgrades"), rows);
    }

    /** Mail the SMTP server did not take: handed to the mail-delivery process, which retries and then gives up. */
    @Transactional(readOnly = true)
    public Table undeliverable() {
        List<List<String>> rows = outbound.delegated(LIST_LIMIT).stream()
                .map(m -> List.of(Long.toString(m.id()), m.ticketId() == null ? "" : TicketNumber.of(m.ticketId()),
                        m.template(), m.recipients(), serverAnswer(m.lastError()), day(m.createdAt())))
                .toList();
        long incidents = runtime.createIncidentQuery().processDefinitionKeyIn(MailDeliveryDiagram.PROCESS_KEY).count();
        return new Table("undeliverable", "Mail that could not be delivered (" + incidents
                + " given up: incidents in Cockpit)", List.of("Mail", "Ticket", "Template", "To", "Error", "Queued"),
                rows);
    }

    /** Received mail that needs a person: FAILED or waiting for a retry (retry it), or UNVERIFIED (accept it). */
    @Transactional(readOnly = true)
    public Table inboundNeedingAPerson() {
        List<List<String>> rows = inbound.needingAPerson(LIST_LIMIT).stream()
                .map(m -> List.of(Long.toString(m.id()), m.status().name(), m.mailbox(), nullToEmpty(m.sender()),
                        nullToEmpty(m.subject()), nullToEmpty(m.outcome()), day(m.receivedAt())))
                .toList();
        return new Table("inbound", "Inbound mail FAILED, waiting for a retry, or UNVERIFIED",
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
        List<TicketReportRepository.Solved> solved = reports.solvedBetween(filter.start(), filter.end(),
                filter.team());
        Meters meters = new Meters(solved.stream().map(TicketReportRepository.Solved::organizationId).toList());
        for (TicketReportRepository.Solved ticket : solved) {
            Tally tally = buckets.get(filter.by().start(day(ticket.solvedAt())));
            tally.solved++;
            tally.toSolve.add(meters.of(ticket.organizationId()).between(ticket.filedAt(), ticket.solvedAt()));
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
        List<RatingRepository.Rated> rated = ratings.ratedBetween(filter.start(), filter.end());
        Map<Long, TicketReportRepository.Owner> tickets = reports.owners(
                rated.stream().map(RatingRepository.Rated::ticketId).distinct().toList());
        return rated.stream()
                .map(r -> new Given(r.good(), r.at(), tickets.get(r.ticketId()).team(),
                        tickets.get(r.ticketId()).assignee()))
                .filter(given -> filter.team() == null || filter.team().equals(given.team()))
                .toList();
    }

    /** A ticket filed in the period, with what its first response took in its organisation's business time. */
    private record Filed(Instant filedAt, Priority priority, boolean met, boolean breached, Duration toFirstResponse) {
    }

    private List<Filed> filed(Filter filter) {
        List<TicketReportRepository.Filed> rows = reports.filedBetween(filter.start(), filter.end(), filter.team());
        Meters meters = new Meters(rows.stream().map(TicketReportRepository.Filed::organizationId).toList());
        return rows.stream().map(row -> new Filed(row.filedAt(), row.priority(),
                row.firstRespondedAt() != null && !row.firstResponseBreached(), row.firstResponseBreached(),
                row.firstRespondedAt() == null ? null
                : meters.of(row.organizationId()).between(row.filedAt(), row.firstRespondedAt()))).toList();
    }

    /** Each organisation's business-time meter (R12: its zone and holiday region), read once for many tickets. */
    private final class Meters {

        private final Map<String, BusinessCalendar.Meter> byOrganisation = new java.util.HashMap<>();

        Meters(List<String> organisations) {
            List<String> ids = organisations.stream().distinct().toList();
            Map<String, BusinessCalendar.Meter> byCalendar = new java.util.HashMap<>();
            for (AccountRepository.Calendar organisation : accounts.calendars(ids)) {
                String zone = organisation.timeZone();
                String region = organisation.holidayRegion();
                byOrganisation.put(organisation.organizationId(), byCalendar.computeIfAbsent(zone + " " + region,
                        key -> calendar.meter(ZoneId.of(zone), region)));
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

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
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
