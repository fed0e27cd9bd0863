package org.supportdesk.staffdesk;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.ticket.CustomerRecipients;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketMessage;
import org.supportdesk.ticket.TicketNote;
import org.supportdesk.ticket.TicketNotes;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketSearchRepository;
import org.supportdesk.survey.Satisfaction;
import org.supportdesk.web.Refusal;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * The staff workspace (issue #13): the search over every ticket, a ticket read whole (conversation, internal notes,
 * files, links, timeline, the open Tasklist task and the Cockpit instance) and internal notes. Staff only: the
 * customer API, the portal and the mails never call it.
 */
@Service
public class StaffDesk {

    /** Matches counted at most (beyond, "at least 1,000"). */
    public static final long COUNT_LIMIT = TicketSearchRepository.COUNT_LIMIT;
    /** A word in at most this many tickets is rare: its tickets are the candidates, read first. */
    static final int RARE_WORD = 2_000;
    /** {@link #RARE_WORD}, lowered by a test to search as if every word were common. */
    int rareWord = RARE_WORD;

    private final TicketSearchRepository search;
    private final TicketRepository tickets;
    private final TicketNotes notes;
    private final TicketTimeline timeline;
    private final TaskService tasks;
    private final HistoryService history;
    private final Satisfaction satisfaction;
    private final CustomerRecipients recipients;

    StaffDesk(TicketSearchRepository search, TicketRepository tickets, TicketNotes notes, TicketTimeline timeline,
              TaskService tasks, HistoryService history,
              Satisfaction satisfaction, CustomerRecipients recipients) {
        this.recipients = recipients;
        this.satisfaction = satisfaction;
        this.search = search;
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
     * Newest filed first; words are looked up in the ticket feature's word index ({@link TicketSearchRepository}).
     */
    @Transactional(readOnly = true)
    public Results search(SearchQuery query) {
        TicketSearchRepository.Page found = search.search(new TicketSearchRepository.Criteria(query.words(),
                query.ids(), query.organization(), query.requester(), query.status(), query.team(), query.assignee(),
                query.priority(), query.filedFrom(), query.filedBefore(), query.page(), query.size()), rareWord);
        return new Results(found.total(), found.totalExact(), query.page(), query.size(),
                found.items().stream().map(StaffDesk::item).toList());
    }

    private static Item item(TicketSearchRepository.Found t) {
        return new Item(TicketNumber.of(t.id()), t.summary(), t.status(), t.closeReason(), t.priority(), t.team(),
                t.assignee(), t.organizationId(), t.requesterEmail(), t.requesterName(), t.firstResponseBreached(),
                t.createdAt(), t.lastActivityAt(), t.closedAt());
    }

    /** The open user task of the ticket (in any of its processes), if any. */
    public record OpenTask(String id, String name, String assignee, Instant created) {
    }

    /** A ticket as staff read it. */
    public record Whole(Ticket ticket, List<String> cc, List<TicketMessage> conversation, List<TicketNote> notes,
                        List<Attachment> attachments, String original, List<String> followUps,
                        List<TicketTimeline.Event> timeline, OpenTask task, String processInstanceId,
                        List<Satisfaction.Given> ratings, CustomerRecipients.Recipients mailTo) {
    }

    @Transactional(readOnly = true)
    public Whole ticket(String number) {
        Ticket ticket = tickets.findByNumber(number).orElseThrow(() -> Refusal.notFound("ticket", number));
        List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(ticket.number()).active()
                .orderByTaskCreateTime().desc().list();
        OpenTask task = open.isEmpty() ? null : new OpenTask(open.get(0).getId(), open.get(0).getName(),
                open.get(0).getAssignee(), open.get(0).getCreateTime().toInstant());
        String processInstanceId = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(ticket.number()).processDefinitionKey(SupportTicketDiagram.PROCESS_KEY).list().stream()
                .filter(p -> p.getEndTime() == null)
                .max(Comparator.comparing(HistoricProcessInstance::getStartTime))
                .map(HistoricProcessInstance::getId).orElse(null);
        return new Whole(ticket, tickets.cc(ticket.id()), tickets.messages(ticket.id()), notes.of(ticket.id()),
                tickets.attachments(ticket.id()),
                ticket.followUpOf() == null ? null : TicketNumber.of(ticket.followUpOf()),
                tickets.followUps(ticket.id()).stream().map(TicketNumber::of).toList(),
                timeline.of(ticket), task, processInstanceId, satisfaction.of(ticket.id()), recipients.of(ticket));
    }

    /**
     * An internal note by a staff member; a blank or oversize body is refused and nothing is stored. Every view of the
     * ticket reads the notes from their table, so an open task's Ticket tab shows it at once.
     */
    public TicketNote addNote(String number, String staffUser, String body) {
        return notes.add(number, staffUser, body);
    }
}
