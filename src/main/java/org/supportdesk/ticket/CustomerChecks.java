package org.supportdesk.ticket;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.AccountService;
import org.supportdesk.account.Eligibility;
import org.supportdesk.account.EligibilityService;
import org.supportdesk.account.Member;
import org.supportdesk.attachment.AttachmentPolicy;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.catalog.Product;
import org.supportdesk.web.Refusal;

/**
 * The checks that filing, the conversation, follow-ups and the reads share, whatever the channel: who the caller is,
 * which tickets they see (R17), whether they may file (R4), whether they may work on a ticket (R3), whom they may
 * copy (R17, R22) and which files the web takes (R8). Each check is here once, so every path refuses alike.
 */
@Component
class CustomerChecks {

    static final int MAX_CC = 20;

    private final TicketRepository tickets;
    private final AccountRepository accounts;
    private final EligibilityService eligibility;
    private final AttachmentPolicy attachmentPolicy;

    CustomerChecks(TicketRepository tickets, AccountRepository accounts, EligibilityService eligibility,
                   AttachmentPolicy attachmentPolicy) {
        this.tickets = tickets;
        this.accounts = accounts;
        this.eligibility = eligibility;
        this.attachmentPolicy = attachmentPolicy;
    }

    /** The signed-in customer, as a member of their organisation; 404 {@code your-account} once they are not. */
    Member member(String email) {
        return accounts.findMember(AccountService.normalize(email))
                .orElseThrow(() -> Refusal.notFound("your-account"));
    }

    /** R17: nobody sees another organisation's tickets; to them the ticket does not exist. */
    Ticket visible(Member caller, String number) {
        return tickets.findByNumber(number)
                .filter(t -> t.organizationId().equals(caller.organizationId()))
                .orElseThrow(() -> Refusal.notFound("ticket", number));
    }

    /** R4, decided here and only here: a refused request stores nothing, and the process starts eligible. */
    Eligibility requireEligible(Member caller, Product product, ConcernType concernType) {
        Eligibility result = eligibility.check(caller.email(), product, concernType);
        if (!result.eligible()) {
            throw Refusal.forbidden("not-eligible", result.guidance())
                    .with("reason", result.reason().name())
                    .with("authorizedContacts", accounts.authorizedContacts(caller.organizationId()).stream()
                            .map(Member::email).toList());
        }
        return result;
    }

    /**
     * R3: who may work on a ticket, on every channel: the organisation's authorized contacts, and the ticket's own
     * requester and CCs.
     */
    boolean mayWork(Member member, Ticket ticket) {
        return member.organizationId().equals(ticket.organizationId())
                && (member.authorizedContact() || member.email().equals(ticket.requesterEmail())
                || tickets.cc(ticket.id()).contains(member.email()));
    }

    /** R3, refused with 403 {@code not-authorized-contact}. */
    void requireMayWork(Member caller, Ticket ticket) {
        if (!mayWork(caller, ticket)) {
            throw Refusal.forbidden("not-authorized-contact", ticket.number());
        }
    }

    /**
     * R17/R22 on the web: the CCs a request names, normalised, without the caller; each must be an address of a
     * member of the caller's organisation, at most {@value #MAX_CC}. What is wrong is added to {@code errors}.
     */
    List<String> ccAddresses(FieldErrors errors, Member caller, List<String> requested) {
        Set<String> members = memberAddresses(caller);
        List<String> cc = requested.stream().map(AccountService::normalize).distinct()
                .filter(address -> !caller.email().equals(address)).toList();
        if (cc.size() > MAX_CC) {
            errors.add("cc", "too-many", MAX_CC);
        }
        for (String address : cc) {
            if (!errors.isEmail(address)) {
                errors.add(Refusal.FieldError.of("cc", "not-an-email", address).saying("field.not-an-email.address"));
            } else if (!members.contains(address)) {
                errors.add("cc", "not-a-member", address);
            }
        }
        return cc;
    }

    /** R17/R22 for mail and follow-ups: only members of the sender's organisation become CCs; others are left out. */
    List<String> colleagues(Member sender, List<String> cc) {
        Set<String> members = memberAddresses(sender);
        return cc.stream().map(AccountService::normalize).filter(members::contains)
                .filter(address -> !address.equals(sender.email())).distinct().toList();
    }

    /** R8: the web refuses discouraged formats and oversize files; mail was checked against its limits on arrival. */
    void checkFiles(CustomerText message) {
        if (message.channel() == Channel.WEB) {
            attachmentPolicy.checkWeb(message.files());
        }
    }

    private Set<String> memberAddresses(Member of) {
        return accounts.members(of.organizationId()).stream().map(Member::email).collect(Collectors.toSet());
    }
}
