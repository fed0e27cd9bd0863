package org.supportdesk.staffdesk;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Organization;
import org.supportdesk.engine.AsSystem;
import org.supportdesk.ticket.BusinessTime;
import org.supportdesk.ticket.NextReply;
import org.supportdesk.ticket.StaffDownloads;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.web.Refusal;
import org.supportdesk.processes.TicketProcesses;

/**
 * The ticket of a Tasklist task, read from the desk's tables when the Tasklist "Ticket" tab shows it (issue #22), and
 * its files. Only for a task the signed-in staff member may see (the engine decides, as for Tasklist's own list): a
 * task of another team's queue, or of no ticket, is not found.
 */
@Service
class TasklistTickets {

    /** Where the Tasklist tab downloads a file: behind the Tasklist session, for the task it is shown for. */
    static final String PATH = "/camunda/api/support-desk/tasks/";

    private final StaffDesk desk;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final AsSystem asSystem;
    private final AccountRepository accounts;
    private final TicketRepository tickets;
    private final BusinessTime businessTime;
    private final StaffDownloads downloads;
    private final CodeLabels labels;
    private final NextReply nextReply;

    TasklistTickets(StaffDesk desk, TaskService tasks, RuntimeService runtime, IdentityService identity,
                    AsSystem asSystem, AccountRepository accounts, TicketRepository tickets,
                    BusinessTime businessTime, StaffDownloads downloads, CodeLabels labels, NextReply nextReply) {
        this.desk = desk;
        this.tasks = tasks;
        this.runtime = runtime;
        this.identity = identity;
        this.asSystem = asSystem;
        this.accounts = accounts;
        this.tickets = tickets;
        this.businessTime = businessTime;
        this.downloads = downloads;
        this.labels = labels;
        this.nextReply = nextReply;
    }

    /** The ticket of task {@code taskId}, as {@code user} may see it; 404 when they may not see the task. */
    StaffDeskJson.TasklistTicket ticket(String taskId, String user) {
        Task task = visibleTask(taskId, user);
        String number = number(task);
        return asSystem.call(() -> {
            StaffDesk.Whole whole = desk.ticket(number);
            Ticket t = whole.ticket();
            Organization organization = accounts.findOrganization(t.organizationId()).orElseThrow();
            Instant respondedAt = tickets.firstRespondedAt(t.id()).orElse(null);
            return new StaffDeskJson.TasklistTicket(
                    StaffDeskJson.Details.of(whole, a -> PATH + task.getId() + "/ticket/attachments/" + a.id()),
                    labels.of(t),
                    new StaffDeskJson.Customer(organization.id(), organization.name(),
                            organization.timeZone().getId()),
                    new StaffDeskJson.Targets(instant(businessTime.firstResponseDue(t.id())), respondedAt,
                            t.firstResponseBreached(), nextReply.due(t.id()).orElse(null)),
                    new StaffDeskJson.ShownTask(task.getId(), task.getName(), task.getAssignee(),
                            instant(task.getCreateTime()), instant(task.getDueDate())),
                    "/staff/tickets/" + t.number());
        });
    }

    /** File {@code attachmentId} of the ticket of task {@code taskId}; 404 when the user may not see the task. */
    ResponseEntity<InputStreamResource> download(String taskId, String user, long attachmentId)
            throws IOException {
        return downloads.download(number(visibleTask(taskId, user)), attachmentId);
    }

    /**
     * The task, looked up with the user's own login and groups, so that the engine's authorizations decide as in
     * Tasklist's list (Camunda's webapp filter may have set the same login already; it is set and put back here
     * so that this does not depend on it).
     */
    private Task visibleTask(String taskId, String user) {
        List<String> groups = asSystem.call(() -> identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).toList());
        Authentication before = identity.getCurrentAuthentication();
        identity.setAuthentication(user, groups);
        try {
            Task task = tasks.createTaskQuery().taskId(taskId).processDefinitionKeyIn(TicketProcesses.KEYS.toArray(String[]::new))
                    .singleResult();
            if (task == null) {
                throw Refusal.notFound("task", taskId);
            }
            return task;
        } finally {
            if (before == null) {
                identity.clearAuthentication();
            } else {
                identity.setAuthentication(before);
            }
        }
    }

    private String number(Task task) {
        ProcessInstance instance = asSystem.call(() -> runtime.createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).singleResult());
        if (instance == null || instance.getBusinessKey() == null) {
            throw Refusal.notFound("task", task.getId());
        }
        return instance.getBusinessKey();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
