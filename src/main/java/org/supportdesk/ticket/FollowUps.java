package org.supportdesk.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.account.AccountService;
import org.supportdesk.account.Eligibility;
import org.supportdesk.account.Member;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.web.Refusal;

/**
 * Follow-ups (R16): a closed ticket stays closed; what comes after it is a new ticket linked to it, filed on every
 * channel by one path.
 */
@Service
public class FollowUps {

    private final CustomerChecks checks;
    private final TicketIntake intake;
    private final TicketRepository tickets;
    private final IdempotencyKeys idempotency;

    FollowUps(CustomerChecks checks, TicketIntake intake, TicketRepository tickets, IdempotencyKeys idempotency) {
        this.checks = checks;
        this.intake = intake;
        this.tickets = tickets;
        this.idempotency = idempotency;
    }

    /**
     * Files the follow-up the command asks for: on the web once per {@code Idempotency-Key}, of a ticket found by its
     * number among the caller's organisation's (R17); by mail of the ticket the mail's thread names.
     */
    @Transactional
    public Keyed<Ticket> followUp(FileFollowUp command) {
        if (command instanceof FileFollowUp.Mail mail) {
            return new Keyed<>(file(mail.sender(), mail.original(), new CustomerText(Channel.EMAIL, mail.text(),
                    mail.files(), mail.messageId()), false, null, null), false);
        }
        FileFollowUp.Web web = (FileFollowUp.Web) command;
        IdempotencyKeys.Result result = idempotency.once(AccountService.normalize(web.callerEmail()),
                web.idempotencyKey(), "follow-up " + web.number().toUpperCase(Locale.ROOT), () -> {
                    Member caller = checks.member(web.callerEmail());
                    return file(caller, checks.visible(caller, web.number()),
                            CustomerText.web(web.description(), web.uploads()), web.newOutage(),
                            web.businessImpact(), web.businessImpactStatement()).id();
                });
        return new Keyed<>(tickets.find(result.id()).orElseThrow(), result.replayed());
    }

    /**
     * R16, on every channel: a new ticket linked to a closed one, with its organisation, product and topic. Its
     * requester is the person who files it (R3 on the original; eligible now, R4: the original requester may have
     * left), and the original requester and CCs who are still members are copied (R17). A follow-up of an outage
     * (also of one found not to be one) is a standard ticket: nobody is paged and no abuse is counted again, unless
     * the customer declares a new outage ({@code newOutage}). On the web the customer states the business impact and
     * attaches files as on a request (R6, R8: the same checks, every field refused at once); otherwise (mail, or the
     * API without {@code businessImpact}) the impact is the original's while the concern stays the same.
     */
    private Ticket file(Member caller, Ticket original, CustomerText message, boolean newOutage, String impact,
                        String impactStatement) {
        checks.requireMayWork(caller, original);
        if (!original.isClosed()) {
            throw Refusal.conflict("not-closed", original.number(), original.status());
        }
        ConcernType concern = newOutage ? ConcernType.CRITICAL_OUTAGE
                : original.concernType() == ConcernType.CRITICAL_OUTAGE ? ConcernType.PROBLEM : original.concernType();
        boolean sameConcern = concern == original.concernType();
        String text;
        FieldErrors.StatedImpact stated;
        if (message.channel() == Channel.WEB) {
            FieldErrors errors = new FieldErrors();
            text = errors.text("description", message.text(), true, CustomerText.TEXT_MAX);
            stated = impact == null && impactStatement == null
                    ? inherited(original, sameConcern) : errors.businessImpact(impact, impactStatement);
            errors.throwIfAny();
        } else {
            text = message.validated("description");
            stated = inherited(original, sameConcern);
        }
        Eligibility eligible = checks.requireEligible(caller, original.product(), concern);
        checks.checkFiles(message);
        List<String> copied = new ArrayList<>(tickets.cc(original.id()));
        copied.add(original.requesterEmail());
        String summary = CustomerText.abbreviate("Follow-up to " + original.number() + ": " + original.summary(),
                CustomerText.SUMMARY_MAX);
        return intake.create(new NewTicket(original.organizationId(), caller.email(), caller.name(), message.channel(),
                original.product(), original.topic(), concern, summary, text, null, null, stated.impact(),
                stated.statement(), checks.colleagues(caller, copied), original.id(), message.messageId()),
                message.files(), eligible);
    }

    /** What the customer did not restate: the original's impact while the concern is the same, else normal. */
    private static FieldErrors.StatedImpact inherited(Ticket original, boolean sameConcern) {
        return sameConcern ? new FieldErrors.StatedImpact(original.businessImpact(), original.businessImpactStatement())
                : new FieldErrors.StatedImpact(BusinessImpact.NORMAL, null);
    }
}
