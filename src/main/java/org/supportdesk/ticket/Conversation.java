package org.supportdesk.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.supportdesk.account.AccountService;
import org.supportdesk.account.Member;
import org.supportdesk.attachment.AttachmentPolicy;
import org.supportdesk.attachment.AttachmentStore;
import org.supportdesk.attachment.StoredFile;
import org.supportdesk.engine.LostRaces;
import org.supportdesk.web.Refusal;

/**
 * The conversation on a ticket from the customer's side (R3, R15): who may add to it, and a customer's answer on
 * every channel. A closed ticket is never reopened: it takes a follow-up ({@link FollowUps}, R16).
 */
@Service
public class Conversation {

    private final CustomerChecks checks;
    private final TicketRepository tickets;
    private final TicketProcess process;
    private final AttachmentPolicy attachmentPolicy;
    private final AttachmentStore attachmentStore;
    private final NextReply nextReply;
    private final IdempotencyKeys idempotency;
    private final LostRaces races;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Conversation(CustomerChecks checks, TicketRepository tickets, TicketProcess process,
                 AttachmentPolicy attachmentPolicy, AttachmentStore attachmentStore, NextReply nextReply,
                 IdempotencyKeys idempotency, LostRaces races, PlatformTransactionManager transactions, Clock clock) {
        this.checks = checks;
        this.tickets = tickets;
        this.process = process;
        this.attachmentPolicy = attachmentPolicy;
        this.attachmentStore = attachmentStore;
        this.nextReply = nextReply;
        this.idempotency = idempotency;
        this.races = races;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * R3: who may work on a ticket, on every channel: the organisation's authorized contacts, and the ticket's own
     * requester and CCs.
     */
    public boolean mayWork(Member member, Ticket ticket) {
        return checks.mayWork(member, ticket);
    }

    /**
     * R15: a customer's answer joins the conversation; a PENDING ticket goes back to the agent. On the web once per
     * {@code Idempotency-Key}, in a transaction of its own: the reply tells the running process, which an agent
     * completing the Work task at the same moment also changes, and the one that loses that race is done again
     * ({@link LostRaces}). A mail is answered in the caller's transaction (the mail is handled again when it fails).
     */
    public Keyed<TicketMessage> reply(CustomerReply command) {
        if (command instanceof CustomerReply.Mail mail) {
            CustomerText text = new CustomerText(Channel.EMAIL, mail.text(), mail.files(), mail.messageId());
            return new Keyed<>(transaction.execute(status -> add(mail.sender(), mail.ticket(), text)), false);
        }
        CustomerReply.Web web = (CustomerReply.Web) command;
        return races.retried(() -> {
            IdempotencyKeys.Result result = idempotency.once(AccountService.normalize(web.callerEmail()),
                    web.idempotencyKey(), "reply " + web.number().toUpperCase(Locale.ROOT), () -> {
                        Member caller = checks.member(web.callerEmail());
                        return add(caller, checks.visible(caller, web.number()),
                                CustomerText.web(web.body(), web.uploads())).id();
                    });
            Ticket ticket = checks.visible(checks.member(web.callerEmail()), web.number());
            return new Keyed<>(message(ticket, result.id()), result.replayed());
        });
    }

    /** R15 on every channel: R3 checked on the ticket as it is now, the web's text and files checked (R8). */
    private TicketMessage add(Member caller, Ticket read, CustomerText message) {
        // locked: a close or an agent's answer on another node at this moment commits first, and is seen here
        Ticket ticket = tickets.lock(read.id()).orElseThrow();
        checks.requireMayWork(caller, ticket);
        if (ticket.isClosed() && message.channel() != Channel.WEB) {
            // closed since the mail was read: the mail is handled again, now as a follow-up
            throw new ConcurrencyFailureException(ticket.number() + " was closed while the reply was handled");
        }
        if (ticket.isClosed()) {
            throw Refusal.conflict("ticket-closed", ticket.number())
                    .with("followUp", "/api/tickets/" + ticket.number() + "/follow-ups");
        }
        String text = message.validated("body");
        checks.checkFiles(message);
        List<StoredFile> files = message.files().stream().map(attachmentStore::store).toList();
        Instant now = clock.instant();
        long messageId = tickets.addMessage(ticket.id(), caller.email(), caller.name(), AuthorType.CUSTOMER,
                message.channel(), text, now);
        files.forEach(file -> tickets.addAttachment(ticket.id(), messageId, file,
                attachmentPolicy.isDiscouraged(file.fileName()), now));
        nextReply.customerWrote(ticket, now);
        try {
            process.customerWrote(ticket);
        } catch (MismatchingMessageCorrelationException changedMeanwhile) {
            if (message.channel() != Channel.WEB) {
                throw changedMeanwhile; // a mail is processed again, and finds the ticket as it is then
            }
            throw Refusal.conflict("ticket-changed", ticket.number());
        }
        return message(ticket, messageId);
    }

    private TicketMessage message(Ticket ticket, long messageId) {
        return tickets.messages(ticket.id()).stream().filter(m -> m.id() == messageId).findFirst().orElseThrow();
    }
}
