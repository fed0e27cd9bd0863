package org.supportdesk.ticket;

/** Who wrote a conversation message. */
public enum AuthorType {
    CUSTOMER,
    AGENT,
    SYSTEM
}
