package org.supportdesk.ticket;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code Idempotency-Key}s of the customer API ({@code idempotency_key}, {@link IdempotencyKeys}). */
@Repository
class IdempotencyKeyRepository {

    private final JdbcClient jdbc;

    IdempotencyKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a call with the key did: its operation and the id it made. */
    record Recorded(String operation, long resultId) {
    }

    /** Fails with a {@link org.springframework.dao.DuplicateKeyException} when the caller used the key before. */
    void insert(String caller, String key, String operation, Instant createdAt) {
        jdbc.sql("""
                        insert into idempotency_key (caller, idem_key, operation, created_at) values (?, ?, ?, ?)""")
                .params(caller, key, operation, createdAt.atOffset(ZoneOffset.UTC)).update();
    }

    /** The caller's recorded call with the key (there must be one). */
    Recorded find(String caller, String key) {
        return jdbc.sql("select operation, result_id from idempotency_key where caller = ? and idem_key = ?")
                .params(caller, key)
                .query((rs, row) -> new Recorded(rs.getString("operation"), rs.getLong("result_id")))
                .single();
    }

    void recordResult(String caller, String key, long resultId) {
        jdbc.sql("update idempotency_key set result_id = ? where caller = ? and idem_key = ?")
                .params(resultId, caller, key).update();
    }

    void deleteCreatedBefore(Instant before) {
        jdbc.sql("delete from idempotency_key where created_at < ?").param(before.atOffset(ZoneOffset.UTC)).update();
    }
}
