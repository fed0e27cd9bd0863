package org.supportdesk.account;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code account_token}: one-time links by the SHA-256 of their token ({@link AccountTokens}). */
@Repository
class AccountTokenRepository {

    private final JdbcClient jdbc;

    AccountTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, String email, String purpose, Instant createdAt, Instant expiresAt) {
        jdbc.sql("""
                        insert into account_token (token_hash, email, purpose, created_at, expires_at)
                        values (?, ?, ?, ?, ?)""")
                .params(tokenHash, email, purpose, utc(createdAt), utc(expiresAt))
                .update();
    }

    /** The address of the unused token with this hash that is still valid at {@code now}. */
    Optional<String> holder(String tokenHash, String purpose, Instant now) {
        return jdbc.sql("""
                        select email from account_token
                        where token_hash = ? and purpose = ? and used_at is null and expires_at > ?""")
                .params(tokenHash, purpose, utc(now))
                .query(String.class)
                .optional();
    }

    /** Marks the token used; false when it was used meanwhile or has expired. */
    boolean use(String tokenHash, String purpose, Instant now) {
        return jdbc.sql("""
                        update account_token set used_at = ?
                        where token_hash = ? and purpose = ? and used_at is null and expires_at > ?""")
                .params(utc(now), tokenHash, purpose, utc(now))
                .update() == 1;
    }

    void voidAll(String email, String purpose, Instant now) {
        jdbc.sql("update account_token set used_at = ? where email = ? and purpose = ? and used_at is null")
                .params(utc(now), email, purpose)
                .update();
    }

    int issuedSince(String email, String purpose, Instant since) {
        return jdbc.sql("select count(*) from account_token where email = ? and purpose = ? and created_at > ?")
                .params(email, purpose, utc(since))
                .query(Integer.class).single();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
