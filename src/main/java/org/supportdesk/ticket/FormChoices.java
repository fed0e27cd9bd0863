package org.supportdesk.ticket;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.supportdesk.catalog.Product;
import org.supportdesk.staff.StaffGroup;

/**
 * The edge between the diagrams' variables and the typed workflow API: a choice an agent sent with a form (or a
 * diagram's input) read as the type it names. A value that is none of the choices is the agent's to correct: an
 * {@link AgentRefusal} (400 in Tasklist and the engine REST API, a field error on the staff page) that names the
 * field and the values it takes, never an {@code IllegalArgumentException} (a 500 that says nothing).
 */
final class FormChoices {

    /** The team queues a ticket can be routed to, in the order forms list them. */
    static final List<StaffGroup> TEAMS = StaffGroup.teams();

    private FormChoices() {
    }

    /** R11: the ticket's priority; {@code required} for routing and triage, optional (unchanged) for re-triage. */
    static Priority priority(VariableScope scope, String field, boolean required) {
        return choice(field, TicketVariables.text(scope, field), Priority.class, "priority", required);
    }

    /** R10: a team queue, one of {@link #TEAMS}; {@code required} as for {@link #priority}. */
    static StaffGroup team(VariableScope scope, String field, boolean required) {
        String value = TicketVariables.text(scope, field);
        if (blank(value)) {
            if (required) {
                throw new AgentRefusal(field, "required", "Choose the team queue: one of " + teamIds());
            }
            return null;
        }
        return team(value).orElseThrow(() -> unknownTeam(field, value));
    }

    static AgentRefusal unknownTeam(String field, String value) {
        return new AgentRefusal(field, "not-one-of", "Unknown team queue '" + value + "'; choose one of " + teamIds());
    }

    private static List<String> teamIds() {
        return TEAMS.stream().map(StaffGroup::id).toList();
    }

    /** The team queue with this id, if it is one. */
    static Optional<StaffGroup> team(String id) {
        return TEAMS.stream().filter(team -> team.id().equals(id)).findFirst();
    }

    /** Triage settles the product of a mailed request; none given, none recorded. */
    static Product product(VariableScope scope, String field) {
        return choice(field, TicketVariables.text(scope, field), Product.class, "product", false);
    }

    /** Triage settles the topic of a mailed request; none given, none recorded. */
    static Topic topic(VariableScope scope, String field) {
        return choice(field, TicketVariables.text(scope, field), Topic.class, "topic", false);
    }

    /** R13: the status a step moves the ticket to (a diagram's input). */
    static TicketStatus status(VariableScope scope, String field) {
        return choice(field, TicketVariables.text(scope, field), TicketStatus.class, "status", true);
    }

    /** R13: why a step closes the ticket (a diagram's input), null when it does not close it. */
    static CloseReason closeReason(VariableScope scope, String field) {
        return choice(field, TicketVariables.text(scope, field), CloseReason.class, "close reason", false);
    }

    /**
     * The agent's choice on the work form; without one nothing can be done. R14: while the ticket is PENDING (the
     * {@code status} the diagram mirrors) the form finishes the wait, and only {@link AgentAction#WHILE_PENDING} can
     * be chosen; {@link AgentAction#BACK_TO_WORK} only then.
     */
    static AgentAction action(VariableScope scope, String field) {
        boolean pending = TicketStatus.PENDING.name().equals(TicketVariables.text(scope, TicketVariables.STATUS));
        java.util.Set<AgentAction> offered = pending ? AgentAction.WHILE_PENDING
                : java.util.EnumSet.complementOf(java.util.EnumSet.of(AgentAction.BACK_TO_WORK));
        String value = TicketVariables.text(scope, field);
        AgentAction action;
        try {
            action = AgentAction.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AgentRefusal(field, "not-one-of", "Choose what to do: one of " + offered);
        }
        if (pending && !offered.contains(action)) {
            throw new AgentRefusal(field, "not-while-pending", "The ticket is PENDING (the customer was asked for"
                    + " information): solve it, ask for information again, or take it back to work to " + action
                    + " from the Work task; one of " + offered);
        }
        if (!offered.contains(action)) {
            throw new AgentRefusal(field, "not-pending", "BACK_TO_WORK finishes the wait of a PENDING ticket; this"
                    + " one is not waiting for the customer: choose one of " + offered);
        }
        return action;
    }

    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type, String what,
                                                boolean required) {
        if (blank(value)) {
            if (required) {
                throw new AgentRefusal(field, "required", "Choose the " + what + ": one of "
                        + Arrays.toString(type.getEnumConstants()));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new AgentRefusal(field, "not-one-of", "Unknown " + what + " '" + value + "'; choose one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
