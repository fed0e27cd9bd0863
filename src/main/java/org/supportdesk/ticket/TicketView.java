package org.supportdesk.ticket;

/** R17: the three lists of My Activities. */
public enum TicketView {
    /** filed by me */
    MINE,
    /** requests I'm CC'd on */
    CC,
    /** filed by anyone in my organisation */
    ORGANIZATION
}
