package org.supportdesk.ticket;

import static org.supportdesk.processes.SupportTicketDiagram.CUSTOMER_COMMENTED;
import static org.supportdesk.processes.SupportTicketDiagram.CUSTOMER_REPLIED;
import static org.supportdesk.processes.SupportTicketDiagram.FIRST_RESPONSE_TIMER;
import static org.supportdesk.processes.SupportTicketDiagram.PROCESS_KEY;
import static org.supportdesk.ticket.TicketVariables.*;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Eligibility;
import org.supportdesk.account.Organization;
import org.supportdesk.engine.AsSystem;

/** The application's side of the {@code support-ticket} process: starting it and telling it what customers did. */
@Component
public class TicketProcess {

    private final RuntimeService runtime;
    private final TicketRepository tickets;
    private final AccountRepository accounts;
    private final AsSystem asSystem;
    private final TicketNotifier notifier;
    private final ManagementService management;

    public TicketProcess(RuntimeService runtime, TicketRepository tickets, AccountRepository accounts,
                         AsSystem asSystem, TicketNotifier notifier, ManagementService management) {
        this.management = management;
        this.runtime = runtime;
        this.tickets = tickets;
        this.accounts = accounts;
        this.asSystem = asSystem;
        this.notifier = notifier;
    }

    /**
     * Starts the ticket's process in the caller's transaction; it runs to triage (or to its refusal) at once. The
     * variables are what the diagram decides on (TicketVariables): the ticket's texts stay in its tables.
     */
    public ProcessInstance start(Ticket ticket, Eligibility eligible) {
        Organization organization = accounts.findOrganization(ticket.organizationId()).orElseThrow();
        VariableMap variables = Variables.createVariables()
                .putValue(TICKET_ID, ticket.id())
                .putValue(TICKET_NUMBER, ticket.number())
                .putValue(ORGANIZATION_ID, ticket.organizationId())
                .putValue(ORGANIZATION_NAME, organization.name())
                .putValue(CHANNEL, ticket.channel().name())
                .putValue(PRODUCT, ticket.product() == null ? null : ticket.product().name())
                .putValue(TOPIC, ticket.topic() == null ? null : ticket.topic().name())
                .putValue(CONCERN_TYPE, ticket.concernType().name())
                .putValue(BUSINESS_IMPACT, ticket.businessImpact().name())
                .putValue(SUMMARY, ticket.summary())
                .putValue(STATUS, ticket.status().name())
                .putValue(CLOSE_REASON, null)
                .putValue(FOLLOW_UP_OF, ticket.followUpOf() == null ? null : TicketNumber.of(ticket.followUpOf()))
                .putValue(ASSIGNEE, null)
                .putValue(RECEIVED_AT, Date.from(ticket.createdAt()))
                .putValue(PENDING_SINCE, null)
                .putValue(FIRST_RESPONDED_AT, null)
                .putValue(FIRST_RESPONSE_BREACHED, false)
                .putValue(HAS_ATTACHMENTS, !tickets.attachments(ticket.id()).isEmpty())
                .putValue(OUTAGE_CONFIRMED, false)
                .putValue(SEV1_DOWNGRADED, false)
                .putValue(EXTENDED_SUPPORT, eligible.extendedSupport());
        return asSystem.call(() -> runtime.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(ticket.number())
                .setVariables(variables)
                .execute());
    }

    /**
     * R15: a customer wrote on an open ticket. A PENDING ticket goes back to the agent (the process cancels the
     * reminders and the auto-close); that must happen, so a ticket that left PENDING meanwhile makes this fail.
     * Otherwise the assignee or the team is told, by the process where it listens (while the ticket is handled)
     * and directly where it does not (for instance while a SEV-1 outage is being assessed).
     */
    public void customerWrote(Ticket ticket) {
        asSystem.run(() -> {
            ProcessInstance instance = running(ticket);
            if (instance == null) {
                return;
            }
            if (ticket.status() == TicketStatus.PENDING) {
                runtime.createMessageCorrelation(CUSTOMER_REPLIED).processInstanceId(instance.getId())
                        .correlateWithResult();
                return;
            }
            boolean heard = !runtime.createMessageCorrelation(CUSTOMER_COMMENTED).processInstanceId(instance.getId())
                    .correlateAllWithResult().isEmpty();
            if (!heard) {
                notifier.notify(ticket.id(), "customer-replied", List.of(Audience.ASSIGNEE), Map.of());
            }
        });
    }

    /**
     * R11: moves the waiting first-response timer of the process instance to {@code due} (a re-triage changed the
     * priority before anyone answered). Nothing to move once the timer fired or the ticket left the handling.
     */
    public void moveFirstResponseTarget(String processInstanceId, java.util.function.Supplier<Date> due) {
        asSystem.run(() -> {
            Job timer = management.createJobQuery().processInstanceId(processInstanceId).timers()
                    .activityId(FIRST_RESPONSE_TIMER).singleResult();
            if (timer != null) { // none yet while the ticket is routed at filing: its timer starts at the new target
                management.setJobDuedate(timer.getId(), due.get());
            }
        });
    }

    private ProcessInstance running(Ticket ticket) {
        return runtime.createProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(ticket.number())
                .singleResult();
    }
}
