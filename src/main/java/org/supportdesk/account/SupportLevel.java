package org.supportdesk.account;

public enum SupportLevel {
    STANDARD
}
