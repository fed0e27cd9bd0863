package org.supportdesk.account;

import java.util.List;
import java.util.Map;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.mail.MailQueue;
import org.supportdesk.mail.MailSettings;
import org.supportdesk.web.Refusal;

/**
 * R2: an invited member chooses their own password through a link mailed to them
 * ({@code support.invitation-validity}). A new invitation voids the older links, and a link works only while the
 * member has no password: once chosen, every invitation link of theirs is dead.
 */
@Service
public class Invitations {

    private final AccountTokens tokens;
    private final AccountRepository accounts;
    private final PasswordEncoder passwords;
    private final MailQueue mail;
    private final MailSettings mailSettings;
    private final AccountProperties properties;

    Invitations(AccountTokens tokens, AccountRepository accounts, PasswordEncoder passwords, MailQueue mail,
                MailSettings mailSettings, AccountProperties properties) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.passwords = passwords;
        this.mail = mail;
        this.mailSettings = mailSettings;
        this.properties = properties;
    }

    /** Mails {@code member} a fresh link (in the caller's transaction: no mail for an invitation that rolled back). */
    void send(Member member, Member inviter, Organization organization) {
        send(member, inviter.name(), organization);
    }

    /** The same, on behalf of the vendor's staff (an organisation's first owner). */
    void send(Member member, String inviterName, Organization organization) {
        String token = tokens.issue(member.email(), AccountTokens.Purpose.INVITATION, properties.invitationValidity());
        mail.queue(null, null, "invitation", Map.of(
                        "name", member.name(),
                        "inviterName", inviterName,
                        "organizationName", organization.name(),
                        "link", mailSettings.portalUrl() + "/invitations/" + token,
                        "validDays", properties.invitationValidity().toDays(),
                        "portalUrl", mailSettings.portalUrl()),
                List.of(member.email()), List.of());
    }

    /** Whom a still valid link invites. */
    @Transactional(readOnly = true)
    public Member invitee(String token) {
        return tokens.holder(token, AccountTokens.Purpose.INVITATION)
                .filter(email -> accounts.passwordHash(email).isEmpty())
                .flatMap(accounts::findMember)
                .orElseThrow(Invitations::invalid);
    }

    /** Sets the invitee's first password and uses the link up. */
    @Transactional
    public Member accept(String token, String password) {
        Member member = invitee(token);
        PasswordPolicy.check("password", password);
        if (!tokens.use(token, AccountTokens.Purpose.INVITATION)
                || !accounts.setFirstPassword(member.email(), passwords.encode(password))) {
            throw invalid();
        }
        tokens.voidAll(member.email(), AccountTokens.Purpose.INVITATION);
        return member;
    }

    private static Refusal invalid() {
        return Refusal.notFound("invitation-link").withText("hint", "problem.not-found.invitation-link.hint");
    }
}
