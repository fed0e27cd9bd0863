package org.supportdesk.engine;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two people (on one node or two) change one ticket at the same moment: a customer replies while the agent completes
 * the Work task. The database lets one transaction win and refuses the other (the engine's optimistic-locking
 * conflict on a variable both wrote, a deadlock, a serialization failure). The loser changed nothing, so its work is
 * done again, in a new transaction that sees what the winner committed; the person behind it never sees the race.
 */
@Component
public class LostRaces {

    /** Tries in all; a race lost this often is no race but a fault, and the caller gets the failure. */
    public static final int ATTEMPTS = 4;
    private static final Logger log = LoggerFactory.getLogger(LostRaces.class);

    private final TransactionTemplate transaction;

    public LostRaces(PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Runs {@code work} in a transaction of its own, again while it loses a race. Inside a caller's transaction it
     * runs once, in that transaction: only the outermost caller can start over.
     */
    public <T> T retried(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> work.get());
            } catch (RuntimeException failure) {
                if (attempt >= ATTEMPTS || !lost(failure)) {
                    throw failure;
                }
                log.info("Lost a race with another transaction (attempt {} of {}), trying again: {}", attempt,
                        ATTEMPTS, failure.toString());
                pause(attempt);
            }
        }
    }

    /** A failure that only says another transaction changed the same rows first. */
    public static boolean lost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyFailureException) {
                return true;
            }
            // SQL state class 40: transaction rollback (serialization failure 40001, PostgreSQL's deadlock 40P01)
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /** A few tens of milliseconds, growing and spread, so that the two do not meet again at once. */
    public static void pause(int attempt) {
        long millis = 20L * (1L << Math.min(attempt, 6)) + ThreadLocalRandom.current().nextLong(20);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to try again", interrupted);
        }
    }
}
