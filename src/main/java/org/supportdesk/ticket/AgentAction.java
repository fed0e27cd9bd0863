package org.supportdesk.ticket;

/**
 * What the agent chose in the work form. The Work task takes every action but {@link #BACK_TO_WORK}; the task of a
 * PENDING ticket (R14) takes only {@link #SOLVE}, {@link #REQUEST_INFO} (ask again) and {@link #BACK_TO_WORK}.
 */
public enum AgentAction {
    /** answer and keep the ticket OPEN */
    REPLY(true, true),
    /** ask the customer for information: PENDING */
    REQUEST_INFO(true, true),
    SOLVE(false, true),
    /** close, naming the ticket that continues ({@code duplicateOf}) */
    CLOSE_DUPLICATE(false, true),
    /** a note for staff only; back to the work task, nobody is mailed */
    NOTE(false, false),
    /** another priority and/or team queue ({@code newPriority}, {@code newTeam}); nobody is mailed */
    RETRIAGE(false, false),
    /** R14, PENDING only: the ticket is OPEN again and back at the Work task without waiting for the customer */
    BACK_TO_WORK(false, false);

    /** R14: what the task of a PENDING ticket offers. */
    public static final java.util.Set<AgentAction> WHILE_PENDING = java.util.EnumSet.of(SOLVE, REQUEST_INFO,
            BACK_TO_WORK);

    private final boolean needsText;
    private final boolean respondsToCustomer;

    AgentAction(boolean needsText, boolean respondsToCustomer) {
        this.needsText = needsText;
        this.respondsToCustomer = respondsToCustomer;
    }

    /** Needs the answer that is mailed to the customer. */
    public boolean needsText() {
        return needsText;
    }

    /** Tells or decides something for the customer: the first response (R11), and it answers a waiting reply. */
    public boolean respondsToCustomer() {
        return respondsToCustomer;
    }
}
