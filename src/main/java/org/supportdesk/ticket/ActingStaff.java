package org.supportdesk.ticket;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who is acting in a process step that follows a staff member's form, and what their answer counts as. */
@Component
public class ActingStaff {

    private final IdentityService identity;

    public ActingStaff(IdentityService identity) {
        this.identity = identity;
    }

    /** The signed-in staff member (Tasklist), else the ticket's assignee, else "support" (a name to show). */
    public String of(DelegateExecution execution) {
        String user = user(execution);
        return user != null ? user : "support";
    }

    /** The signed-in staff member, else the ticket's assignee, else nobody: a user to hand work to. */
    public String user(DelegateExecution execution) {
        Authentication current = identity.getCurrentAuthentication();
        if (current != null && current.getUserId() != null) {
            return current.getUserId();
        }
        return TicketVariables.text(execution, "assignee");
    }

    /** R11: the first thing support tells or decides for the customer is the first response; later ones are not. */
    public static void markFirstResponse(DelegateExecution execution, Instant now) {
        if (execution.getVariable("firstRespondedAt") == null) {
            execution.setVariable("firstRespondedAt", Date.from(now));
        }
    }
}
