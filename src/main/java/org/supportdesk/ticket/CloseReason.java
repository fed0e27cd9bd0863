package org.supportdesk.ticket;

/** R13: why a ticket was closed. */
public enum CloseReason {
    SOLVED,
    NO_RESPONSE,
    DUPLICATE,
    NOT_ELIGIBLE
}
