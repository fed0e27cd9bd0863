package org.supportdesk.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.supportdesk.web.Refusal;

/**
 * The {@code Idempotency-Key} header of the customer API: a client whose connection died (or whose node was killed)
 * sends the same call again with the same key and gets what the first call made, not a second ticket or reply.
 *
 * <p>The key is written in the transaction that does the work, first: a second call with the key waits for the first
 * one's transaction (the database's unique index), then finds its result; if the first rolled back, the second does
 * the work. Keys are kept for {@link #KEPT} and belong to the caller who sent them.
 */
@Component
class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    static final Duration KEPT = Duration.ofHours(24);
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final Clock clock;

    IdempotencyKeys(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    /** The id a call made: a replay of a recorded call, or the new result. */
    record Result(long id, boolean replayed) {
    }

    /**
     * Runs {@code work} once per caller and key, in the caller's transaction (there must be one); {@code key} null
     * runs it every time.
     */
    Result once(String caller, String key, String operation, Supplier<Long> work) {
        if (key == null) {
            return new Result(work.get(), false);
        }
        if (!VALID.matcher(key).matches()) {
            throw Refusal.badRequest("invalid-idempotency-key", HEADER);
        }
        Optional<Recorded> earlier = record(caller, key, operation);
        if (earlier.isPresent()) {
            if (!earlier.get().operation().equals(operation)) {
                throw Refusal.unprocessable("idempotency-key-reused", HEADER, earlier.get().operation());
            }
            return new Result(earlier.get().resultId(), true);
        }
        long id = work.get();
        jdbc.sql("update idempotency_key set result_id = ? where caller = ? and idem_key = ?")
                .params(id, caller, key).update();
        return new Result(id, false);
    }

    private record Recorded(String operation, long resultId) {
    }

    /** Empty when this call is the first with the key (its row is now written, uncommitted). */
    private Optional<Recorded> record(String caller, String key, String operation) {
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql("""
                            insert into idempotency_key (caller, idem_key, operation, created_at) values (?, ?, ?, ?)""")
                    .params(caller, key, operation, clock.instant().atOffset(ZoneOffset.UTC)).update());
            return Optional.empty();
        } catch (DuplicateKeyException madeBefore) {
            return Optional.of(jdbc.sql("select operation, result_id from idempotency_key where caller = ? and idem_key = ?")
                    .params(caller, key)
                    .query((rs, row) -> new Recorded(rs.getString("operation"), rs.getLong("result_id")))
                    .single());
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOld() {
        jdbc.sql("delete from idempotency_key where created_at < ?")
                .param(clock.instant().minus(KEPT).atOffset(ZoneOffset.UTC)).update();
    }
}
