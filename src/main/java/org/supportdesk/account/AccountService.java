package org.supportdesk.account;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.login.PasswordGate;
import org.supportdesk.login.Realm;
import org.supportdesk.web.Refusal;

/**
 * Organisation membership and authorized contacts (R2, R3). Every refusal is thrown before anything is
 * written, so a refused change changes nothing.
 */
@Service
public class AccountService {

    private final AccountRepository accounts;
    private final ContactDesignation contacts;
    private final Clock clock;
    private final Invitations invitations;
    private final PasswordResets resets;
    private final AccountTokens tokens;
    private final PasswordEncoder passwords;
    private final PasswordGate gate;
    private final ApplicationEventPublisher events;

    AccountService(AccountRepository accounts, ContactDesignation contacts, Clock clock, Invitations invitations, PasswordResets resets, AccountTokens tokens,
                   PasswordEncoder passwords, PasswordGate gate, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.clock = clock;
        this.invitations = invitations;
        this.resets = resets;
        this.tokens = tokens;
        this.passwords = passwords;
        this.gate = gate;
        this.events = events;
    }

    /** A member was removed from their organisation (published in the removing transaction). */
    public record MemberRemoved(String organizationId, String email) {
    }

    /** Reads for pages that show an organisation; who may see them is the caller's concern (signed-in members). */
    @Transactional(readOnly = true)
    public Organization organization(String organizationId) {
        return accounts.findOrganization(organizationId).orElseThrow(() -> Refusal.notFound("organization", organizationId));
    }

    @Transactional(readOnly = true)
    public List<Member> members(String organizationId) {
        return accounts.members(organizationId);
    }

    @Transactional(readOnly = true)
    public List<Member> authorizedContacts(String organizationId) {
        return accounts.authorizedContacts(organizationId);
    }

    @Transactional(readOnly = true)
    public List<Licence> licences(String organizationId) {
        return accounts.licences(organizationId);
    }

    /** R20: how many of the organisation's outage reports were found not to be production outages. */
    @Transactional(readOnly = true)
    public int sev1Downgrades(String organizationId) {
        return accounts.sev1Downgrades(organizationId);
    }

    /** R20: one more report of the organisation's that was not a production outage; returns the new count. */
    public int countSev1Downgrade(String organizationId) {
        return accounts.incrementSev1Downgrades(organizationId);
    }

    public Member me(String email) {
        return accounts.findMember(normalize(email)).orElseThrow(() -> Refusal.notFound("your-account"));
    }

    /** The caller's own organisation; any other one does not exist for them. */
    @Transactional(readOnly = true)
    public Organization organizationOf(String callerEmail, String organizationId) {
        Member caller = me(callerEmail);
        if (!caller.organizationId().equals(organizationId)) {
            throw Refusal.notFound("organization", organizationId);
        }
        return accounts.findOrganization(organizationId).orElseThrow(() -> Refusal.notFound("organization", organizationId));
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
            if (!member.organizationId().equals(organizationId)) {
                // says nothing about which organisation, or whether it is one: the address just cannot be invited
                throw Refusal.conflict("cannot-invite", invitee);
            }
            if (!pending) {
                throw Refusal.conflict("already-a-member", invitee);
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
        contacts.requireMayBecomeContact(organizationId, member.email(), ContactDesignation.By.OWNER);
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

    /**
     * R2: removes a member. They lose access at once (their sessions end, API calls get 401), stop being an
     * authorized contact and leave the CCs of open tickets; the tickets they filed stay with the organisation. The
     * last owner cannot be removed.
     */
    @Transactional
    public void removeMember(String callerEmail, String organizationId, String email) {
        requireOwner(callerEmail, organizationId);
        accounts.lockOrganization(organizationId);
        Member member = memberOf(organizationId, email);
        if (member.owner() && accounts.countOwners(organizationId) <= 1) {
            throw lastOwner(member);
        }
        accounts.deleteMember(member.email());
        events.publishEvent(new MemberRemoved(organizationId, member.email()));
    }

    /** R2: makes a member an owner, or no longer one; an organisation always keeps one owner. */
    @Transactional
    public void setOwner(String callerEmail, String organizationId, String email, boolean owner) {
        requireOwner(callerEmail, organizationId);
        accounts.lockOrganization(organizationId);
        Member member = memberOf(organizationId, email);
        if (member.owner() == owner) {
            return;
        }
        if (!owner && accounts.countOwners(organizationId) <= 1) {
            throw lastOwner(member);
        }
        accounts.setOwner(member.email(), owner);
    }

    /**
     * The signed-in member changes their password: the current one is checked (throttled like a sign-in), the new
     * one must follow {@link PasswordPolicy}. Every other session of theirs ends and every remembered API login stops
     * matching; they get a mail saying so. Returns the new credentials version (the caller's own session keeps it).
     */
    @Transactional
    public long changePassword(String email, String currentPassword, String newPassword, String clientAddress) {
        Member member = me(email);
        PasswordPolicy.check("newPassword", newPassword);
        String hash = accounts.passwordHash(member.email()).orElseThrow(() -> Refusal.notFound("your-account"));
        boolean right = gate.check(Realm.CUSTOMER, member.email(), clientAddress,
                () -> passwords.matches(currentPassword, hash));
        if (!right) {
            throw Refusal.invalidField("currentPassword", "not-current-password");
        }
        long version = accounts.changePassword(member.email(), passwords.encode(newPassword));
        tokens.voidAll(member.email(), AccountTokens.Purpose.PASSWORD_RESET);
        resets.notifyChanged(member);
        return version;
    }

    private Refusal lastOwner(Member member) {
        return Refusal.conflict("last-owner", member.email());
    }

    private Member memberOf(String organizationId, String email) {
        return accounts.findMember(normalize(email))
                .filter(m -> m.organizationId().equals(organizationId))
                .orElseThrow(() -> Refusal.notFound("member", email));
    }

    private void requireOwner(String callerEmail, String organizationId) {
        organizationOf(callerEmail, organizationId);
        if (!me(callerEmail).owner()) {
            throw Refusal.forbidden("owner-only", String.join(", ", owners(organizationId)));
        }
    }

    private List<String> owners(String organizationId) {
        return accounts.members(organizationId).stream().filter(Member::owner).map(Member::email).toList();
    }

    public static String normalize(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
