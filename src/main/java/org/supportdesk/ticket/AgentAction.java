package org.supportdesk.ticket;

/** What the agent chose in the work form. */
public enum AgentAction {
    /** answer and keep the ticket OPEN */
    REPLY(true),
    /** ask the customer for information: PENDING */
    REQUEST_INFO(true),
    SOLVE(false),
    CLOSE_DUPLICATE(false);

    private final boolean needsText;

    AgentAction(boolean needsText) {
        this.needsText = needsText;
    }

    public boolean needsText() {
        return needsText;
    }
}
