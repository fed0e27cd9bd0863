package org.supportdesk.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time links mailed to members (invitations, password resets). The link carries 256 random bits; only their
 * SHA-256 is stored, so a copy of the database opens nothing. A new link of a purpose voids the older ones of that
 * member and purpose; a link works once, until it expires.
 */
@Component
class AccountTokens {

    enum Purpose { INVITATION, PASSWORD_RESET }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A fresh token for {@code email}; every older unused one of the same purpose stops working. */
    String issue(String email, Purpose purpose, Duration validity) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        voidAll(email, purpose);
        jdbc.sql("""
                        insert into account_token (token_hash, email, purpose, created_at, expires_at)
                        values (?, ?, ?, ?, ?)""")
                .params(hash(token), email, purpose.name(), now.atOffset(ZoneOffset.UTC),
                        now.plus(validity).atOffset(ZoneOffset.UTC))
                .update();
        return token;
    }

    /** Whose still valid token this is. */
    Optional<String> holder(String token, Purpose purpose) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select email from account_token
                        where token_hash = ? and purpose = ? and used_at is null and expires_at > ?""")
                .params(hash(token), purpose.name(), clock.instant().atOffset(ZoneOffset.UTC))
                .query(String.class)
                .optional();
    }

    /** Uses the token up; false when it was used meanwhile (two tabs, two nodes). */
    boolean use(String token, Purpose purpose) {
        return jdbc.sql("""
                        update account_token set used_at = ?
                        where token_hash = ? and purpose = ? and used_at is null and expires_at > ?""")
                .params(clock.instant().atOffset(ZoneOffset.UTC), hash(token), purpose.name(),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update() == 1;
    }

    void voidAll(String email, Purpose purpose) {
        jdbc.sql("update account_token set used_at = ? where email = ? and purpose = ? and used_at is null")
                .params(clock.instant().atOffset(ZoneOffset.UTC), email, purpose.name())
                .update();
    }

    /** How many links of a purpose were sent to {@code email} since {@code since}: resets are limited per hour. */
    int issuedSince(String email, Purpose purpose, Instant since) {
        return jdbc.sql("select count(*) from account_token where email = ? and purpose = ? and created_at > ?")
                .params(email, purpose.name(), since.atOffset(ZoneOffset.UTC))
                .query(Integer.class).single();
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
