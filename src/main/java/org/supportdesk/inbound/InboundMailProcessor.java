package org.supportdesk.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.supportdesk.cluster.ClusterNode;

/**
 * Processes stored messages one at a time, each in its own transaction; several nodes may run it, each message is
 * claimed by one (a claim of a node that stopped beating goes to another). What became of a message is written in
 * the transaction that did it, only while the claim is still this node's.
 *
 * <p>A transient error (the database away for a moment, a lock or an optimistic-locking conflict with another node;
 * {@link MailFailures} tells them apart) rolls the work back and the message is tried again after a back-off (30 s,
 * doubling up to 30 minutes), up to {@code MAX_RETRIES} times. Any other error — a parsing or decoding error of the
 * message (an {@code IOException} of a decoder too), an {@link OutOfMemoryError} or a {@link StackOverflowError}
 * included — ends it FAILED at once with the reason (staff see it at {@code /api/staff/inbound-mail?status=FAILED}
 * and may retry it, as they may a STORED message waiting for its next try);
 * the next message goes ahead. A message whose processing was started {@value #MAX_ATTEMPTS} times without ever
 * finishing (the node stopped each time) is FAILED rather than started again.
 */
@Service
class InboundMailProcessor {

    static final int MAX_ATTEMPTS = 3;
    static final int MAX_RETRIES = 12;
    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(30);
    static final Duration LONGEST_BACK_OFF = Duration.ofMinutes(30);

    private static final Logger log = LoggerFactory.getLogger(InboundMailProcessor.class);

    private final InboundMailRepository repository;
    private final EmailIntake intake;
    private final TransactionTemplate transaction;
    private final ClusterNode node;
    private final Clock clock;

    InboundMailProcessor(InboundMailRepository repository, EmailIntake intake, TransactionTemplate transaction,
                         ClusterNode node, Clock clock) {
        this.repository = repository;
        this.intake = intake;
        this.transaction = transaction;
        this.node = node;
        this.clock = clock;
    }

    /** This node's claim was taken over while it worked: its work is rolled back, the other node's counts. */
    static class TakenOver extends RuntimeException {
        TakenOver(long id) {
            super("Inbound mail " + id + " was taken over by another node");
        }
    }

    int processPending() {
        int processed = 0;
        for (long id : repository.due(clock.instant(), node.aliveSince())) {
            if (repository.claim(id, node.id(), clock.instant(), node.aliveSince())) {
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
                    finish(id, InboundStatus.FAILED, "Processing was started " + MAX_ATTEMPTS
                            + " times and never finished (the node stopped each time); not started again", null);
                    return;
                }
                EmailIntake.Outcome outcome = intake.handle(mail, repository.raw(id));
                if (outcome.waitFor() != null) {
                    repository.retryAt(id, node.id(), clock.instant().plus(outcome.waitFor()), outcome.description(),
                            null, false);
                    return;
                }
                finish(id, outcome.status(), outcome.description(), outcome.ticketId());
            });
        } catch (TakenOver takenOver) {
            log.info("{}; this node's work on it was rolled back", takenOver.getMessage());
        } catch (Throwable failed) {
            // the transaction has rolled back; whatever the message held on the heap or the stack is gone
            afterFailure(id, failed);
        }
    }

    private void finish(long id, InboundStatus status, String description, Long ticketId) {
        if (!repository.finish(id, node.id(), status, description, ticketId, clock.instant())) {
            throw new TakenOver(id);
        }
    }

    private void afterFailure(long id, Throwable failed) {
        try {
            InboundMail mail = repository.find(id).orElseThrow();
            if (transient_(failed) && mail.retries() < MAX_RETRIES) {
                Instant retryAt = clock.instant().plus(backOff(mail.retries()));
                log.warn("Inbound mail {} met a transient error, tried again at {}: {}", id, retryAt, reason(failed));
                repository.retryAt(id, node.id(), retryAt, "Transient error, tried again at " + retryAt + ": "
                        + reason(failed), reason(failed), true);
                return;
            }
            log.warn("Inbound mail {} could not be processed", id, failed);
            String why = transient_(failed) ? "Gave up after " + mail.retries() + " retries: " + reason(failed)
                    : reason(failed);
            transaction.executeWithoutResult(status -> repository.finish(id, node.id(), InboundStatus.FAILED, why,
                    null, clock.instant()));
        } catch (RuntimeException stillUnavailable) {
            // the database itself is away: the claim stays, and another pass (or node) takes the message up again
            log.warn("Inbound mail {} failed ({}) and its failure could not be recorded: {}", id, reason(failed),
                    stillUnavailable.toString());
        }
    }

    /** 30 s for the first retry, doubling, at most 30 minutes. */
    static Duration backOff(int retriesSoFar) {
        Duration wait = FIRST_BACK_OFF.multipliedBy(1L << Math.min(retriesSoFar, 10));
        return wait.compareTo(LONGEST_BACK_OFF) > 0 ? LONGEST_BACK_OFF : wait;
    }

    /** Errors that a later try may not meet ({@link MailFailures}: the one place that tells them apart). */
    static boolean transient_(Throwable failure) {
        return MailFailures.transientInProcessing(failure);
    }

    static String reason(Throwable failure) {
        return MailFailures.reason(failure);
    }
}
