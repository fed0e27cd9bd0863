package org.supportdesk.account;

import org.supportdesk.mail.QueuedMails;

/** The account mails (invitation, password reset, changed password) as the real services write them. */
public final class AccountMails {

    private AccountMails() {
    }

    /** Invites {@code email} to its organisation, asks for a password reset for it, then resets the password. */
    public static void sendAll(QueuedMails mails, String email, String inviterName) {
        AccountRepository accounts = mails.create(AccountRepository.class);
        Member member = accounts.findMember(email).orElseThrow();
        Organization organization = accounts.findOrganization(member.organizationId()).orElseThrow();

        mails.create(Invitations.class).send(member, inviterName, organization);
        PasswordResets resets = mails.create(PasswordResets.class);
        resets.request(email);
        resets.notifyChanged(member);
    }
}
