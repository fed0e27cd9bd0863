package org.supportdesk.engine;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every node does at start (the first administrator, staff groups and filters, demo data, the attachments
 * directory check) looks before it writes. Nodes starting together run it one after the other, each in a transaction
 * that holds the row lock of {@code startup_lock}, so the second finds what the first wrote instead of writing it
 * twice. The engine's own calls inside join that transaction.
 */
@Component
public class StartupLock {

    private final StartupLockRepository lock;
    private final TransactionTemplate transaction;

    StartupLock(StartupLockRepository lock, PlatformTransactionManager transactions) {
        this.lock = lock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void exclusively(Runnable work) {
        transaction.executeWithoutResult(status -> {
            lock.lock();
            work.run();
        });
    }
}
