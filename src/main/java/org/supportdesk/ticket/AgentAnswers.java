package org.supportdesk.ticket;

import static org.supportdesk.processes.SupportTicketDiagram.ANSWER_TASKS;
import static org.supportdesk.processes.SupportTicketDiagram.TRIAGE_TASK;
import static org.supportdesk.ticket.TicketVariables.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.attachment.AttachmentPolicy;
import org.supportdesk.attachment.AttachmentStore;
import org.supportdesk.attachment.StoredFile;
import org.supportdesk.attachment.Upload;
import org.supportdesk.engine.AsSystem;
import org.supportdesk.staff.StaffDirectory;
import org.supportdesk.web.Refusal;

/**
 * Answering a ticket outside Tasklist: the staff ticket page and {@code POST /api/staff/tickets/{number}/answers}
 * (issue #22). They complete the same open Work task that Tasklist shows — or, while the ticket is PENDING, the task
 * that finishes the wait (R14), which has the same form — through its form
 * ({@link FormService#submitTaskForm}) with the staff member as the engine's authenticated user: the engine checks what
 * it checks in Tasklist (claiming and completing are for the task's team), what agents write stays out of the
 * process ({@link AgentWordsLeaveNoTrace}), and the diagram does what it does after a Tasklist answer (record, mail,
 * status). An unassigned task is claimed for the staff member; a task another agent holds is theirs to answer.
 * <p>
 * Files attached to an answer follow the web form's rules (R8); they are stored as the ticket's attachments with the
 * staff member as uploader, in the answer's transaction, handed to the form as {@link TicketVariables#ANSWER_FILES}
 * (ids, transient like the answer), linked to the answer's message and mailed with it ({@link TicketNotifier}).
 * Everything — claim, files, answer, mail — commits together or not at all: a refused answer leaves the task as it was.
 */
@Service
public class AgentAnswers {

    /** The work form's longest answer and note ({@code maxLength} in forms/work-ticket.form). */
    public static final int TEXT_MAX = 4_000;

    private final TicketRepository tickets;
    private final TaskService tasks;
    private final FormService forms;
    private final IdentityService identity;
    private final AsSystem asSystem;
    private final AttachmentPolicy policy;
    private final AttachmentStore store;
    private final StaffDirectory staff;
    private final java.time.Clock clock;

    AgentAnswers(TicketRepository tickets, TaskService tasks, FormService forms, IdentityService identity,
                 AsSystem asSystem, AttachmentPolicy policy, AttachmentStore store, StaffDirectory staff,
                 java.time.Clock clock) {
        this.tickets = tickets;
        this.tasks = tasks;
        this.forms = forms;
        this.identity = identity;
        this.asSystem = asSystem;
        this.policy = policy;
        this.store = store;
        this.staff = staff;
        this.clock = clock;
    }

    /**
     * An answer as the work form takes it: the action and the fields it needs ({@code priority} and {@code team} are
     * the form's {@code newPriority} and {@code newTeam}); blank fields are not sent.
     */
    public record Answer(AgentAction action, String reply, String note, String duplicateOf, String priority,
                         String team) {
    }

    /**
     * Why {@code user} cannot answer the ticket now (409: no open Work task, or another agent holds it), or empty when
     * they can. The page shows it instead of the answer form.
     */
    @Transactional(readOnly = true)
    public Optional<Refusal> whyNot(String number, String user) {
        Ticket ticket = tickets.findByNumber(number).orElseThrow(() -> Refusal.notFound("ticket", number));
        try {
            workTask(ticket, user);
            return Optional.empty();
        } catch (Refusal refusal) {
            return Optional.of(refusal);
        }
    }

