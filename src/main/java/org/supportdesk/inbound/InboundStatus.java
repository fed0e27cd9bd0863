package org.supportdesk.inbound;

public enum InboundStatus {
    /** stored, waiting to be processed */
    STORED,
    /** being processed by a node */
    PROCESSING,
    /** became a ticket, a reply or a follow-up */
    PROCESSED,
    /** automatic mail: kept, not answered */
    IGNORED,
    /** not accepted (unknown sender, too large): kept, the sender told why */
    REFUSED,
    /**
     * the receiving mail server did not vouch for the sender (no passing Authentication-Results): kept, nothing
     * done and nobody answered, until a staff member accepts it (then STORED again)
     */
    UNVERIFIED,
    /** could not be read or processed: kept for staff, with the reason */
    FAILED
}
