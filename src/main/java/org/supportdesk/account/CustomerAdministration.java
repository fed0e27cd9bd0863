package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.calendar.PublicHolidays;
import org.supportdesk.web.Refusal;

/**
 * R1, R2: the vendor's side of customer accounts. Managers register an organisation (time zone and holiday region
 * decide its business hours), record its licences (renewals change the expiry of the same key), and invite its first
 * owner, who then manages members and authorized contacts in the portal. Every refusal comes before anything is
 * written.
 */
@Service
public class CustomerAdministration {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    private final AccountRepository accounts;
    private final ContactAddressPolicy addressPolicy;
    private final Invitations invitations;
    private final PublicHolidays holidays;
    private final Clock clock;

    CustomerAdministration(AccountRepository accounts, ContactAddressPolicy addressPolicy, Invitations invitations,
                           PublicHolidays holidays, Clock clock) {
        this.accounts = accounts;
        this.addressPolicy = addressPolicy;
        this.invitations = invitations;
        this.holidays = holidays;
        this.clock = clock;
    }

    @Transactional
    public Organization register(String id, String name, String timeZone, String holidayRegion) {
        FieldCheck check = new FieldCheck();
        check.require("id", id != null && ID.matcher(id).matches(),
                "must be 1 to 64 lower-case letters, digits and hyphens");
        check.require("name", name != null && !name.isBlank() && name.length() <= 200, "must have 1 to 200 characters");
        ZoneId zone = null;
        try {
            zone = timeZone == null ? null : ZoneId.of(timeZone.strip());
        } catch (DateTimeException unknown) {
            // reported below
        }
        check.require("timeZone", zone != null, "must be a time zone such as America/New_York or Europe/Berlin");
        check.require("holidayRegion", holidays.knows(holidayRegion),
                "must be a region with public holidays, such as US, DE or de-by");
        check.throwIfAny();
        if (accounts.findOrganization(id).isPresent()) {
            throw Refusal.conflict("organization-exists", "Organisation " + id + " exists already.");
        }
        Organization organization = new Organization(id, name.strip(), zone, holidayRegion.strip());
        accounts.insertOrganization(organization);
        return organization;
    }

    /** Records a licence, or renews it (same key: new expiry, level, add-on). Returns whether it was new. */
    @Transactional
    public boolean licence(String organizationId, String key, Product product, LocalDate expiresOn,
                           SupportLevel supportLevel, boolean extendedSupport) {
        organization(organizationId);
        FieldCheck check = new FieldCheck();
        check.require("key", key != null && KEY.matcher(key).matches(),
                "must be 1 to 64 letters, digits and hyphens");
        check.require("product", product != null, "is required");
        check.require("expiresOn", expiresOn != null, "is required (YYYY-MM-DD)");
        check.throwIfAny();
        Licence licence = new Licence(product, key, expiresOn, supportLevel == null ? SupportLevel.STANDARD
                : supportLevel, extendedSupport);
        var owner = accounts.organizationOfLicence(key);
        if (owner.isPresent() && !owner.get().equals(organizationId)) {
            throw Refusal.conflict("licence-key-taken", "Licence key " + key + " belongs to another organisation.");
        }
        if (owner.isPresent()) {
            accounts.updateLicence(licence);
            return false;
        }
        accounts.insertLicence(organizationId, licence);
        return true;
    }

    /** The organisation's first (or a further) owner, mailed a link to choose a password. */
    @Transactional
    public Member inviteOwner(String organizationId, String email, String name, boolean authorizedContact,
                              String staffName) {
        Organization organization = organization(organizationId);
        String address = AccountService.normalize(email);
        FieldCheck check = new FieldCheck();
        check.require("email", address != null && address.length() <= 254 && address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"),
                "must be an email address");
        check.require("name", name != null && !name.isBlank() && name.length() <= 200, "must have 1 to 200 characters");
        check.throwIfAny();
        if (authorizedContact && addressPolicy.isRoleAddress(address)) {
            throw Refusal.unprocessable("not-an-individual", address + " looks like a mailing list or shared mailbox;"
                    + " an authorized support contact must be a person.");
        }
        if (accounts.findMember(address).isPresent()) {
            throw Refusal.conflict("cannot-invite", address + " already has a support account.");
        }
        Member member = new Member(address, organizationId, name.strip(), true, authorizedContact);
        accounts.insertMember(member, null, clock.instant());
        invitations.send(member, staffName, organization);
        return member;
    }

    private Organization organization(String id) {
        return accounts.findOrganization(id).orElseThrow(() -> Refusal.notFound("Organisation " + id));
    }

    /** Field errors gathered before anything is written, answered as one 400 problem. */
    private static final class FieldCheck {
        private final java.util.List<java.util.Map<String, String>> errors = new java.util.ArrayList<>();

        void require(String field, boolean ok, String message) {
            if (!ok) {
                errors.add(java.util.Map.of("field", field, "message", message));
            }
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw Refusal.badRequest("invalid-fields", "Some fields are not valid: " + String.join("; ",
                                errors.stream().map(e -> e.get("field") + " " + e.get("message")).toList()) + ".")
                        .with("errors", errors);
            }
        }
    }
}
