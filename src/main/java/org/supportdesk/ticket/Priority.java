package org.supportdesk.ticket;

/** R11: set by routing, assessed by the agent at triage. */
public enum Priority {
    URGENT,
    HIGH,
    NORMAL,
    LOW
}
