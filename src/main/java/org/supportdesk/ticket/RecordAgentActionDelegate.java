package org.supportdesk.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.supportdesk.staff.StaffDirectory;

/**
 * After the work form: checks the agent's choice, adds the answer to the conversation and notes the first
 * response (R11). The form's {@code action} and {@code reply} are consumed, so the next form starts empty; the
 * gateway reads {@code agentAction}.
 */
@Component("recordAgentAction")
class RecordAgentActionDelegate implements JavaDelegate {

    private final TicketRepository tickets;
    private final TicketProcess process;
    private final StaffDirectory staff;
    private final ActingStaff acting;
    private final Clock clock;

    RecordAgentActionDelegate(TicketRepository tickets, TicketProcess process, StaffDirectory staff,
                              ActingStaff acting, Clock clock) {
        this.tickets = tickets;
        this.process = process;
        this.staff = staff;
        this.acting = acting;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AgentAction action = action(TicketVariables.text(execution, "action"));
        String reply = TicketVariables.text(execution, "reply");
        boolean hasText = reply != null && !reply.isBlank();
        if (action.needsText() && !hasText) {
            throw new IllegalArgumentException("Write the answer to the customer: " + action
                    + " mails it to the requester and the CCs.");
        }
        long ticketId = TicketVariables.ticketId(execution);
        Instant now = clock.instant();
        if (hasText) {
            String agent = acting.of(execution);
            tickets.addMessage(ticketId, agent, staff.displayName(agent), AuthorType.AGENT, Channel.WEB, reply.strip(),
                    now);
        } else {
            tickets.touch(ticketId, now);
        }
        ActingStaff.markFirstResponse(execution, now);
        execution.setVariable("agentAction", action.name());
        // what this step told the customer, for the mails that follow (and only this step: SOLVE may say nothing)
        execution.setVariable("agentMessage", hasText ? LongText.of(reply.strip()) : null);
        execution.setVariables(process.textVariables(tickets.find(ticketId).orElseThrow()));
        execution.removeVariable("action");
        execution.removeVariable("reply");
    }

    private static AgentAction action(String value) {
        try {
            return AgentAction.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Choose what to do: one of " + Arrays.toString(AgentAction.values()));
        }
    }
}
