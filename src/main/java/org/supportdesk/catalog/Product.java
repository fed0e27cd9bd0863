package org.supportdesk.catalog;

public enum Product {
    REPOSITORY_MANAGER,
    LIFECYCLE,
    FIREWALL
}
