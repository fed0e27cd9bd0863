package org.supportdesk.ticket;

import static org.supportdesk.processes.SupportTicketDiagram.PROCESS_KEY;
import static org.supportdesk.processes.SupportTicketDiagram.WORK_TASK;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.supportdesk.engine.AsSystem;

/**
 * R11 next reply, the desk's decision (docs/policy.md, R11): after the first response, a customer's reply that
 * returns the ticket to support starts a clock, due at the reply's time plus the ticket's priority target of
 * {@code response-targets.dmn} ({@link BusinessTime#nextReplyDue(long, Instant)}), and the agent's next answer to
 * the customer stops it. Like Zendesk's "next reply time":
 * <ul>
 *     <li>a reply to a PENDING ticket starts it (R15: the ticket is OPEN again, the Work task back with the agent);
 *     <li>so does a customer's comment on an OPEN ticket that has had its first response and waits for nothing;
 *     <li>a further comment while the clock runs does not move it: the oldest unanswered reply counts;
 *     <li>before the first response (NEW, or OPEN before anyone answered) R11's first-response target covers it;
 *     <li>the clock stops at the next answer that tells or decides something for the customer (reply, question,
 *     solved, duplicate): a note or a re-triage does not stop it, and a re-triage moves its due time to the new
 *     priority's target, still counted from the customer's reply.
 * </ul>
 * The Work task is due then ({@code ${businessTime.nextReplyDue(execution)}} in the diagram; a task already open
 * when a comment starts the clock gets the due date here, after the reply commits), so Tasklist's filters list it by
 * it.
 */
@Service
public class NextReply {

    private static final Logger log = LoggerFactory.getLogger(NextReply.class);

    private final NextReplyRepository replies;
    private final BusinessTime businessTime;
    private final TaskService tasks;
    private final AsSystem asSystem;
    private final TransactionTemplate ownTransaction;

    NextReply(NextReplyRepository replies, BusinessTime businessTime, TaskService tasks, AsSystem asSystem,
              PlatformTransactionManager transactions) {
        this.replies = replies;
        this.businessTime = businessTime;
        this.tasks = tasks;
        this.asSystem = asSystem;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * A customer wrote on {@code ticket} (as it was before the reply, locked) at {@code at}. Called before the
     * process hears of it, in the same transaction: the Work task a PENDING ticket returns to reads the due time.
     */
    void customerWrote(Ticket ticket, Instant at) {
        boolean returnsToSupport = ticket.status() == TicketStatus.PENDING
                || ticket.status() == TicketStatus.OPEN && replies.firstResponded(ticket.id());
        if (!returnsToSupport || replies.waiting(ticket.id()).isPresent()) {
            return;
        }
        replies.start(ticket.id(), at, businessTime.nextReplyDue(ticket.id(), at));
        if (ticket.status() == TicketStatus.OPEN) {
            afterCommit(() -> showOnTheWorkTask(ticket));
        }
    }

    /** An agent told or decided something for the customer: the waiting reply is answered. */
    void answered(long ticketId, Instant at) {
        replies.answer(ticketId, at);
    }

    /** The ticket's priority changed: a running clock is due at the new priority's target from the customer's reply. */
    void priorityChanged(long ticketId) {
        replies.waiting(ticketId).ifPresent(waiting ->
                replies.moveDue(waiting.id(), businessTime.nextReplyDue(ticketId, waiting.customerWroteAt())));
    }

    /** When support's answer to the customer's waiting reply is due, while one waits (the Tasklist ticket tab). */
    public java.util.Optional<Instant> due(long ticketId) {
        return replies.waiting(ticketId).map(NextReplyRepository.Waiting::dueAt);
    }

    /** The replies customers wrote in a period that waited for support, with their due and answer times. */
    public List<NextReplyRepository.Replied> repliesBetween(Instant start, Instant end, String team) {
        return replies.wroteBetween(start, end, team);
    }

    /**
     * The open Work task (its due date was computed when nothing was due) takes the waiting reply's due time. In a
     * transaction of its own after the customer's has committed, so a reply never races an agent who completes the
     * task at that moment: the Work task that completion leaves (if any) read the due time itself, or is the one
     * found here when it is tried once more.
     */
    private void showOnTheWorkTask(Ticket ticket) {
        for (int attempt = 1; ; attempt++) {
            try {
                ownTransaction.executeWithoutResult(status -> asSystem.run(() -> {
                    Task work = tasks.createTaskQuery().processDefinitionKey(PROCESS_KEY)
                            .processInstanceBusinessKey(ticket.number()).taskDefinitionKey(WORK_TASK)
                            .singleResult();
                    Date due = replies.waiting(ticket.id()).map(waiting -> Date.from(waiting.dueAt())).orElse(null);
                    if (work != null && due != null && !due.equals(work.getDueDate())) {
                        work.setDueDate(due);
                        tasks.saveTask(work);
                    }
                }));
                return;
            } catch (OptimisticLockingException changedMeanwhile) {
                if (attempt == 2) {
                    log.warn("{}: the Work task changed twice while its next-reply due date was set; the next Work"
                            + " task shows it", ticket.number(), changedMeanwhile);
                    return;
                }
            }
        }
    }

    /** After the current transaction commits (at once without one); the reply stands whatever this does. */
    private static void afterCommit(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    work.run();
                } catch (RuntimeException failed) {
                    log.warn("The next-reply due date could not be set on the Work task", failed);
                }
            }
        });
    }
}
