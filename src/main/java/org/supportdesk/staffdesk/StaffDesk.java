package org.supportdesk.staffdesk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketMessage;
import org.supportdesk.ticket.TicketNote;
import org.supportdesk.ticket.TicketNotes;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.survey.Satisfaction;
import org.supportdesk.web.Refusal;

/**
 * The staff workspace (issue #13): the search over every ticket, a ticket read whole (conversation, internal notes,
 * files, links, timeline, the open Tasklist task and the Cockpit instance) and internal notes. Staff only: the
 * customer API, the portal and the mails never call it.
 */
@Service
public class StaffDesk {

    static final String TICKET_PROCESS = "support-ticket";
    /** Matches counted at most (beyond, "at least 1,000"). */
    public static final long COUNT_LIMIT = 1_000;
    /** The newest ids a page is looked for among first, then all. */
    private static final long[] WINDOWS = {5_000, 50_000, Long.MAX_VALUE};
    /** A word in at most this many tickets is rare: its tickets are the candidates, read first. */
    static final int RARE_WORD = 2_000;
    /** {@link #RARE_WORD}, lowered by a test to search as if every word were common. */
    int rareWord = RARE_WORD;

    private final JdbcClient jdbc;
    private final TicketRepository tickets;
    private final TicketNotes notes;
    private final TicketTimeline timeline;
    private final TaskService tasks;
    private final HistoryService history;
    private final Satisfaction satisfaction;

    StaffDesk(JdbcClient jdbc, TicketRepository tickets, TicketNotes notes, TicketTimeline timeline,
              TaskService tasks, HistoryService history,
              Satisfaction satisfaction) {
        this.satisfaction = satisfaction;
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.notes = notes;
        this.timeline = timeline;
        this.tasks = tasks;
        this.history = history;
    }

    /** One row of the search's results. */
    public record Item(String number, String summary, String status, String closeReason, String priority,
                       String team, String assignee, String organizationId, String requesterEmail,
                       String requesterName, boolean firstResponseBreached, Instant createdAt,
                       Instant lastActivityAt, Instant closedAt) {
    }

    /**
     * {@code total} is exact up to {@link #COUNT_LIMIT}; beyond it {@code totalExact} is false and {@code total}
     * is the limit ("at least"). Narrow the search to count more exactly.
     */
    public record Results(long total, boolean totalExact, int page, int size, List<Item> items) {

        public int pages() {
            return (int) ((total + size - 1) / size);
        }
    }

    /**
     * Newest filed first. Words are looked up in the word index ({@code ticket_term}): the rarest word first, and
     * when it is rare its tickets are the only candidates; every other word is a lookup per candidate. The other
     * filters use the ticket's indexes (V17__ticket_search.sql).
     */
    @Transactional(readOnly = true)
    public Results search(SearchQuery query) {
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
                return new Results(0, true, query.page(), query.size(), List.of());
            }
            if (frequency.get(words.get(0)) <= rareWord) {
                List<Long> candidates = jdbc.sql("select ticket_id from ticket_term where term = ?")
                        .param(words.remove(0)).query(Long.class).list();
                if (candidates.isEmpty()) {
                    return new Results(0, true, query.page(), query.size(), List.of());
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
        List<Item> items = List.of();
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
                        .query(StaffDesk::item)
                        .list();
                if (whole || items.size() == query.size()) {
                    break;
                }
            }
        }
        return new Results(total, exact, query.page(), query.size(), items);
    }

    private static void equal(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static Item item(ResultSet rs, int row) throws SQLException {
        return new Item(TicketNumber.of(rs.getLong("id")), rs.getString("summary"), rs.getString("status"),
                rs.getString("close_reason"), rs.getString("priority"), rs.getString("team"),
                rs.getString("assignee"), rs.getString("organization_id"), rs.getString("requester_email"),
                rs.getString("requester_name"), rs.getBoolean("first_response_breached"), instant(rs, "created_at"),
                instant(rs, "last_activity_at"), instant(rs, "closed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The open user task of the ticket (in any of its processes), if any. */
    public record OpenTask(String id, String name, String assignee, Instant created) {
    }

    /** A ticket as staff read it. */
    public record Whole(Ticket ticket, List<String> cc, List<TicketMessage> conversation, List<TicketNote> notes,
                        List<Attachment> attachments, String original, List<String> followUps,
                        List<TicketTimeline.Event> timeline, OpenTask task, String processInstanceId,
                        List<Satisfaction.Given> ratings) {
    }

    @Transactional(readOnly = true)
    public Whole ticket(String number) {
        Ticket ticket = tickets.findByNumber(number).orElseThrow(() -> Refusal.notFound("ticket", number));
        List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(ticket.number()).active()
                .orderByTaskCreateTime().desc().list();
        OpenTask task = open.isEmpty() ? null : new OpenTask(open.get(0).getId(), open.get(0).getName(),
                open.get(0).getAssignee(), open.get(0).getCreateTime().toInstant());
        String processInstanceId = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(ticket.number()).processDefinitionKey(TICKET_PROCESS).list().stream()
                .filter(p -> p.getEndTime() == null)
                .max(Comparator.comparing(HistoricProcessInstance::getStartTime))
                .map(HistoricProcessInstance::getId).orElse(null);
        return new Whole(ticket, tickets.cc(ticket.id()), tickets.messages(ticket.id()), notes.of(ticket.id()),
                tickets.attachments(ticket.id()),
                ticket.followUpOf() == null ? null : TicketNumber.of(ticket.followUpOf()),
                tickets.followUps(ticket.id()).stream().map(TicketNumber::of).toList(),
                timeline.of(ticket), task, processInstanceId, satisfaction.of(ticket.id()));
    }

    /**
     * An internal note by a staff member; a blank or oversize body is refused and nothing is stored. Every view of the
     * ticket reads the notes from their table, so an open task's Ticket tab shows it at once.
     */
    public TicketNote addNote(String number, String staffUser, String body) {
        return notes.add(number, staffUser, body);
    }
}
