package org.supportdesk.account;

public enum Product {
    REPOSITORY_MANAGER,
    LIFECYCLE,
    FIREWALL
}
