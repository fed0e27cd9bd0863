package org.supportdesk.outage;

/**
 * The variable contract of {@code sev1-outage} and {@code extended-support-escalation}, beside the ticket's
 * ({@link org.supportdesk.ticket.TicketVariables}) that the call activities map in and out.
 */
public final class OutageVariables {

    /** Input of the "Make it URGENT" task: the SEV-1 queue. */
    public static final String SEV1_TEAM = "sev1Team";
    /** The team routing chose, where a report that is not an outage goes back (R20). */
    public static final String STANDARD_TEAM = "standardTeam";
    /**
     * The assess form: CONFIRM, NOT_AN_OUTAGE or REQUEST_LOGS; its note to the customer (the reason of a downgrade)
     * is {@link org.supportdesk.ticket.TicketVariables#ENGINEER_NOTE}, an agent input that is never stored.
     */
    public static final String OUTAGE_DECISION = "outageDecision";
    /** R20, for managers in Cockpit: how many reports of the organisation were not outages. */
    public static final String ORGANIZATION_SEV1_DOWNGRADES = "organizationSev1Downgrades";
    /** R21: who stopped the paging, and when. */
    public static final String ACKNOWLEDGED_BY = "acknowledgedBy";
    public static final String ACKNOWLEDGED_AT = "acknowledgedAt";

    private OutageVariables() {
    }
}
