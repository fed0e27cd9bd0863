package org.supportdesk.inbound;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes stored messages one at a time, each in its own transaction. A message that cannot be processed — for
 * whatever reason, an {@link OutOfMemoryError} or a {@link StackOverflowError} included — is marked FAILED with the
 * reason (staff see it at {@code /api/staff/inbound-mail?status=FAILED}) and the next one goes ahead. A message whose
 * processing was started {@value #MAX_ATTEMPTS} times without ever finishing (the node stopped each time) is marked
 * FAILED rather than started again.
 */
@Service
class InboundMailProcessor {

    static final int MAX_ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(InboundMailProcessor.class);

    private final InboundMailRepository repository;
    private final EmailIntake intake;
    private final TransactionTemplate transaction;
    private final InboundMailProperties properties;
    private final Clock clock;

    InboundMailProcessor(InboundMailRepository repository, EmailIntake intake, TransactionTemplate transaction,
                         InboundMailProperties properties, Clock clock) {
        this.repository = repository;
        this.intake = intake;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    int processPending() {
        int processed = 0;
        for (long id : repository.claimable(staleBefore())) {
            if (repository.claim(id, clock.instant(), staleBefore())) {
                process(id);
                processed++;
            }
        }
        return processed;
    }

    private void process(long id) {
        try {
            transaction.executeWithoutResult(status -> {
                InboundMail mail = repository.find(id).orElseThrow();
                if (mail.attempts() > MAX_ATTEMPTS) {
                    repository.finish(id, InboundStatus.FAILED, "Processing was started " + MAX_ATTEMPTS
                            + " times and never finished (the node stopped each time); not started again", null,
                            clock.instant());
                    return;
                }
                EmailIntake.Outcome outcome = intake.handle(mail, repository.raw(id));
                repository.finish(id, outcome.status(), outcome.description(), outcome.ticketId(), clock.instant());
            });
        } catch (Throwable failed) {
            // the transaction has rolled back; whatever the message held on the heap or the stack is gone
            log.warn("Inbound mail {} could not be processed", id, failed);
            transaction.executeWithoutResult(status ->
                    repository.finish(id, InboundStatus.FAILED, reason(failed), null, clock.instant()));
        }
    }

    private Instant staleBefore() {
        return clock.instant().minus(properties.claimTimeout());
    }

    static String reason(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; depth < 100 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        String message = Optional.ofNullable(root.getMessage()).orElse("");
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

}
