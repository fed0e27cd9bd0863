package org.supportdesk.staffdesk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Service;
import org.supportdesk.processes.EscalationDiagram;
import org.supportdesk.processes.Sev1OutageDiagram;
import org.supportdesk.processes.SupportTicketDiagram;
import org.supportdesk.ticket.AuthorType;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketMessage;
import org.supportdesk.ticket.TicketNote;
import org.supportdesk.ticket.TicketNotes;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketVariables;

/**
 * What happened to a ticket, oldest first, derived from what is kept anyway: the engine's history of the ticket's
 * processes (business key = ticket number: {@code support-ticket} and the {@code sev1-outage} and
 * {@code extended-support-escalation} it calls; history level {@code audit}, so activity instances with their
 * times and task assignees, and each variable's last value), the first-response timer while it runs, and the
 * ticket's rows (filing, conversation, internal notes).
 *
 * <p>At level {@code audit} the engine keeps no variable history: team and priority changes come from the ticket's
 * routing history ({@code ticket_routing_change}: routing, triage, re-triage, SEV-1), old and new, with who.
 */
@Service
public class TicketTimeline {

    /** One event; {@code kind} is one of the constants below. */
    public record Event(Instant at, String kind, String text, String actor) {
    }

    public static final String FILED = "filed";
    public static final String STATUS = "status";
    public static final String ROUTING = "routing";
    public static final String ASSIGNEE = "assignee";
    public static final String REMINDER = "reminder";
    public static final String FIRST_RESPONSE = "first-response";
    public static final String SEV1 = "sev1";
    public static final String MESSAGE = "message";
    public static final String NOTE = "note";

    /** Activities of the diagrams that are events on a ticket: (kind, text). */
    private static final Map<String, String[]> ACTIVITIES = Map.ofEntries(
            Map.entry(SupportTicketDiagram.MARK_OPEN, new String[]{STATUS, "Status OPEN"}),
            Map.entry(SupportTicketDiagram.MARK_PENDING, new String[]{STATUS,
                    "Status PENDING: information asked for"}),
            Map.entry(SupportTicketDiagram.REOPEN, new String[]{STATUS, "Status OPEN again: the customer replied"}),
            Map.entry(SupportTicketDiagram.TAKE_BACK_TO_WORK, new String[]{STATUS,
                    "Status OPEN again: taken back to work without the customer's answer"}),
            Map.entry(SupportTicketDiagram.CLOSE_SOLVED, new String[]{STATUS, "Status CLOSED: solved"}),
            Map.entry(SupportTicketDiagram.CLOSE_DUPLICATE, new String[]{STATUS, "Status CLOSED: duplicate"}),
            Map.entry(SupportTicketDiagram.CLOSE_NO_RESPONSE, new String[]{STATUS, "Status CLOSED: no response"}),
            Map.entry(SupportTicketDiagram.SEND_FIRST_REMINDER, new String[]{REMINDER,
                    "Reminder 1 sent to the customer"}),
            Map.entry(SupportTicketDiagram.SEND_SECOND_REMINDER, new String[]{REMINDER,
                    "Reminder 2 sent to the customer"}),
            Map.entry(SupportTicketDiagram.FIRST_RESPONSE_MET, new String[]{FIRST_RESPONSE,
                    "First-response target met"}),
            Map.entry(SupportTicketDiagram.RECORD_FIRST_RESPONSE_BREACH, new String[]{FIRST_RESPONSE,
                    "First-response target breached; managers told"}),
            Map.entry(Sev1OutageDiagram.MARK_SEV1, new String[]{SEV1, "SEV-1: URGENT in the SEV-1 queue"}),
            Map.entry(Sev1OutageDiagram.REQUEST_STARTUP_LOGS, new String[]{SEV1, "SEV-1: start-up logs asked for"}),
            Map.entry(Sev1OutageDiagram.SEND_SEV1_RECEIVED, new String[]{SEV1,
                    "SEV-1: customer told it was received"}),
            Map.entry(Sev1OutageDiagram.SEND_OUT_OF_HOURS_NOTICE, new String[]{SEV1,
                    "SEV-1 out of hours: customer told when work starts"}),
            Map.entry(Sev1OutageDiagram.HANDED_OVER_TO_ONCALL, new String[]{SEV1,
                    "SEV-1: business hours ended before the assessment; handed to the on-call engineer"}),
            Map.entry(EscalationDiagram.PAGE_ONCALL, new String[]{SEV1, "SEV-1: on-call engineer paged"}),
            Map.entry(EscalationDiagram.PAGE_BACKUP_AND_MANAGER, new String[]{SEV1,
                    "SEV-1: backup on-call and duty manager paged"}),
            Map.entry(EscalationDiagram.RECORD_ACKNOWLEDGEMENT, new String[]{SEV1, "SEV-1: outage acknowledged"}),
            Map.entry(Sev1OutageDiagram.RECORD_SEV1_ESCALATION, new String[]{SEV1,
                    "SEV-1: 1-hour response target passed; managers alerted"}),
            Map.entry(Sev1OutageDiagram.REQUEST_LOGS_AGAIN, new String[]{SEV1, "SEV-1: logs asked for again"}),
            Map.entry(Sev1OutageDiagram.CONFIRM_OUTAGE, new String[]{SEV1, "SEV-1: production outage confirmed"}),
            Map.entry(Sev1OutageDiagram.DOWNGRADE_URGENCY, new String[]{SEV1,
                    "SEV-1: not a production outage; urgency lowered to NORMAL"}));
    private static final List<String> USER_TASKS = List.of(SupportTicketDiagram.TRIAGE_TASK,
            SupportTicketDiagram.WORK_TASK, SupportTicketDiagram.PENDING_TASK, Sev1OutageDiagram.ASSESS_TASK, EscalationDiagram.ACKNOWLEDGE_TASK);

