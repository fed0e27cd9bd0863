package org.supportdesk.ticket;

/** What the agent chose in the work form. */
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
    RETRIAGE(false, false);

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
