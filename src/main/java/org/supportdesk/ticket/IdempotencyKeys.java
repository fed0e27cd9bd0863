package org.supportdesk.ticket;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
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

    private final IdempotencyKeyRepository keys;
    private final TransactionTemplate savepoint;
    private final Clock clock;

    IdempotencyKeys(IdempotencyKeyRepository keys, PlatformTransactionManager transactions, Clock clock) {
        this.keys = keys;
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
        Optional<IdempotencyKeyRepository.Recorded> earlier = record(caller, key, operation);
        if (earlier.isPresent()) {
            if (!earlier.get().operation().equals(operation)) {
                throw Refusal.unprocessable("idempotency-key-reused", HEADER, earlier.get().operation());
            }
            return new Result(earlier.get().resultId(), true);
        }
        long id = work.get();
        keys.recordResult(caller, key, id);
        return new Result(id, false);
    }

    /** Empty when this call is the first with the key (its row is now written, uncommitted). */
    private Optional<IdempotencyKeyRepository.Recorded> record(String caller, String key, String operation) {
        try {
            savepoint.executeWithoutResult(status -> keys.insert(caller, key, operation, clock.instant()));
            return Optional.empty();
        } catch (DuplicateKeyException madeBefore) {
            return Optional.of(keys.find(caller, key));
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOld() {
        keys.deleteCreatedBefore(clock.instant().minus(KEPT));
    }
}
