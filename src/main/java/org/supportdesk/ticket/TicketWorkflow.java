package org.supportdesk.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.supportdesk.catalog.Product;
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

    private static final Set<String> TEAMS = StaffGroup.teams().stream().map(StaffGroup::id)
            .collect(Collectors.toSet());

    private final TicketRepository tickets;
    private final TicketProcess process;
    private final StaffDirectory staff;
    private final Clock clock;

    TicketWorkflow(TicketRepository tickets, TicketProcess process, StaffDirectory staff, Clock clock) {
        this.tickets = tickets;
        this.process = process;
        this.staff = staff;
        this.clock = clock;
    }

    /** Routing's or triage's team and priority, and the product and topic that triage settles for mailed requests. */
    public void recordRouting(long ticketId, String team, String priority, String product, String topic) {
        if (!TEAMS.contains(team)) {
            throw new IllegalArgumentException("Unknown team queue '" + team + "'; choose one of " + TEAMS);
        }
        tickets.updateRouting(ticketId, Priority.valueOf(priority), team);
        if (product != null && topic != null) {
            tickets.updateClassification(ticketId, Product.valueOf(product), Topic.valueOf(topic));
        }
    }

    public record StatusChange(TicketStatus status, CloseReason reason, Instant at) {
    }

    /** Moves the ticket to {@code status}; closing needs a {@link CloseReason}. */
    public StatusChange changeStatus(long ticketId, String status, String reason) {
        TicketStatus to = TicketStatus.valueOf(status);
        CloseReason why = to == TicketStatus.CLOSED ? CloseReason.valueOf(reason) : null;
        Instant now = clock.instant();
        tickets.updateStatus(ticketId, to, why, now);
        return new StatusChange(to, why, now);
    }

    /**
     * @param message what this step told the customer (null when it said nothing: SOLVE may be silent)
     * @param texts   the conversation and attachment list for the next form
     */
    public record AgentAnswer(AgentAction action, String message, Instant at, Map<String, Object> texts) {
    }

    /** The agent's choice on the work form; REPLY and REQUEST_INFO need the text that is mailed to the customer. */
    public AgentAnswer recordAgentAction(long ticketId, String agent, String action, String reply) {
        AgentAction chosen = action(action);
        boolean hasText = reply != null && !reply.isBlank();
        if (chosen.needsText() && !hasText) {
            throw new IllegalArgumentException("Write the answer to the customer: " + chosen
                    + " mails it to the requester and the CCs.");
        }
        Instant now = clock.instant();
        if (hasText) {
            tickets.addMessage(ticketId, agent, staff.displayName(agent), AuthorType.AGENT, Channel.WEB, reply.strip(),
                    now);
        } else {
            tickets.touch(ticketId, now);
        }
        return new AgentAnswer(chosen, hasText ? reply.strip() : null, now, texts(ticketId));
    }

    /** R11: the first-response target passed without an answer. */
    public void recordFirstResponseBreach(long ticketId) {
        tickets.markFirstResponseBreached(ticketId);
    }

    /** Tasklist claims: the ticket's assignee follows the task's. */
    public void recordAssignee(long ticketId, String assignee) {
        tickets.updateAssignee(ticketId, assignee);
    }

    /** The conversation and attachment list as the Tasklist forms show them. */
    public Map<String, Object> texts(long ticketId) {
        return process.textVariables(tickets.find(ticketId).orElseThrow());
    }

    private static AgentAction action(String value) {
        try {
            return AgentAction.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Choose what to do: one of " + Arrays.toString(AgentAction.values()));
        }
    }
}
