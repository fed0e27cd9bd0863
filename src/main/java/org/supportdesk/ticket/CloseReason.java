package org.supportdesk.ticket;

/**
 * R13: why a ticket was closed. There is no "not eligible": eligibility is decided before a ticket is stored (R4, R5),
 * so no ticket is ever closed for it.
 */
public enum CloseReason {
    SOLVED,
    NO_RESPONSE,
    DUPLICATE
}
