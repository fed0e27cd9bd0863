package org.supportdesk.ticket;

/** R6: the customer's statement of impact; customers do not set priority (R11). */
public enum BusinessImpact {
    NORMAL,
    HIGH
}
