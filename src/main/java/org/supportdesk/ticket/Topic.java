package org.supportdesk.ticket;

/** What the request is about; with the product it decides the team (R10). */
public enum Topic {
    INSTALLATION_UPGRADE,
    CONFIGURATION,
    PERFORMANCE,
    SECURITY,
    INTEGRATIONS,
    LICENSING,
    OTHER
}
