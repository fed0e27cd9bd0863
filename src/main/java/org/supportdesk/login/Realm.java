package org.supportdesk.login;

/** Whose passwords: customers' (portal and customer API share them) or staff's (Camunda's identity store). */
public enum Realm {
    CUSTOMER, STAFF;

    String key(String account) {
        return name().toLowerCase(java.util.Locale.ROOT) + ":" + account;
    }
}
