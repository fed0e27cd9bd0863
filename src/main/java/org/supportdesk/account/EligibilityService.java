package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.catalog.ConcernType;

/** R4 eligibility and the R5 guidance for those who are not eligible. */
@Service
public class EligibilityService {

    private final AccountRepository accounts;
    private final AccountProperties properties;
    private final Clock clock;

    public EligibilityService(AccountRepository accounts, AccountProperties properties, Clock clock) {
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param product the product asked about, or {@code null} when the channel does not say (email): then any
     *                active licence of the organisation counts and triage settles the product
     */
    @Transactional(readOnly = true)
    public Eligibility check(String senderEmail, Product product, ConcernType concernType) {
        Optional<Member> sender = accounts.findMember(AccountService.normalize(senderEmail));
        if (sender.isEmpty()) {
            return new Eligibility(EligibilityReason.UNKNOWN_SENDER, null, false, unknownSenderGuidance());
        }
        Member member = sender.get();
        Organization organization = accounts.findOrganization(member.organizationId()).orElseThrow();
        boolean ownerAccountChange = member.owner() && concernType == ConcernType.CUSTOMER_ACCOUNT_CHANGE;
        if (!member.authorizedContact() && !ownerAccountChange) {
            return new Eligibility(EligibilityReason.NOT_AUTHORIZED_CONTACT, organization.id(), false,
                    notAuthorizedGuidance(organization));
        }
        LocalDate today = LocalDate.now(clock.withZone(organization.timeZone()));
        List<Licence> active = accounts.licences(organization.id()).stream()
                .filter(l -> product == null || l.product() == product)
                .filter(l -> l.isActiveOn(today))
                .toList();
        // an account change is about the account itself, so it must get through even when licences lapsed
        if (active.isEmpty() && concernType != ConcernType.CUSTOMER_ACCOUNT_CHANGE) {
            return new Eligibility(EligibilityReason.NO_ACTIVE_LICENCE, organization.id(), false,
                    noLicenceGuidance(organization, product));
        }
        boolean extendedSupport = active.stream().anyMatch(Licence::extendedSupport);
        EligibilityReason reason = member.authorizedContact()
                ? EligibilityReason.AUTHORIZED_CONTACT : EligibilityReason.OWNER_ACCOUNT_CHANGE;
        return new Eligibility(reason, organization.id(), extendedSupport, null);
    }

    private static String unknownSenderGuidance() {
        return "Only authorized support contacts of a licensed organisation can file support tickets, and this address"
                + " is not registered with one. Ask an owner of your organisation to invite you and designate you as an"
                + " authorized support contact, or ask one of your organisation's authorized contacts to file the"
                + " request.";
    }

    private String notAuthorizedGuidance(Organization organization) {
        List<String> contacts = accounts.authorizedContacts(organization.id()).stream().map(Member::email).toList();
        List<String> owners = accounts.members(organization.id()).stream()
                .filter(Member::owner).map(Member::email).toList();
        return "Only authorized support contacts can file support tickets for " + organization.name() + ". "
                + (contacts.isEmpty() ? "Your organisation has no authorized contacts yet. "
                : "Your organisation's authorized contacts are: " + String.join(", ", contacts) + ". ")
                + "To become one, ask an owner of your organisation (" + String.join(", ", owners)
                + ") to designate you; an organisation may have up to " + properties.maxAuthorizedContacts() + ". Owners who cannot manage their contacts"
                + " can file a Customer Account Change request.";
    }

    private static String noLicenceGuidance(Organization organization, Product product) {
        return organization.name() + " has no active licence"
                + (product == null ? "" : " for " + product.name())
                + ", so technical support is not available for it. Please contact your account representative to renew"
                + " the licence, or file a Customer Account Change request if you believe this is wrong.";
    }
}
