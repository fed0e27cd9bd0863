package org.supportdesk.ticket;

import java.util.Date;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Organization;
import org.supportdesk.engine.AsSystem;

/** The application's side of the {@code support-ticket} process: starting it and telling it what customers did. */
@Component
public class TicketProcess {

    public static final String PROCESS = "support-ticket";
    public static final String CUSTOMER_REPLIED = "CustomerReplied";
    public static final String CUSTOMER_COMMENTED = "CustomerCommented";

    private final RuntimeService runtime;
    private final TicketRepository tickets;
    private final AccountRepository accounts;
    private final AsSystem asSystem;

    public TicketProcess(RuntimeService runtime, TicketRepository tickets, AccountRepository accounts,
                         AsSystem asSystem) {
        this.runtime = runtime;
        this.tickets = tickets;
        this.accounts = accounts;
        this.asSystem = asSystem;
    }

    /** Starts the ticket's process in the caller's transaction; it runs to triage (or to its refusal) at once. */
    public ProcessInstance start(Ticket ticket) {
        Organization organization = accounts.findOrganization(ticket.organizationId()).orElseThrow();
        VariableMap variables = Variables.createVariables()
                .putValue("ticketId", ticket.id())
                .putValue("ticketNumber", ticket.number())
                .putValue("requesterEmail", ticket.requesterEmail())
                .putValue("requesterName", ticket.requesterName())
                .putValue("requester", ticket.requesterName() + " <" + ticket.requesterEmail() + ">")
                .putValue("organizationId", ticket.organizationId())
                .putValue("organizationName", organization.name())
                .putValue("channel", ticket.channel().name())
                .putValue("product", ticket.product() == null ? null : ticket.product().name())
                .putValue("topic", ticket.topic() == null ? null : ticket.topic().name())
                .putValue("concernType", ticket.concernType().name())
                .putValue("businessImpact", ticket.businessImpact().name())
                .putValue("summary", ticket.summary())
                .putValue("request", LongText.of(TicketTexts.request(ticket)))
                .putValue("status", ticket.status().name())
                .putValue("closeReason", null)
                .putValue("followUpOf", ticket.followUpOf() == null ? null : TicketNumber.of(ticket.followUpOf()))
                .putValue("assignee", null)
                .putValue("receivedAt", Date.from(ticket.createdAt()))
                .putValue("pendingSince", null)
                .putValue("firstRespondedAt", null)
                .putValue("firstResponseBreached", false);
        variables.putAll(textVariables(ticket, organization));
        return asSystem.call(() -> runtime.createProcessInstanceByKey(PROCESS)
                .businessKey(ticket.number())
                .setVariables(variables)
                .execute());
    }

    /**
     * R15: a customer wrote on an open ticket. PENDING tickets go back to the agent (the process cancels the
     * reminders and the auto-close); otherwise the assignee or the team is told.
     */
    public void customerWrote(Ticket ticket) {
        asSystem.run(() -> {
            ProcessInstance instance = running(ticket);
            if (instance == null) {
                return;
            }
            refreshTexts(instance.getId(), ticket);
            runtime.createMessageCorrelation(ticket.status() == TicketStatus.PENDING ? CUSTOMER_REPLIED : CUSTOMER_COMMENTED)
                    .processInstanceId(instance.getId())
                    .correlateWithResult();
        });
    }

    private ProcessInstance running(Ticket ticket) {
        return runtime.createProcessInstanceQuery()
                .processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(ticket.number())
                .singleResult();
    }

    private void refreshTexts(String processInstanceId, Ticket ticket) {
        runtime.setVariables(processInstanceId, textVariables(ticket));
    }

    /** The conversation and attachment list as the Tasklist forms show them. */
    public VariableMap textVariables(Ticket ticket) {
        return textVariables(ticket, accounts.findOrganization(ticket.organizationId()).orElseThrow());
    }

    private VariableMap textVariables(Ticket ticket, Organization organization) {
        return Variables.createVariables()
                .putValue("conversation",
                        LongText.of(TicketTexts.conversation(tickets.messages(ticket.id()), organization.timeZone())))
                .putValue("attachmentList", LongText.of(TicketTexts.attachments(tickets.attachments(ticket.id()))));
    }
}
