package org.supportdesk.account;

import java.util.List;

import org.springframework.stereotype.Component;
import org.supportdesk.web.Refusal;

/**
 * R3, the one check on every path that makes someone an authorized contact: an owner designating a member (portal
 * and customer API), the vendor inviting an owner who is to be a contact (staff API) and the demo data. A contact is
 * an individual ({@link ContactAddressPolicy}), and an organisation has at most
 * {@code support.max-authorized-contacts}. An invited owner who has not yet chosen a password already holds a place,
 * so accepting the invitation later never makes one too many.
 *
 * <p>Run it in the transaction that then writes the flag: it locks the organisation, so two designations at the same
 * moment cannot both take the last place.
 */
@Component
public class ContactDesignation {

    /** Who is making the contact: the refusal says what that person can do about it. */
    public enum By {
        /** An owner of the organisation, in the portal or the customer API. */
        OWNER,
        /** Vendor staff inviting an owner (the staff API). */
        VENDOR
    }

    private final AccountRepository accounts;
    private final ContactAddressPolicy addressPolicy;
    private final AccountProperties properties;

    public ContactDesignation(AccountRepository accounts, ContactAddressPolicy addressPolicy, AccountProperties properties) {
        this.accounts = accounts;
        this.addressPolicy = addressPolicy;
        this.properties = properties;
    }

    /**
     * Refuses (422) an address that is not an individual's, or (409) a designation beyond the limit, listing the
     * current contacts; changes nothing.
     */
    public void requireMayBecomeContact(String organizationId, String email, By by) {
        if (addressPolicy.isRoleAddress(email)) {
            Refusal refusal = Refusal.unprocessable("not-an-individual", email);
            throw by == By.VENDOR ? refusal.saying("problem.not-an-individual.first-owner", email) : refusal;
        }
        accounts.lockOrganization(organizationId);
        int max = properties.maxAuthorizedContacts();
        if (accounts.countAuthorizedContacts(organizationId) >= max) {
            List<String> contacts = accounts.authorizedContacts(organizationId).stream().map(Member::email).toList();
            Refusal refusal = Refusal.conflict("contact-limit-reached", max, email)
                    .with("maxAuthorizedContacts", max)
                    .with("authorizedContacts", contacts);
            throw by == By.VENDOR
                    ? refusal.saying("problem.contact-limit-reached.new-owner", max, email, organizationId)
                    : refusal;
        }
    }
}
