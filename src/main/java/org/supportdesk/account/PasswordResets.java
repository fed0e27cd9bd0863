package org.supportdesk.account;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.mail.MailQueue;
import org.supportdesk.mail.MailSettings;
import org.supportdesk.web.Refusal;

/**
 * A forgotten password: a one-time link (valid {@code support.password-reset-validity}) mailed to the member's
 * address. Asking answers the same whether or not the address has an account, and mails at most
 * {@code MAX_PER_HOUR} links an hour to one address, so the form can neither list members nor flood a mailbox.
 * A reset password ends the member's other sessions and remembered API logins, like a change.
 */
@Service
public class PasswordResets {

    static final int MAX_PER_HOUR = 3;

    private final AccountTokens tokens;
    private final AccountRepository accounts;
    private final PasswordEncoder passwords;
    private final MailQueue mail;
    private final MailSettings mailSettings;
    private final AccountProperties properties;
    private final Clock clock;

    PasswordResets(AccountTokens tokens, AccountRepository accounts, PasswordEncoder passwords, MailQueue mail,
                   MailSettings mailSettings, AccountProperties properties, Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.passwords = passwords;
        this.mail = mail;
        this.mailSettings = mailSettings;
        this.properties = properties;
        this.clock = clock;
    }

    /** Mails a link when {@code email} is a member's; says nothing either way. */
    @Transactional
    public void request(String email) {
        accounts.findMember(AccountService.normalize(email)).ifPresent(member -> {
            if (tokens.issuedSince(member.email(), AccountTokens.Purpose.PASSWORD_RESET,
                    clock.instant().minus(Duration.ofHours(1))) >= MAX_PER_HOUR) {
                return;
            }
            String token = tokens.issue(member.email(), AccountTokens.Purpose.PASSWORD_RESET,
                    properties.passwordResetValidity());
            mail.queue(null, null, "password-reset", Map.of(
                            "name", member.name(),
                            "link", mailSettings.portalUrl() + "/password-reset/" + token,
                            "validMinutes", properties.passwordResetValidity().toMinutes(),
                            "portalUrl", mailSettings.portalUrl()),
                    List.of(member.email()), List.of());
        });
    }

    /** Whose still valid link this is. */
    @Transactional(readOnly = true)
    public Member holder(String token) {
        return tokens.holder(token, AccountTokens.Purpose.PASSWORD_RESET).flatMap(accounts::findMember)
                .orElseThrow(PasswordResets::invalid);
    }

    /** Sets the new password, uses the link up and ends every session signed in with the old one. */
    @Transactional
    public Member reset(String token, String password) {
        Member member = holder(token);
        PasswordPolicy.check("password", password);
        if (!tokens.use(token, AccountTokens.Purpose.PASSWORD_RESET)) {
            throw invalid();
        }
        accounts.changePassword(member.email(), passwords.encode(password));
        tokens.voidAll(member.email(), AccountTokens.Purpose.PASSWORD_RESET);
        tokens.voidAll(member.email(), AccountTokens.Purpose.INVITATION);
        notifyChanged(member);
        return member;
    }

    /** Tells the member their password changed, so that a change they did not make does not go unnoticed. */
    void notifyChanged(Member member) {
        mail.queue(null, null, "password-changed", Map.of(
                        "name", member.name(),
                        "resetLink", mailSettings.portalUrl() + "/password-reset",
                        "portalUrl", mailSettings.portalUrl()),
                List.of(member.email()), List.of());
    }

    private static Refusal invalid() {
        return Refusal.notFound("password-reset-link").withText("hint", "problem.not-found.password-reset-link.hint");
    }
}
