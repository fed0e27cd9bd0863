package org.supportdesk.ticket;

import static org.supportdesk.ticket.CustomerText.SUMMARY_MAX;
import static org.supportdesk.ticket.CustomerText.TEXT_MAX;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.account.AccountService;
import org.supportdesk.account.Eligibility;
import org.supportdesk.account.EligibilityService;
import org.supportdesk.account.ExtendedSupportNotice;
import org.supportdesk.account.Member;
import org.supportdesk.attachment.AttachmentPolicy;
import org.supportdesk.attachment.Upload;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.catalog.Product;

/**
 * Filing a ticket, on every channel (R4–R8, R21). A refused request stores nothing: every check runs before the first
 * write, and the rest shares one transaction with the start of the process.
 */
@Service
public class TicketFiling {

    private final CustomerChecks checks;
    private final TicketIntake intake;
    private final TicketRepository tickets;
    private final IdempotencyKeys idempotency;
    private final EligibilityService eligibility;
    private final AttachmentPolicy attachmentPolicy;
    private final ExtendedSupportNotice notice;
    private final MessageSource messages;

    TicketFiling(CustomerChecks checks, TicketIntake intake, TicketRepository tickets, IdempotencyKeys idempotency,
                 EligibilityService eligibility, AttachmentPolicy attachmentPolicy, ExtendedSupportNotice notice,
                 MessageSource messages) {
        this.notice = notice;
        this.messages = messages;
        this.checks = checks;
        this.intake = intake;
        this.tickets = tickets;
        this.idempotency = idempotency;
        this.eligibility = eligibility;
        this.attachmentPolicy = attachmentPolicy;
    }

    /**
     * The new ticket, and for the Extended Support channel the notice that says why it is a standard ticket (null
     * otherwise); {@code replayed} when an earlier call with the same {@code Idempotency-Key} filed it.
     */
    public record Filed(Ticket ticket, String notice, boolean replayed) {
    }

    /** Files the ticket the command asks for: web and Extended Support once per idempotency key, mail as it came. */
    @Transactional
    public Filed file(FileTicket command) {
        if (command instanceof FileTicket.Web web) {
            return once(web.callerEmail(), web.idempotencyKey(), "file-ticket",
                    () -> fromForm(web.callerEmail(), web.request(), web.uploads(), Channel.WEB), ticket -> null);
        }
        if (command instanceof FileTicket.ExtendedSupport extended) {
            return once(extended.callerEmail(), extended.idempotencyKey(), "file-extended-support",
                    () -> fromForm(extended.callerEmail(), extended.request(), extended.uploads(),
                            Channel.EXTENDED_SUPPORT), this::extendedSupportNotice);
        }
        return new Filed(fromMail((FileTicket.Mail) command), null, false);
    }

    private Filed once(String callerEmail, String key, String operation, Supplier<Ticket> work,
                       Function<Ticket, String> notice) {
        IdempotencyKeys.Result result = idempotency.once(AccountService.normalize(callerEmail), key, operation,
                () -> work.get().id());
        Ticket ticket = tickets.find(result.id()).orElseThrow();
        return new Filed(ticket, notice.apply(ticket), result.replayed());
    }

    /** R6–R8 on the web: every field checked and refused at once (R17: CCs of the organisation), then R4. */
    private Ticket fromForm(String callerEmail, TicketRequest request, List<Upload> uploads, Channel channel) {
        Member caller = checks.member(callerEmail);
        FieldErrors errors = new FieldErrors();
        Product product = errors.choice("product", request.product(), Product.class, true);
        Topic topic = errors.choice("topic", request.topic(), Topic.class, true);
        ConcernType concernType = errors.choice("concernType", request.concernType(), ConcernType.class, true);
        String summary = errors.text("summary", request.summary(), true, SUMMARY_MAX);
        String description = errors.text("description", request.description(), true, TEXT_MAX);
        String steps = errors.text("stepsToReproduce", request.stepsToReproduce(), false, TEXT_MAX);
        String outcome = errors.text("desiredOutcome", request.desiredOutcome(), false, TEXT_MAX);
        FieldErrors.StatedImpact impact = errors.businessImpact(request.businessImpact(),
                request.businessImpactStatement());
        List<String> cc = checks.ccAddresses(errors, caller, request.ccOrEmpty());
        errors.throwIfAny();

        Eligibility eligible = checks.requireEligible(caller, product, concernType);
        attachmentPolicy.checkWeb(uploads);
        return intake.create(new NewTicket(caller.organizationId(), caller.email(), caller.name(), channel, product,
                topic, concernType, summary, description, steps, outcome, impact.impact(), impact.statement(), cc, null),
                uploads, eligible);
    }

    /** R6b: the sender was found eligible before; only members of their organisation are copied (R17/R22). */
    private Ticket fromMail(FileTicket.Mail command) {
        FileTicket.EmailContent mail = command.content();
        Member sender = command.sender();
        String summary = mail.subject() == null || mail.subject().isBlank() ? "(no subject)"
                : CustomerText.abbreviate(mail.subject().strip(), SUMMARY_MAX);
        return intake.create(new NewTicket(sender.organizationId(), sender.email(), sender.name(), command.channel(),
                command.product(), null, command.concernType(), summary, CustomerText.mailText(mail.text()), null, null,
                BusinessImpact.NORMAL, null, checks.colleagues(sender, mail.cc()), null, mail.messageId()),
                mail.attachments(), command.eligibility());
    }

    /**
     * R21: nothing is lost on the Extended Support channel: a request the add-on does not cover is still filed (an
     * outage takes the path of R18/R19, anything else is a standard ticket), and this notice tells the customer why
     * (null when the add-on covers it); {@code notice.extended-support} says how Extended Support works.
     */
    private String extendedSupportNotice(Ticket ticket) {
        Eligibility result = eligibility.check(ticket.requesterEmail(), ticket.product(), ticket.concernType());
        if (!result.extendedSupport()) {
            return messages.getMessage("api.extended-support.not-covered", new Object[]{ticket.product().name(),
                    ticket.number(), notice.text()}, LocaleContextHolder.getLocale());
        }
        if (ticket.concernType() != ConcernType.CRITICAL_OUTAGE) {
            return messages.getMessage("api.extended-support.not-an-outage", new Object[]{ticket.number()},
                    LocaleContextHolder.getLocale());
        }
        return null;
    }
}
