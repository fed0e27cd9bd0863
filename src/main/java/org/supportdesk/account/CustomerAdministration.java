package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
    private final ContactDesignation contacts;
    private final Invitations invitations;
    private final PublicHolidays holidays;
    private final Clock clock;

    CustomerAdministration(AccountRepository accounts, ContactDesignation contacts, Invitations invitations,
                           PublicHolidays holidays, Clock clock) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.invitations = invitations;
        this.holidays = holidays;
        this.clock = clock;
    }

    @Transactional
    public Organization register(String id, String name, String timeZone, String holidayRegion) {
        FieldCheck check = new FieldCheck();
        check.require("id", id != null && ID.matcher(id).matches(), "not-an-organization-id", 64);
        check.require("name", name != null && !name.isBlank() && name.length() <= 200, "length-between", 1, 200);
        ZoneId zone = null;
        try {
            zone = timeZone == null ? null : ZoneId.of(timeZone.strip());
        } catch (DateTimeException unknown) {
            // reported below
        }
        check.require("timeZone", zone != null, "not-a-time-zone");
        check.require("holidayRegion", holidays.knows(holidayRegion), "not-a-holiday-region");
        check.throwIfAny();
        if (accounts.findOrganization(id).isPresent()) {
            throw Refusal.conflict("organization-exists", id);
        }
        Organization organization = new Organization(id, name.strip(), zone, holidayRegion.strip());
        accounts.insertOrganization(organization);
        return organization;
    }

    /**
     * Records a licence, or renews it (same key: new expiry, level). Returns whether it was new. The Extended Support
     * add-on has a term of its own ({@link #extendedSupport}): a renewal leaves it as it is, and the licence's terms
     * do not carry it ({@code extendedSupportGiven} is refused, saying where it goes).
     */
    @Transactional
    public boolean licence(String organizationId, String key, Product product, LocalDate expiresOn,
                           SupportLevel supportLevel, boolean extendedSupportGiven) {
        organization(organizationId);
        FieldCheck check = new FieldCheck();
        check.require("key", key != null && KEY.matcher(key).matches(), "not-a-licence-key", 64);
        check.require("product", product != null, "required");
        check.require("expiresOn", expiresOn != null, "required-date");
        check.require("extendedSupport", !extendedSupportGiven, "extended-support-is-an-add-on", organizationId,
                key);
        check.throwIfAny();
        Licence licence = new Licence(product, key, expiresOn, supportLevel == null ? SupportLevel.STANDARD
                : supportLevel, null);
        var owner = accounts.organizationOfLicence(key);
        if (owner.isPresent() && !owner.get().equals(organizationId)) {
            throw Refusal.conflict("licence-key-taken", key);
        }
        if (owner.isPresent()) {
            accounts.updateLicence(licence);
            return false;
        }
        accounts.insertLicence(organizationId, licence);
        return true;
    }

    /**
     * R21: records the Extended Support add-on of a licence, or renews it, until (and including) {@code expiresOn} in
     * the organisation's zone. It counts for that licence's product only, and only while the licence is active too.
     * Returns whether the licence had no add-on before.
     */
    @Transactional
    public boolean extendedSupport(String organizationId, String key, LocalDate expiresOn) {
        organization(organizationId);
        Licence licence = accounts.findLicence(organizationId, key)
                .orElseThrow(() -> Refusal.notFound("licence", key, organizationId));
        FieldCheck check = new FieldCheck();
        check.require("expiresOn", expiresOn != null, "required-date");
        check.throwIfAny();
        accounts.setExtendedSupport(key, expiresOn);
        return licence.extendedSupportExpiresOn() == null;
    }

    /** The organisation's first (or a further) owner, mailed a link to choose a password. */
    @Transactional
    public Member inviteOwner(String organizationId, String email, String name, boolean authorizedContact,
                              String staffName) {
        Organization organization = organization(organizationId);
        String address = AccountService.normalize(email);
        FieldCheck check = new FieldCheck();
        check.require("email", address != null && address.length() <= 254
                && address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "not-an-email");
        check.require("name", name != null && !name.isBlank() && name.length() <= 200, "length-between", 1, 200);
        check.throwIfAny();
        if (accounts.findMember(address).isPresent()) {
            throw Refusal.conflict("cannot-invite", address)
                    .saying("problem.cannot-invite.has-an-account", address);
        }
        if (authorizedContact) {
            contacts.requireMayBecomeContact(organizationId, address, ContactDesignation.By.VENDOR);
        }
        Member member = new Member(address, organizationId, name.strip(), true, authorizedContact);
        accounts.insertMember(member, null, clock.instant());
        invitations.send(member, staffName, organization);
        return member;
    }

    private Organization organization(String id) {
        return accounts.findOrganization(id).orElseThrow(() -> Refusal.notFound("organization", id));
    }

    /** Field errors gathered before anything is written, answered as one 400 problem. */
    private static final class FieldCheck {
        private final List<Refusal.FieldError> errors = new ArrayList<>();

        void require(String field, boolean ok, String code, Object... arguments) {
            if (!ok) {
                errors.add(Refusal.FieldError.of(field, code, arguments));
            }
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw Refusal.invalidFields(errors);
            }
        }
    }
}
