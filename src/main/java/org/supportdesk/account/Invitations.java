package org.supportdesk.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.mail.MailQueue;
import org.supportdesk.mail.MailSettings;
import org.supportdesk.web.Refusal;

/**
 * R2: an invited member chooses their own password through a link mailed to them. Only a hash of the link's
 * token is stored; the link works once and expires ({@code support.invitation-validity}).
 */
@Service
public class Invitations {

    static final int MIN_PASSWORD = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final PasswordEncoder passwords;
    private final MailQueue mail;
    private final MailSettings mailSettings;
    private final AccountProperties properties;
    private final Clock clock;

    public Invitations(JdbcClient jdbc, AccountRepository accounts, PasswordEncoder passwords, MailQueue mail,
                       MailSettings mailSettings, AccountProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.passwords = passwords;
        this.mail = mail;
        this.mailSettings = mailSettings;
        this.properties = properties;
        this.clock = clock;
    }

    /** Mails {@code member} a fresh link (in the caller's transaction: no mail for an invitation that rolled back). */
    void send(Member member, Member inviter, Organization organization) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expires = clock.instant().plus(properties.invitationValidity());
        jdbc.sql("insert into invitation (token_hash, email, expires_at) values (?, ?, ?)")
                .params(hash(token), member.email(), expires.atOffset(ZoneOffset.UTC))
                .update();
        mail.queue(null, null, "invitation", Map.of(
                        "name", member.name(),
                        "inviterName", inviter.name(),
                        "organizationName", organization.name(),
                        "link", mailSettings.portalUrl() + "/invitations/" + token,
                        "validDays", properties.invitationValidity().toDays(),
                        "portalUrl", mailSettings.portalUrl()),
                java.util.List.of(member.email()), java.util.List.of());
    }

    /** Whom a still valid link invites. */
    @Transactional(readOnly = true)
    public Member invitee(String token) {
        return valid(token).flatMap(accounts::findMember).orElseThrow(Invitations::invalid);
    }

    /** Sets the invitee's password and uses the link up. */
    @Transactional
    public Member accept(String token, String password) {
        Member member = invitee(token);
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            throw Refusal.badRequest("invalid-fields", "Some fields are not valid: password must have at least "
                            + MIN_PASSWORD + " characters.")
                    .with("errors", java.util.List.of(Map.of("field", "password",
                            "message", "must have at least " + MIN_PASSWORD + " characters")));
        }
        int used = jdbc.sql("update invitation set used_at = ? where token_hash = ? and used_at is null")
                .params(clock.instant().atOffset(ZoneOffset.UTC), hash(token)).update();
        if (used != 1) {
            throw invalid();
        }
        accounts.setPasswordHash(member.email(), passwords.encode(password));
        return member;
    }

    private Optional<String> valid(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select email from invitation where token_hash = ? and used_at is null and expires_at > ?")
                .params(hash(token), clock.instant().atOffset(ZoneOffset.UTC))
                .query(String.class)
                .optional();
    }

    private static Refusal invalid() {
        return Refusal.notFound("This invitation link").with("hint", "The link was used already, or it expired."
                + " Ask an owner of your organisation to invite you again.");
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
