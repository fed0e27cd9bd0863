package org.supportdesk.ticket;


import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variable contract of the {@code support-ticket} process, and of what it hands to {@code sev1-outage} (the
 * call activity's in/out mappings name the same variables): every name once, with typed accessors.
 * <p>
 * Variables hold what the diagram decides on — numbers, codes, flags, dates, ids — and never what a customer or an
 * agent wrote: the ticket's texts live in the desk's tables and are read from there when shown (the staff page, the
 * Tasklist "Ticket" tab, the mails). The one exception is the short subject ({@link #SUMMARY}), which task names carry
 * because Tasklist lists tasks by name. What agents write on a form ({@link #AGENT_INPUTS}) passes through the engine
 * without being stored ({@code ticket/AgentWordsLeaveNoTrace}). The ticket itself is found by the process's business
 * key, its number, which nobody can change.
 */
public final class TicketVariables {

    // written at the start from the ticket row: read by the diagram's expressions, the task names and cards
    public static final String TICKET_ID = "ticketId";
    public static final String TICKET_NUMBER = "ticketNumber";
    public static final String ORGANIZATION_ID = "organizationId";
    /** The task cards show it (Tasklist filters list card variables). */
    public static final String ORGANIZATION_NAME = "organizationName";
    public static final String CHANNEL = "channel";
    public static final String PRODUCT = "product";
    public static final String TOPIC = "topic";
    public static final String CONCERN_TYPE = "concernType";
    public static final String BUSINESS_IMPACT = "businessImpact";
    /** The short subject, as task names and cards show it. */
    public static final String SUMMARY = "summary";
    public static final String FOLLOW_UP_OF = "followUpOf";
    public static final String RECEIVED_AT = "receivedAt";
    public static final String HAS_ATTACHMENTS = "hasAttachments";
    public static final String EXTENDED_SUPPORT = "extendedSupport";

    // the state of the ticket, mirrored for Cockpit and the diagram's gateways
    public static final String STATUS = "status";
    public static final String CLOSE_REASON = "closeReason";
    public static final String TEAM = "team";
    public static final String PRIORITY = "priority";
    public static final String ASSIGNEE = "assignee";
    public static final String PENDING_SINCE = "pendingSince";
    /** R11: when support first told or decided something for the customer; the target's gateway reads it. */
    public static final String FIRST_RESPONDED_AT = "firstRespondedAt";
    public static final String FIRST_RESPONSE_BREACHED = "firstResponseBreached";
    /** Set by the SEV-1 sub-process (the call activity's out mappings). */
    public static final String OUTAGE_CONFIRMED = "outageConfirmed";
    public static final String SEV1_DOWNGRADED = "sev1Downgraded";

    // the agent's work form and what the step after it records
    public static final String ACTION = "action";
    /** REPLY, REQUEST_INFO, SOLVE, CLOSE_DUPLICATE: the answer mailed to the customer (an agent input). */
    public static final String REPLY = "reply";
    /** NOTE: the internal note's text, staff only (an agent input). */
    public static final String NOTE = "note";
    /** The SEV-1 forms: the engineer's note to the customer (an agent input). */
    public static final String ENGINEER_NOTE = "engineerNote";
    /** RETRIAGE: the new priority and team queue. */
    public static final String NEW_PRIORITY = "newPriority";
    public static final String NEW_TEAM = "newTeam";
    /** CLOSE_DUPLICATE: the number of the ticket that continues. */
    public static final String DUPLICATE_OF = "duplicateOf";
    public static final String AGENT_ACTION = "agentAction";
    /**
     * The id of the message (table {@code ticket_message}) the current step told the customer, null when it said
     * nothing: the mail of the step quotes it.
     */
    public static final String AGENT_MESSAGE_ID = "agentMessageId";

    /**
     * What agents write on the forms: read by the steps right after the task, in the same transaction, and never
     * stored in a variable or its history ({@code ticket/AgentWordsLeaveNoTrace}).
     */
    public static final java.util.Set<String> AGENT_INPUTS = java.util.Set.of(REPLY, NOTE, ENGINEER_NOTE);

    // inputs of the generic tasks, set in the diagram
    /** {@code #{notify}}: the mail's template and who gets it. */
    public static final String TEMPLATE = "template";
    public static final String AUDIENCE = "audience";
    /** {@code #{setTicketStatus}}: the new status and, when closing, why. */
    public static final String TO_STATUS = "toStatus";
    public static final String REASON = "reason";

    private TicketVariables() {
    }

    /** The ticket of the process: its business key is the ticket number. */
    public static long ticketId(VariableScope scope) {
        String number = scope instanceof DelegateTask task ? task.getExecution().getProcessBusinessKey()
                : ((DelegateExecution) scope).getProcessBusinessKey();
        return TicketNumber.parse(number)
                .orElseThrow(() -> new IllegalStateException("The process's business key " + number
                        + " is not a ticket number"));
    }

    public static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    public static String assignee(VariableScope scope) {
        return text(scope, ASSIGNEE);
    }

    /** The ticket's status and close reason as Cockpit shows them. */
    public static void status(VariableScope scope, TicketStatus status, CloseReason reason) {
        scope.setVariable(STATUS, status.name());
        scope.setVariable(CLOSE_REASON, reason == null ? null : reason.name());
    }

    /** Where the ticket is queued, as the task's candidate group and the first-response timer read it. */
    public static void routing(VariableScope scope, Priority priority, String team) {
        scope.setVariable(PRIORITY, priority.name());
        scope.setVariable(TEAM, team);
    }
}
