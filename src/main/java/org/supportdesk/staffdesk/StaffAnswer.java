package org.supportdesk.staffdesk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.supportdesk.staff.StaffGroup;
import org.supportdesk.ticket.AgentAnswers;
import org.supportdesk.ticket.Priority;
import org.supportdesk.web.Refusal;
import org.supportdesk.web.Refusal.FieldError;

/**
 * An answer as the staff page's form and {@code POST /api/staff/tickets/{number}/answers} send it: the action (the
 * API's names, {@link AnswerAction}) and the fields it needs; blank fields count as not sent. What only the staff desk
 * can judge is checked here, every bad field at once: the action, priority and team among the work form's choices,
 * the texts' length, and no field that the action would not send (a note with REPLY would be lost). The rest — an
 * answer missing, a bad duplicate, a re-triage that changes nothing — is for the work form itself to refuse, with the
 * text Tasklist shows ({@link AgentAnswers}).
 */
record StaffAnswer(String action, String reply, String note, String duplicateOf, String priority, String team) {

    /** The priorities as the work form offers them. */
    static final List<Priority> PRIORITIES = List.of(Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW);

    /** The team queues the work form re-triages to: every team but the SEV-1 queue, which outages reach on their own. */
    static final List<StaffGroup> TEAMS = StaffGroup.teams().stream().filter(team -> team != StaffGroup.TEAM_SEV1)
            .toList();

    AgentAnswers.Answer parse() {
        List<FieldError> errors = new ArrayList<>();
        AnswerAction chosen = null;
        String names = Arrays.stream(AnswerAction.values()).map(Enum::name).collect(Collectors.joining(", "));
        if (blank(action)) {
            errors.add(FieldError.of("action", "required", names).saying("field.required-one-of"));
        } else {
            try {
                chosen = AnswerAction.valueOf(action.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("action", "not-one-of", names));
            }
        }
        length(errors, "reply", reply);
        length(errors, "note", note);
        length(errors, "duplicateOf", duplicateOf);
        if (!blank(priority) && PRIORITIES.stream().noneMatch(p -> p.name().equals(priority.strip()))) {
            errors.add(FieldError.of("priority", "not-one-of", PRIORITIES.stream().map(Enum::name)
                    .collect(Collectors.joining(", "))));
        }
        if (!blank(team) && TEAMS.stream().noneMatch(t -> t.id().equals(team.strip()))) {
            errors.add(FieldError.of("team", "not-one-of", TEAMS.stream().map(StaffGroup::id)
                    .collect(Collectors.joining(", "))));
        }
        if (chosen != null) {
            only(errors, "note", note, chosen, AnswerAction.NOTE);
            only(errors, "duplicateOf", duplicateOf, chosen, AnswerAction.DUPLICATE);
            only(errors, "priority", priority, chosen, AnswerAction.RETRIAGE);
            only(errors, "team", team, chosen, AnswerAction.RETRIAGE);
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalidFields(errors);
        }
        return new AgentAnswers.Answer(chosen.form(), reply, note, duplicateOf, strip(priority), strip(team));
    }

    private static void length(List<FieldError> errors, String field, String value) {
        if (value != null && value.length() > AgentAnswers.TEXT_MAX) {
            errors.add(FieldError.of(field, "too-long", AgentAnswers.TEXT_MAX));
        }
    }

    private static void only(List<FieldError> errors, String field, String value, AnswerAction chosen,
                             AnswerAction with) {
        if (!blank(value) && chosen != with) {
            errors.add(FieldError.of(field, "not-with-action", with.name()));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return blank(value) ? null : value.strip();
    }
}
