package org.supportdesk.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.supportdesk.staff.StaffDirectory;
import org.supportdesk.staff.StaffGroup;
import org.springframework.stereotype.Service;

/**
 * What the steps of the {@code support-ticket} diagram do to a ticket (R9–R15): record routing and triage, change
 * the status, record an agent's answer, note a missed first-response target. The diagram decides when; this
 * decides how, on the ticket row, in the process step's transaction.
 */
@Service
public class TicketWorkflow {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TicketWorkflow.class);

    private final TicketRepository tickets;
    private final TicketProcess process;
    private final StaffDirectory staff;
    private final Clock clock;
    private final TicketNotes notes;
    private final BusinessTime businessTime;
    private final NextReply nextReply;
    private final Duplicates duplicates;

    TicketWorkflow(TicketRepository tickets, TicketProcess process, StaffDirectory staff, Clock clock,
                   TicketNotes notes, BusinessTime businessTime, NextReply nextReply, Duplicates duplicates) {
        this.nextReply = nextReply;
        this.duplicates = duplicates;
        this.notes = notes;
        this.businessTime = businessTime;
        this.tickets = tickets;
        this.process = process;
        this.staff = staff;
        this.clock = clock;
    }

    /**
     * R10, R11: routing's or triage's team and priority, and the product and topic that triage settles for mailed
     * requests (recorded when both are given).
     */
    public void recordRouting(long ticketId, Routing routing) {
        tickets.updateRouting(ticketId, routing.priority(), routing.team().id(), routing.by(), clock.instant());
        log.info("Routed to {} with priority {}{}", routing.team().id(), routing.priority(),
                routing.by() == null ? "" : " by " + routing.by());
        if (routing.product() != null && routing.topic() != null) {
            tickets.updateClassification(ticketId, routing.product(), routing.topic());
        }
    }

    public record StatusChange(TicketStatus status, CloseReason reason, Instant at) {
    }

    /** R13: moves the ticket to {@code to}; closing needs a {@link CloseReason}, the other statuses have none. */
    public StatusChange changeStatus(long ticketId, TicketStatus to, CloseReason reason) {
        CloseReason why = to == TicketStatus.CLOSED ? Objects.requireNonNull(reason, "closing needs a reason") : null;
        Instant now = clock.instant();
        tickets.updateStatus(ticketId, to, why, now);
        return new StatusChange(to, why, now);
    }

    /**
     * @param messageId the message (table {@code ticket_message}) this step told the customer, null when it said
     *                  nothing: SOLVE may be silent
     */
    public record AgentAnswer(AgentAction action, Long messageId, Instant at) {
    }

    /**
     * What the work form sent: the action and the fields it needs, and the files attached to the answer on the staff
     * page (ids of their rows, stored in the same transaction by the same agent; {@link AgentAnswers}).
     */
    public record AgentInput(AgentAction action, String reply, String note, String duplicateOf, List<Long> files) {

        public AgentInput {
            Objects.requireNonNull(action, "action");
            files = files == null ? List.of() : List.copyOf(files);
        }

        public AgentInput(AgentAction action, String reply, String note, String duplicateOf) {
            this(action, reply, note, duplicateOf, List.of());
        }

        /** The form's {@code answerFiles}: attachment ids, comma-separated. */
        static List<Long> files(String ids) {
            if (ids == null || ids.isBlank()) {
                return List.of();
            }
            try {
                return Arrays.stream(ids.split(",")).map(String::strip).map(Long::valueOf).toList();
            } catch (NumberFormatException e) {
                throw new AgentRefusal(TicketVariables.ANSWER_FILES, "unknown-files",
                        "The attached files are not known: attach them again.");
            }
        }
    }

    /**
     * The agent's choice on the work form. REPLY and REQUEST_INFO need the text that is mailed to the customer;
     * NOTE stores the note for staff only (nothing is mailed, the customer sees nothing); CLOSE_DUPLICATE checks and
     * links the ticket that continues. NOTE and RETRIAGE tell the customer nothing, so an answer written beside them
     * is refused rather than lost (the form keeps no drafts: what agents write is never stored in the process), and a
     * customer's reply waiting for an answer (R11 next reply) goes on waiting; the other actions answer it. Files
     * attached on the staff page go with the answer's message (and its mail), so they need an answer to go with.
     */
    public AgentAnswer recordAgentAction(long ticketId, String agent, AgentInput input) {
        AgentAction chosen = input.action();
        String reply = input.reply();
        boolean written = reply != null && !reply.isBlank();
        if (chosen.needsText() && !written) {
            throw new AgentRefusal(TicketVariables.REPLY, "required", "Write the answer to the customer: " + chosen
                    + " mails it to the requester and the CCs.");
        }
        if (!chosen.respondsToCustomer() && written) {
            throw new AgentRefusal(TicketVariables.REPLY, "not-sent", "Your answer to the customer would not be sent"
                    + " with " + chosen + ": choose REPLY (or another action that mails it), or clear the answer.");
        }
        if (!input.files().isEmpty() && !written) {
            throw new AgentRefusal(TicketVariables.ANSWER_FILES, "needs-answer", "Files go to the customer with your"
                    + " answer: write the answer (and choose an action that mails it), or remove the files.");
        }
        Instant now = clock.instant();
        if (chosen == AgentAction.NOTE) {
            note(ticketId, agent, input.note());
        } else if (chosen == AgentAction.CLOSE_DUPLICATE) {
            duplicates.close(ticketId, input.duplicateOf());
        }
        Long message = null;
        if (written) {
            message = tickets.addMessage(ticketId, agent, staff.displayName(agent), AuthorType.AGENT, Channel.WEB,
                    reply.strip(), now);
            if (tickets.linkAnswerFiles(ticketId, message, input.files(), agent) != input.files().size()) {
                throw new AgentRefusal(TicketVariables.ANSWER_FILES, "unknown-files",
                        "The attached files are not known: attach them again.");
            }
        } else if (chosen.respondsToCustomer()) {
            tickets.touch(ticketId, now);
        }
        if (chosen.respondsToCustomer()) {
            nextReply.answered(ticketId, now);
        }
        return new AgentAnswer(chosen, message, now);
    }

    private void note(long ticketId, String agent, String note) {
        if (note == null || note.isBlank()) {
            throw new AgentRefusal(TicketVariables.NOTE, "required",
                    "Write the internal note: it is kept for staff and mailed to nobody.");
        }
        notes.add(ticketId, agent, note.strip());
    }

    /** Where a re-triaged ticket is now; its Work task goes to the team's queue, unassigned, when the team changed. */
    public record Reroute(Priority priority, String team, boolean teamChanged) {
    }

    /**
     * RETRIAGE from the work task: another priority and/or team (null: unchanged). Before the first response the
     * target is recomputed for the new priority from the filing time (R11) and the waiting timer moves there; a
     * customer's reply waiting for an answer is due at the new priority's target from the reply's time (R11 next
     * reply).
     */
    public Reroute retriage(long ticketId, Priority priority, StaffGroup team, String processInstanceId,
                            boolean responded, String by) {
        Ticket ticket = tickets.find(ticketId).orElseThrow();
        Priority newPriority = priority == null ? ticket.priority() : priority;
        StaffGroup newTeam = team != null ? team : FormChoices.team(ticket.team())
                .orElseThrow(() -> FormChoices.unknownTeam(TicketVariables.NEW_TEAM, ticket.team()));
        if (newPriority == ticket.priority() && newTeam.id().equals(ticket.team())) {
            throw new AgentRefusal(TicketVariables.NEW_PRIORITY, "unchanged", "Re-triage: choose another priority"
                    + " or team queue (now " + ticket.priority() + " in " + ticket.team() + ").");
        }
        recordRouting(ticketId, new Routing(newPriority, newTeam, by));
        boolean moved = !newTeam.id().equals(ticket.team());
        if (moved) {
            tickets.updateAssignee(ticketId, null);
        }
        if (!responded) {
            moveFirstResponseTarget(ticketId, processInstanceId);
        }
        nextReply.priorityChanged(ticketId);
        return new Reroute(newPriority, newTeam.id(), moved);
    }

    /** R11: the waiting first-response timer follows the ticket's current priority, counted from filing. */
    public void moveFirstResponseTarget(long ticketId, String processInstanceId) {
        process.moveFirstResponseTarget(processInstanceId, () -> businessTime.firstResponseDue(ticketId));
    }

    /** R11: the first-response target passed without an answer. */
    public void recordFirstResponseBreach(long ticketId) {
        tickets.markFirstResponseBreached(ticketId);
    }

    /** Tasklist claims: the ticket's assignee follows the task's. */
    public void recordAssignee(long ticketId, String assignee) {
        tickets.updateAssignee(ticketId, assignee);
    }
}
