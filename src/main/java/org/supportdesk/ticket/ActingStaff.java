package org.supportdesk.ticket;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Service;

/** Who is acting in a process step that follows a staff member's form. */
@Service
public class ActingStaff {

    private final IdentityService identity;

    public ActingStaff(IdentityService identity) {
        this.identity = identity;
    }

    /** The signed-in staff member (Tasklist), else the ticket's assignee, else "support" (a name to show). */
    public String of(VariableScope execution) {
        String user = user(execution);
        return user != null ? user : "support";
    }

    /** The staff member signed in (Tasklist, engine REST), or null when the desk acts on its own. */
    public String signedIn() {
        Authentication current = identity.getCurrentAuthentication();
        return current == null ? null : current.getUserId();
    }

    /** The signed-in staff member, else the ticket's assignee, else nobody: a user to hand work to. */
    public String user(VariableScope execution) {
        Authentication current = identity.getCurrentAuthentication();
        if (current != null && current.getUserId() != null) {
            return current.getUserId();
        }
        return TicketVariables.assignee(execution);
    }
}