    private final HistoryService history;
    private final ManagementService management;
    private final TicketRepository tickets;
    private final TicketNotes notes;

    TicketTimeline(HistoryService history, ManagementService management, TicketRepository tickets,
                   TicketNotes notes) {
        this.history = history;
        this.management = management;
        this.tickets = tickets;
        this.notes = notes;
    }

    /** The ticket's events, oldest first (an event due in the future, the first-response target, comes last). */
    public List<Event> of(Ticket ticket) {
        List<Event> events = new ArrayList<>();
        events.add(new Event(ticket.createdAt(), FILED, "Filed by " + ticket.requesterName() + " ("
                + ticket.channel().name().toLowerCase(java.util.Locale.ROOT) + "): status NEW",
                ticket.requesterEmail()));
        for (TicketMessage m : tickets.messages(ticket.id())) {
            String who = m.authorType() == AuthorType.CUSTOMER ? "Customer" : m.authorType() == AuthorType.AGENT
                    ? "Support" : "Support Desk";
            events.add(new Event(m.createdAt(), MESSAGE, who + " wrote in the conversation", m.author()));
        }
        for (TicketRepository.RoutingChange c : tickets.routingChanges(ticket.id())) {
            events.add(new Event(c.at(), ROUTING, routing(c), c.by()));
        }
        for (TicketNote n : notes.of(ticket.id())) {
            events.add(new Event(n.createdAt(), NOTE, "Internal note", n.author()));
        }
        Instant firstResponseTarget = null;
        Instant firstResponded = null;
        boolean targetTimerFired = false;
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(ticket.number()).orderByProcessInstanceStartTime().asc().list();
        for (HistoricProcessInstance instance : instances) {
            String lastAssignee = null;
            List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                    .processInstanceId(instance.getId()).orderByHistoricActivityInstanceStartTime().asc()
                    .orderPartiallyByOccurrence().asc().list();
            for (HistoricActivityInstance a : activities) {
                String[] mapped = ACTIVITIES.get(a.getActivityId());
                if (mapped != null && a.getEndTime() != null && !a.isCanceled()) {
                    events.add(new Event(a.getEndTime().toInstant(), mapped[0], mapped[1], null));
                }
                if (SupportTicketDiagram.FIRST_RESPONSE_TIMER.equals(a.getActivityId())) {
                    targetTimerFired = true;
                    firstResponseTarget = a.getStartTime().toInstant();
                }
                if (USER_TASKS.contains(a.getActivityId())) {
                    if (a.getAssignee() != null && !a.getAssignee().equals(lastAssignee)) {
                        events.add(new Event(a.getStartTime().toInstant(), ASSIGNEE,
                                taskKind(a.getActivityId()) + ": assigned to " + a.getAssignee(), a.getAssignee()));
                        lastAssignee = a.getAssignee();
                    }
                    if (a.getEndTime() != null && !a.isCanceled()) {
                        events.add(new Event(a.getEndTime().toInstant(), ASSIGNEE,
                                taskKind(a.getActivityId()) + " completed" + (a.getAssignee() == null ? ""
                                        : " by " + a.getAssignee()), a.getAssignee()));
                    }
                }
            }
            if (SupportTicketDiagram.PROCESS_KEY.equals(instance.getProcessDefinitionKey())) {
                Job timer = management.createJobQuery().processInstanceId(instance.getId())
                        .activityId(SupportTicketDiagram.FIRST_RESPONSE_TIMER).timers().singleResult();
                if (timer != null && timer.getDuedate() != null) {
                    firstResponseTarget = timer.getDuedate().toInstant();
                }
                HistoricVariableInstance responded = history.createHistoricVariableInstanceQuery()
                        .processInstanceId(instance.getId()).variableName(TicketVariables.FIRST_RESPONDED_AT)
                        .singleResult();
                if (responded != null && responded.getValue() instanceof Date at) {
                    firstResponded = at.toInstant();
                }
            }
        }
        if (firstResponseTarget != null) {
            // first among events at the same instant: the target is reached before it is met or breached
            events.add(0, new Event(firstResponseTarget, FIRST_RESPONSE, targetTimerFired
                    ? "First-response target reached" : "First-response target (due)", null));
        }
        if (firstResponded != null) {
            boolean inTime = firstResponseTarget == null || !firstResponded.isAfter(firstResponseTarget);
            events.add(new Event(firstResponded, FIRST_RESPONSE, "First response given" + (inTime
                    ? " within the target" : " after the target"), null));
        }
        events.sort(Comparator.comparing(Event::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return events.stream().filter(Objects::nonNull).toList();
    }

    /** "Routed to team-lifecycle, priority HIGH" at first; later what changed, old to new. */
    static String routing(TicketRepository.RoutingChange c) {
        if (c.oldTeam() == null) {
            return "Routed to " + c.newTeam() + ", priority " + c.newPriority() + " (R10, R11)";
        }
        List<String> changed = new ArrayList<>();
        if (!c.newTeam().equals(c.oldTeam())) {
            changed.add("team queue " + c.oldTeam() + " \u2192 " + c.newTeam());
        }
        if (!c.newPriority().equals(c.oldPriority())) {
            changed.add("priority " + c.oldPriority() + " \u2192 " + c.newPriority());
        }
        String text = String.join(", ", changed);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + (c.by() == null ? "" : " by " + c.by());
    }

    /** The kind of task, not its name: the diagram names tasks after their ticket ("Triage SD-1001: …"). */
    private static String taskKind(String activityId) {
        return switch (activityId) {
            case SupportTicketDiagram.TRIAGE_TASK -> "Triage ticket";
            case SupportTicketDiagram.WORK_TASK -> "Work ticket";
            case SupportTicketDiagram.PENDING_TASK -> "Finish the PENDING wait";
            case Sev1OutageDiagram.ASSESS_TASK -> "Assess the outage";
            case EscalationDiagram.ACKNOWLEDGE_TASK -> "Acknowledge the outage";
            default -> activityId;
        };
    }
}
