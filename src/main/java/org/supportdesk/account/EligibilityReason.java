package org.supportdesk.account;

public enum EligibilityReason {
    AUTHORIZED_CONTACT,
    /** R4: an owner may file an account change without being an authorized contact. */
    OWNER_ACCOUNT_CHANGE,
    UNKNOWN_SENDER,
    NOT_AUTHORIZED_CONTACT,
    NO_ACTIVE_LICENCE;

    public boolean eligible() {
        return this == AUTHORIZED_CONTACT || this == OWNER_ACCOUNT_CHANGE;
    }
}
