package org.supportdesk.account;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.web.Refusal;

/**
 * Organisation membership and authorized contacts (R2, R3). Every refusal is thrown before anything is
 * written, so a refused change changes nothing.
 */
@Service
public class AccountService {

    private final AccountRepository accounts;
    private final ContactAddressPolicy addressPolicy;
    private final AccountProperties properties;
    private final Clock clock;
    private final Invitations invitations;

    public AccountService(AccountRepository accounts, ContactAddressPolicy addressPolicy,
                          AccountProperties properties, Clock clock, Invitations invitations) {
        this.accounts = accounts;
        this.addressPolicy = addressPolicy;
        this.properties = properties;
        this.clock = clock;
        this.invitations = invitations;
    }

    public Member me(String email) {
        return accounts.findMember(normalize(email)).orElseThrow(() -> Refusal.notFound("Your account"));
    }

    /** The caller's own organisation; any other one does not exist for them. */
    @Transactional(readOnly = true)
    public Organization organizationOf(String callerEmail, String organizationId) {
        Member caller = me(callerEmail);
        if (!caller.organizationId().equals(organizationId)) {
            throw Refusal.notFound("Organisation " + organizationId);
        }
        return accounts.findOrganization(organizationId).orElseThrow(() -> Refusal.notFound("Organisation"));
    }

    @Transactional(readOnly = true)
    public List<Member> members(String callerEmail, String organizationId) {
        organizationOf(callerEmail, organizationId);
        return accounts.members(organizationId);
    }

    /**
     * Adds a member and mails them a link to choose their password. Inviting a member again who has not chosen one
     * yet sends a fresh link.
     */
    @Transactional
    public Member invite(String callerEmail, String organizationId, String email, String name) {
        requireOwner(callerEmail, organizationId);
        Member inviter = me(callerEmail);
        Organization organization = accounts.findOrganization(organizationId).orElseThrow();
        String invitee = normalize(email);
        Optional<Member> existing = accounts.findMember(invitee);
        if (existing.isPresent()) {
            Member member = existing.get();
            boolean pending = member.organizationId().equals(organizationId)
                    && accounts.passwordHash(invitee).isEmpty();
            if (!pending) {
                throw Refusal.conflict("already-a-member", member.organizationId().equals(organizationId)
                        ? invitee + " is already a member of your organisation."
                        : invitee + " already belongs to another organisation; one address can belong to one"
                        + " organisation.");
            }
            invitations.send(member, inviter, organization);
            return member;
        }
        Member member = new Member(invitee, organizationId, name.strip(), false, false);
        accounts.insertMember(member, null, clock.instant());
        invitations.send(member, inviter, organization);
        return member;
    }

    @Transactional
    public void designateContact(String callerEmail, String organizationId, String email) {
        requireOwner(callerEmail, organizationId);
        accounts.lockOrganization(organizationId);
        Member member = memberOf(organizationId, email);
        if (member.authorizedContact()) {
            return;
        }
        if (addressPolicy.isRoleAddress(member.email())) {
            throw Refusal.unprocessable("not-an-individual", member.email()
                    + " looks like a mailing list, distribution list or shared mailbox. Authorized support contacts"
                    + " must be individuals: designate the person's own address instead.");
        }
        int max = properties.maxAuthorizedContacts();
        if (accounts.countAuthorizedContacts(organizationId) >= max) {
            throw Refusal.conflict("contact-limit-reached", "Your organisation already has " + max
                            + " authorized support contacts, the most it may have. Revoke one of them before designating "
                            + member.email() + ".")
                    .with("maxAuthorizedContacts", max)
                    .with("authorizedContacts", accounts.authorizedContacts(organizationId).stream()
                            .map(Member::email).toList());
        }
        accounts.setAuthorizedContact(member.email(), true);
    }

    @Transactional
    public void revokeContact(String callerEmail, String organizationId, String email) {
        requireOwner(callerEmail, organizationId);
        Member member = memberOf(organizationId, email);
        if (member.authorizedContact()) {
            accounts.setAuthorizedContact(member.email(), false);
        }
    }

    private Member memberOf(String organizationId, String email) {
        return accounts.findMember(normalize(email))
                .filter(m -> m.organizationId().equals(organizationId))
                .orElseThrow(() -> Refusal.notFound("Member " + email + " of your organisation"));
    }

    private void requireOwner(String callerEmail, String organizationId) {
        organizationOf(callerEmail, organizationId);
        if (!me(callerEmail).owner()) {
            throw Refusal.forbidden("owner-only", "Only an owner of your organisation can invite members and "
                    + "designate or revoke authorized support contacts. Your owners: "
                    + String.join(", ", owners(organizationId)) + ".");
        }
    }

    private List<String> owners(String organizationId) {
        return accounts.members(organizationId).stream().filter(Member::owner).map(Member::email).toList();
    }

    public static String normalize(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
