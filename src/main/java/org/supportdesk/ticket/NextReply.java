package org.supportdesk.ticket;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
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
 * when a comment starts the clock gets the due date here), so Tasklist's filters list it by it.
 */
@Service
public class NextReply {

    private final NextReplyRepository replies;
    private final BusinessTime businessTime;
    private final TaskService tasks;
    private final AsSystem asSystem;

    NextReply(NextReplyRepository replies, BusinessTime businessTime, TaskService tasks, AsSystem asSystem) {
        this.replies = replies;
        this.businessTime = businessTime;
        this.tasks = tasks;
        this.asSystem = asSystem;
    }

    /**
     * A customer wrote on {@code ticket} (as it was before the reply, locked) at {@code at}. Called before the
     * process hears of it, in the same transaction: the Work task a PENDING ticket returns to reads the due time.
     */
    public void customerWrote(Ticket ticket, Instant at) {
        boolean returnsToSupport = ticket.status() == TicketStatus.PENDING
                || ticket.status() == TicketStatus.OPEN && replies.firstResponded(ticket.id());
        if (!returnsToSupport || replies.waiting(ticket.id()).isPresent()) {
            return;
        }
        Instant due = businessTime.nextReplyDue(ticket.id(), at);
        replies.start(ticket.id(), at, due);
        if (ticket.status() == TicketStatus.OPEN) {
            dueAt(ticket, due);
        }
    }

    /** An agent told or decided something for the customer: the waiting reply is answered. */
    public void answered(long ticketId, Instant at) {
        replies.answer(ticketId, at);
    }

    /** The ticket's priority changed: a running clock is due at the new priority's target from the customer's reply. */
    public void priorityChanged(long ticketId) {
        replies.waiting(ticketId).ifPresent(waiting ->
                replies.moveDue(waiting.id(), businessTime.nextReplyDue(ticketId, waiting.customerWroteAt())));
    }

    /** The replies customers wrote in a period that waited for support, with their due and answer times. */
    public List<NextReplyRepository.Replied> repliesBetween(Instant start, Instant end, String team) {
        return replies.wroteBetween(start, end, team);
    }

    /** The open Work task (its due date was computed when nothing was due) is now due at {@code due}. */
    private void dueAt(Ticket ticket, Instant due) {
        asSystem.run(() -> {
            Task work = tasks.createTaskQuery().processDefinitionKey(TicketProcess.PROCESS)
                    .processInstanceBusinessKey(ticket.number()).taskDefinitionKey(TicketProcess.WORK_TASK)
                    .singleResult();
            if (work != null) {
                work.setDueDate(Date.from(due));
                tasks.saveTask(work);
            }
        });
    }
}
