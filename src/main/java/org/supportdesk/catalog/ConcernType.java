package org.supportdesk.catalog;

/** R7: what kind of concern the customer has. */
public enum ConcernType {
    QUESTION,
    PROBLEM,
    /** Critical production system outage: SEV-1. */
    CRITICAL_OUTAGE,
    CUSTOMER_ACCOUNT_CHANGE,
    OTHER
}
