package org.supportdesk.ticket;

/** R13: where a ticket stands. */
public enum TicketStatus {
    NEW,
    OPEN,
    PENDING,
    CLOSED
}