    /**
     * Completes the ticket's open Work task with this answer as {@code user} (a staff login). Refused with the
     * Tasklist form's own text (400, next to its field), 409 when there is no open Work task or another agent holds
     * it, 403 when the task's team is not the user's, 400/413 for files the web form refuses; nothing changes then.
     */
    @Transactional
    public void answer(String number, String user, Answer answer, List<Upload> files) {
        Ticket ticket = tickets.findByNumber(number).orElseThrow(() -> Refusal.notFound("ticket", number));
        policy.checkWeb(files);
        Task work = workTask(ticket, user);
        List<StoredFile> stored = files.stream().map(store::store).toList();
        List<String> groups = asSystem.call(() -> identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).toList());
        identity.setAuthentication(user, groups);
        try {
            if (work.getAssignee() == null) {
                claim(ticket, work, user);
            }
            Instant now = clock.instant();
            List<Long> attached = stored.stream().map(file -> tickets.addAnswerFile(ticket.id(), file,
                    policy.isDiscouraged(file.fileName()), user, now)).toList();
            forms.submitTaskForm(work.getId(), values(answer, attached));
        } catch (AgentRefusal refused) {
            throw refusal(refused);
        } catch (OptimisticLockingException | NullValueException changedMeanwhile) {
            throw Refusal.conflict("ticket-changed", ticket.number());
        } finally {
            identity.clearAuthentication();
        }
    }

    private void claim(Ticket ticket, Task work, String user) {
        try {
            tasks.claim(work.getId(), user);
        } catch (TaskAlreadyClaimedException taken) {
            throw held(ticket, taken.getTaskAssignee());
        } catch (AuthorizationException notTheirTeam) {
            throw Refusal.forbidden("not-your-team", ticket.number(), ticket.team())
                    .with("team", ticket.team());
        }
    }

    /**
     * The ticket's open Work task, or the task of its PENDING wait (R14), which {@code user} may answer: unassigned
     * or theirs.
     */
    private Task workTask(Ticket ticket, String user) {
        List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(ticket.number()).active().list();
        Task work = open.stream().filter(task -> ANSWER_TASKS.contains(task.getTaskDefinitionKey()))
                .findFirst().orElse(null);
        if (work == null) {
            throw noWorkTask(ticket, open);
        }
        if (work.getAssignee() != null && !work.getAssignee().equals(user)) {
            throw held(ticket, work.getAssignee());
        }
        return work;
    }

    private static Refusal noWorkTask(Ticket ticket, List<Task> open) {
        String reason;
        Object detail = null;
        if (ticket.isClosed()) {
            reason = "closed";
            detail = ticket.closeReason();
        } else if (ticket.status() == TicketStatus.PENDING) {
            reason = "pending";
        } else if (open.stream().anyMatch(task -> TRIAGE_TASK.equals(task.getTaskDefinitionKey()))) {
            reason = "triage";
        } else if (!open.isEmpty()) {
            reason = "other-task";
            detail = open.stream().map(Task::getName).collect(Collectors.joining(", "));
        } else {
            reason = "none";
        }
        return Refusal.conflict("no-work-task")
                .saying("problem.no-work-task." + reason, ticket.number(), detail)
                .with("reason", reason);
    }

    private Refusal held(Ticket ticket, String assignee) {
        return Refusal.conflict("work-task-held", ticket.number(), staff.displayName(assignee), assignee)
                .with("assignee", assignee);
    }

    private static VariableMap values(Answer answer, List<Long> attached) {
        VariableMap values = Variables.createVariables().putValue(ACTION, answer.action().name());
        put(values, REPLY, answer.reply());
        put(values, NOTE, answer.note());
        put(values, DUPLICATE_OF, answer.duplicateOf());
        put(values, NEW_PRIORITY, answer.priority());
        put(values, NEW_TEAM, answer.team());
        if (!attached.isEmpty()) {
            values.putValue(ANSWER_FILES, attached.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        return values;
    }

    private static void put(VariableMap values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.putValue(name, value);
        }
    }

    /**
     * The work form's refusal, with its text, as the staff desk shows it: next to the field it names (the form's
     * {@code newPriority} and {@code newTeam} are {@code priority} and {@code team} there, {@code answerFiles} is
     * {@code files}); the problem's detail is the same text.
     */
    private static Refusal refusal(AgentRefusal refused) {
        String text = refused.getMessage();
        if (refused.field() == null) {
            return Refusal.badRequest("answer-refused", text);
        }
        String field = switch (refused.field()) {
            case NEW_PRIORITY -> "priority";
            case NEW_TEAM -> "team";
            case ANSWER_FILES -> "files";
            default -> refused.field();
        };
        return Refusal.invalidFields(List.of(new Refusal.FieldError(field, refused.code(), "field.as-validated",
                List.of(text)))).saying("problem.answer-refused", text);
    }
}
