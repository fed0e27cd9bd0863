package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.catalog.ConcernType;

/** R4 eligibility and the R5 guidance for those who are not eligible. */
@Service
public class EligibilityService {

    private final AccountRepository accounts;
    private final AccountProperties properties;
    private final Clock clock;
    private final MessageSource messages;

    public EligibilityService(AccountRepository accounts, AccountProperties properties, Clock clock,
                              MessageSource messages) {
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
        this.messages = messages;
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
        // R21: the add-on of this product's licence, active today; a request that names no product has none
        boolean extendedSupport = product != null && active.stream().anyMatch(l -> l.hasExtendedSupportOn(today));
        EligibilityReason reason = member.authorizedContact()
                ? EligibilityReason.AUTHORIZED_CONTACT : EligibilityReason.OWNER_ACCOUNT_CHANGE;
        return new Eligibility(reason, organization.id(), extendedSupport, null);
    }

    /**
     * R21: what a mail to the Extended Support address is about. A mail names no product, so it is matched by the
     * licences of the sender's organisation that are active today (in its zone):
     * <ol>
     * <li>one product whose add-on is active → that product, with Extended Support;</li>
     * <li>several such products → none chosen, with Extended Support: every one the outage may concern is covered,
     *     so the on-call engineer is paged and settles the product;</li>
     * <li>no active add-on, one product licensed → that product, without Extended Support (R19);</li>
     * <li>no active add-on, several products licensed → the one whose add-on lapsed (the latest to lapse), without
     *     Extended Support; none chosen when no licence ever had the add-on.</li>
     * </ol>
     *
     * @param organizationId the sender's organisation, found eligible ({@link #check})
     */
    @Transactional(readOnly = true)
    public ExtendedSupportMail extendedSupportMail(String organizationId) {
        Organization organization = accounts.findOrganization(organizationId).orElseThrow();
        LocalDate today = LocalDate.now(clock.withZone(organization.timeZone()));
        List<Licence> active = accounts.licences(organizationId).stream().filter(l -> l.isActiveOn(today)).toList();
        List<Product> covered = active.stream().filter(l -> l.hasExtendedSupportOn(today)).map(Licence::product)
                .distinct().toList();
        if (!covered.isEmpty()) {
            return new ExtendedSupportMail(covered.size() == 1 ? covered.get(0) : null, true);
        }
        List<Product> licensed = active.stream().map(Licence::product).distinct().toList();
        if (licensed.size() == 1) {
            return new ExtendedSupportMail(licensed.get(0), false);
        }
        Product lapsed = active.stream().filter(l -> l.extendedSupportExpiresOn() != null)
                .max(java.util.Comparator.comparing(Licence::extendedSupportExpiresOn))
                .map(Licence::product).orElse(null);
        return new ExtendedSupportMail(lapsed, false);
    }

    /**
     * @param product         the product a mail to the Extended Support address is about, {@code null} when it
     *                        cannot be told
     * @param extendedSupport whether the add-on covers it now
     */
    public record ExtendedSupportMail(Product product, boolean extendedSupport) {
    }

    private String unknownSenderGuidance() {
        return text("eligibility.unknown-sender");
    }

    private String notAuthorizedGuidance(Organization organization) {
        List<String> contacts = accounts.authorizedContacts(organization.id()).stream().map(Member::email).toList();
        List<String> owners = accounts.members(organization.id()).stream()
                .filter(Member::owner).map(Member::email).toList();
        return text(contacts.isEmpty() ? "eligibility.not-authorized-contact.none" : "eligibility.not-authorized-contact",
                organization.name(), String.join(", ", contacts), String.join(", ", owners),
                properties.maxAuthorizedContacts());
    }

    private String noLicenceGuidance(Organization organization, Product product) {
        return product == null ? text("eligibility.no-active-licence", organization.name())
                : text("eligibility.no-active-licence.product", organization.name(), product.name());
    }

    /** R5's guidance is customer-facing: its words are in the messages. */
    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
