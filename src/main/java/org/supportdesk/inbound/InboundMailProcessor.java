package org.supportdesk.inbound;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes stored messages one at a time, each in its own transaction. A message that cannot be processed is
 * marked FAILED with the reason (staff see it at {@code /api/staff/inbound-mail?status=FAILED}) and the next one
 * goes ahead.
 */
@Service
class InboundMailProcessor {

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
                EmailIntake.Outcome outcome = intake.handle(mail, repository.raw(id));
                repository.finish(id, outcome.status(), outcome.description(), outcome.ticketId(), clock.instant());
            });
        } catch (RuntimeException failed) {
            log.warn("Inbound mail {} could not be processed", id, failed);
            transaction.executeWithoutResult(status ->
                    repository.finish(id, InboundStatus.FAILED, reason(failed), null, clock.instant()));
        }
    }

    private Instant staleBefore() {
        return clock.instant().minus(properties.claimTimeout());
    }

    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = Optional.ofNullable(root.getMessage()).orElse("");
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

}
