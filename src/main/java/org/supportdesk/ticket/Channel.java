package org.supportdesk.ticket;

/** R6: how a request reached the desk. */
public enum Channel {
    WEB,
    EMAIL,
    EXTENDED_SUPPORT
}
