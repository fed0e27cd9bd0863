package org.supportdesk.ticket;

import org.supportdesk.catalog.ConcernType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.AccountService;
import org.supportdesk.account.Eligibility;
import org.supportdesk.account.EligibilityService;
import org.supportdesk.account.Member;
import org.supportdesk.catalog.Product;
import org.supportdesk.web.Refusal;

/**
 * Filing, replying, following up and reading tickets for signed-in customers (R4–R8, R15–R17). A refused request
 * stores nothing: every check runs before the first write, and the rest shares one transaction with the process.
 */
@Service
public class TicketService {

    static final int SUMMARY_MAX = 200;
    static final int TEXT_MAX = 50_000;

    private final TicketRepository tickets;
    private final AccountRepository accounts;
    private final EligibilityService eligibility;
    private final TicketProcess process;
    private final AttachmentPolicy attachmentPolicy;
    private final AttachmentStore attachmentStore;
    private final Clock clock;
    private final IdempotencyKeys idempotency;

    TicketService(TicketRepository tickets, AccountRepository accounts, EligibilityService eligibility,
                  TicketProcess process, AttachmentPolicy attachmentPolicy, AttachmentStore attachmentStore,
                  Clock clock, IdempotencyKeys idempotency) {
        this.idempotency = idempotency;
        this.tickets = tickets;
        this.accounts = accounts;
        this.eligibility = eligibility;
        this.process = process;
        this.attachmentPolicy = attachmentPolicy;
        this.attachmentStore = attachmentStore;
        this.clock = clock;
    }

    @Transactional
    public Ticket fileFromWeb(String callerEmail, TicketRequest request, List<Upload> uploads) {
        return file(callerEmail, request, uploads, Channel.WEB);
    }

    /**
     * R21: the Extended Support channel. Nothing is lost: a request the add-on does not cover is still filed, as a
     * standard ticket, and the notice tells the customer why.
     */
    @Transactional
    public Filed fileThroughExtendedSupport(String callerEmail, TicketRequest request, List<Upload> uploads) {
        return filed(file(callerEmail, request, uploads, Channel.EXTENDED_SUPPORT));
    }

    private Filed filed(Ticket ticket) {
        Eligibility result = eligibility.check(ticket.requesterEmail(), ticket.product(), ticket.concernType());
        String notice = null;
        if (!result.extendedSupport()) {
            notice = "Your organisation has no Extended Support for " + ticket.product() + ", so nobody is paged"
                    + " outside business hours. We filed " + ticket.number() + " as a standard ticket: it is worked"
                    + " during business hours (09:00-17:00 your local time, Monday to Friday). Extended Support, 24x7"
                    + " help with production outages, is available from your account representative.";
        } else if (ticket.concernType() != ConcernType.CRITICAL_OUTAGE) {
            notice = "Extended Support covers production outages only. We filed " + ticket.number()
                    + " as a standard ticket for business hours.";
        }
        return new Filed(ticket, notice);
    }

    public record Filed(Ticket ticket, String notice) {
    }

    /** What a call with an {@code Idempotency-Key} made; {@code replayed} when an earlier call with the key made it. */
    public record Keyed<T>(T value, boolean replayed) {
    }

    @Transactional
    public Keyed<Ticket> fileFromWeb(String callerEmail, String idempotencyKey, TicketRequest request,
                                     List<Upload> uploads) {
        IdempotencyKeys.Result result = idempotency.once(AccountService.normalize(callerEmail), idempotencyKey,
                "file-ticket", () -> fileFromWeb(callerEmail, request, uploads).id());
        return new Keyed<>(tickets.find(result.id()).orElseThrow(), result.replayed());
    }

    @Transactional
    public Keyed<Filed> fileThroughExtendedSupport(String callerEmail, String idempotencyKey, TicketRequest request,
                                                   List<Upload> uploads) {
        IdempotencyKeys.Result result = idempotency.once(AccountService.normalize(callerEmail), idempotencyKey,
                "file-extended-support", () -> file(callerEmail, request, uploads, Channel.EXTENDED_SUPPORT).id());
        return new Keyed<>(filed(tickets.find(result.id()).orElseThrow()), result.replayed());
    }

    @Transactional
    public Keyed<Ticket> followUp(String callerEmail, String idempotencyKey, String number, String description) {
        IdempotencyKeys.Result result = idempotency.once(AccountService.normalize(callerEmail), idempotencyKey,
                "follow-up " + number.toUpperCase(java.util.Locale.ROOT),
                () -> followUp(callerEmail, number, description).id());
        return new Keyed<>(tickets.find(result.id()).orElseThrow(), result.replayed());
    }

    @Transactional
    public Keyed<TicketMessage> reply(String callerEmail, String idempotencyKey, String number, String body,
                                      List<Upload> uploads) {
        IdempotencyKeys.Result result = idempotency.once(AccountService.normalize(callerEmail), idempotencyKey,
                "reply " + number.toUpperCase(java.util.Locale.ROOT),
                () -> reply(callerEmail, number, body, uploads).id());
        Ticket ticket = ticket(callerEmail, number);
        return new Keyed<>(tickets.messages(ticket.id()).stream().filter(m -> m.id() == result.id()).findFirst()
                .orElseThrow(), result.replayed());
    }

    private Ticket file(String callerEmail, TicketRequest request, List<Upload> uploads, Channel channel) {
        Member caller = member(callerEmail);
        FieldErrors errors = new FieldErrors();
        Product product = errors.choice("product", request.product(), Product.class, true);
        Topic topic = errors.choice("topic", request.topic(), Topic.class, true);
        ConcernType concernType = errors.choice("concernType", request.concernType(), ConcernType.class, true);
        String summary = errors.text("summary", request.summary(), true, SUMMARY_MAX);
        String description = errors.text("description", request.description(), true, TEXT_MAX);
        String steps = errors.text("stepsToReproduce", request.stepsToReproduce(), false, TEXT_MAX);
        String outcome = errors.text("desiredOutcome", request.desiredOutcome(), false, TEXT_MAX);
        BusinessImpact impact = errors.choice("businessImpact", request.businessImpact(), BusinessImpact.class, false);
        impact = impact == null ? BusinessImpact.NORMAL : impact;
        String statement = errors.text("businessImpactStatement", request.businessImpactStatement(),
                impact == BusinessImpact.HIGH, TEXT_MAX);
        List<String> cc = ccAddresses(errors, caller, request.ccOrEmpty());
        errors.throwIfAny();

        requireEligible(caller, product, concernType);
        attachmentPolicy.checkWeb(uploads);
        return create(new NewTicket(caller.organizationId(), caller.email(), caller.name(), channel, product, topic,
                concernType, summary, description, steps, outcome, impact, statement, cc, null), uploads);
    }

    /** R16: a new ticket linked to a closed one, inheriting its organisation, requester, product, topic and CCs. */
    @Transactional
    public Ticket followUp(String callerEmail, String number, String description) {
        Member caller = member(callerEmail);
        Ticket original = visible(caller, number);
        requireMayWork(caller, original);
        if (!original.isClosed()) {
            throw Refusal.conflict("not-closed", original.number() + " is " + original.status()
                    + ", not closed: reply to it instead of creating a follow-up.");
        }
        FieldErrors errors = new FieldErrors();
        String text = errors.text("description", description, true, TEXT_MAX);
        errors.throwIfAny();
        requireEligible(caller, original.product(), original.concernType());
        String summary = abbreviate("Follow-up to " + original.number() + ": " + original.summary(), SUMMARY_MAX);
        return create(new NewTicket(original.organizationId(), original.requesterEmail(), original.requesterName(),
                Channel.WEB, original.product(), original.topic(), original.concernType(), summary, text, null, null,
                original.businessImpact(), original.businessImpactStatement(), tickets.cc(original.id()),
                original.id()), List.of());
    }

    /** R15: a customer's answer. A PENDING ticket goes back to the agent; a closed one needs a follow-up (R16). */
    @Transactional
    public TicketMessage reply(String callerEmail, String number, String body, List<Upload> uploads) {
        Member caller = member(callerEmail);
        // locked: a close or an agent's answer on another node at this moment commits first, and is seen here
        Ticket ticket = tickets.lock(visible(caller, number).id()).orElseThrow();
        requireMayWork(caller, ticket);
        if (ticket.isClosed()) {
            throw Refusal.conflict("ticket-closed", ticket.number() + " is closed, and a closed ticket is never"
                            + " reopened. Create a follow-up instead: a new ticket linked to this one.")
                    .with("followUp", "/api/tickets/" + ticket.number() + "/follow-ups");
        }
        FieldErrors errors = new FieldErrors();
        String text = errors.text("body", body, true, TEXT_MAX);
        errors.throwIfAny();
        attachmentPolicy.checkWeb(uploads);
        List<StoredFile> files = uploads.stream().map(attachmentStore::store).toList();
        Instant now = clock.instant();
        long messageId = tickets.addMessage(ticket.id(), caller.email(), caller.name(), AuthorType.CUSTOMER,
                Channel.WEB, text, now);
        files.forEach(file -> tickets.addAttachment(ticket.id(), messageId, file, false, now));
        try {
            process.customerWrote(ticket);
        } catch (MismatchingMessageCorrelationException changedMeanwhile) {
            throw Refusal.conflict("ticket-changed", ticket.number()
                    + " changed while you were writing (it may have been closed). Reload it and try again.");
        }
        return tickets.messages(ticket.id()).stream().filter(m -> m.id() == messageId).findFirst().orElseThrow();
    }

    /** R6b: a mail from an eligible sender becomes a ticket; what it lacks (product, topic) triage settles. */
    @Transactional
    public Ticket fileFromEmail(Member sender, EmailContent mail, Channel channel, ConcernType concernType) {
        String summary = mail.subject() == null || mail.subject().isBlank() ? "(no subject)"
                : abbreviate(mail.subject().strip(), SUMMARY_MAX);
        return create(new NewTicket(sender.organizationId(), sender.email(), sender.name(), channel, null, null,
                concernType, summary, text(mail), null, null, BusinessImpact.NORMAL, null,
                colleagues(sender, mail.cc()), null, mail.messageId()), mail.attachments());
    }

    /** R15 by mail: the answer joins the conversation; a PENDING ticket reopens. */
    @Transactional
    public void replyFromEmail(Ticket read, Member sender, EmailContent mail) {
        Ticket ticket = tickets.lock(read.id()).orElseThrow();
        if (ticket.isClosed()) {
            // closed since the mail was read: handled again, now as a follow-up
            throw new ConcurrencyFailureException(ticket.number() + " was closed while the reply was handled");
        }
        Instant now = clock.instant();
        List<StoredFile> files = mail.attachments().stream().map(attachmentStore::store).toList();
        long messageId = tickets.addMessage(ticket.id(), sender.email(), sender.name(), AuthorType.CUSTOMER,
                Channel.EMAIL, text(mail), now);
        files.forEach(file -> tickets.addAttachment(ticket.id(), messageId, file,
                attachmentPolicy.isDiscouraged(file.fileName()), now));
        process.customerWrote(ticket);
    }

    /** R16 by mail: a reply to a closed ticket opens a linked follow-up. */
    @Transactional
    public Ticket followUpFromEmail(Ticket original, Member sender, EmailContent mail) {
        String summary = abbreviate("Follow-up to " + original.number() + ": " + original.summary(), SUMMARY_MAX);
        return create(new NewTicket(original.organizationId(), original.requesterEmail(), original.requesterName(),
                Channel.EMAIL, original.product(), original.topic(), original.concernType(), summary, text(mail), null,
                null, original.businessImpact(), original.businessImpactStatement(), tickets.cc(original.id()),
                original.id(), mail.messageId()), mail.attachments());
    }

    /** What a mail brings: its text (quotes of earlier mails removed), CCs, files and its Message-ID. */
    public record EmailContent(String messageId, String subject, String text, List<String> cc,
                               List<Upload> attachments) {
    }

    /** R17/R22: only members of the sender's organisation become CCs; others would see its tickets. */
    private List<String> colleagues(Member sender, List<String> cc) {
        Set<String> members = accounts.members(sender.organizationId()).stream().map(Member::email)
                .collect(Collectors.toSet());
        return cc.stream().map(AccountService::normalize).filter(members::contains)
                .filter(address -> !address.equals(sender.email())).distinct().toList();
    }

    private static String text(EmailContent mail) {
        String text = mail.text() == null || mail.text().isBlank() ? "(the mail had no text)" : mail.text();
        return abbreviate(text, TEXT_MAX);
    }

    @Transactional(readOnly = true)
    public TicketRepository.Page list(String callerEmail, TicketView view, TicketStatus status, int page, int size) {
        Member caller = member(callerEmail);
        return tickets.page(view, caller.email(), caller.organizationId(), status, page, size);
    }

    @Transactional(readOnly = true)
    public Ticket ticket(String callerEmail, String number) {
        return visible(member(callerEmail), number);
    }

    @Transactional(readOnly = true)
    public Attachment attachment(String callerEmail, String number, long attachmentId) {
        Ticket ticket = visible(member(callerEmail), number);
        return tickets.attachment(ticket.id(), attachmentId)
                .orElseThrow(() -> Refusal.notFound("Attachment " + attachmentId + " of " + ticket.number()));
    }

    private Ticket create(NewTicket request, List<Upload> uploads) {
        List<StoredFile> files = uploads.stream().map(attachmentStore::store).toList();
        Instant now = clock.instant();
        long id = tickets.insert(request, Priority.NORMAL, now);
        for (StoredFile file : files) {
            tickets.addAttachment(id, null, file, attachmentPolicy.isDiscouraged(file.fileName()), now);
        }
        process.start(tickets.find(id).orElseThrow());
        return tickets.find(id).orElseThrow();
    }

    private void requireEligible(Member caller, Product product, ConcernType concernType) {
        Eligibility result = eligibility.check(caller.email(), product, concernType);
        if (!result.eligible()) {
            throw Refusal.forbidden("not-eligible", result.guidance())
                    .with("reason", result.reason().name())
                    .with("authorizedContacts", accounts.authorizedContacts(caller.organizationId()).stream()
                            .map(Member::email).toList());
        }
    }

    private List<String> ccAddresses(FieldErrors errors, Member caller, List<String> requested) {
        Set<String> members = accounts.members(caller.organizationId()).stream().map(Member::email)
                .collect(Collectors.toSet());
        List<String> cc = requested.stream().map(AccountService::normalize).distinct()
                .filter(address -> !caller.email().equals(address)).toList();
        if (cc.size() > 20) {
            errors.add("cc", "lists more than 20 addresses");
        }
        for (String address : cc) {
            if (!errors.isEmail(address)) {
                errors.add("cc", "'" + address + "' is not an email address");
            } else if (!members.contains(address)) {
                errors.add("cc", address + " is not a member of your organisation; only members can be copied");
            }
        }
        return cc;
    }

    /** R17: nobody sees another organisation's tickets; to them the ticket does not exist. */
    private Ticket visible(Member caller, String number) {
        return tickets.findByNumber(number)
                .filter(t -> t.organizationId().equals(caller.organizationId()))
                .orElseThrow(() -> Refusal.notFound("Ticket " + number));
    }

    /** R3: authorized contacts work tickets; so do the ticket's own requester and CCs. */
    private void requireMayWork(Member caller, Ticket ticket) {
        boolean allowed = caller.authorizedContact() || caller.email().equals(ticket.requesterEmail())
                || tickets.cc(ticket.id()).contains(caller.email());
        if (!allowed) {
            throw Refusal.forbidden("not-authorized-contact", "Only your organisation's authorized support contacts, "
                    + "and the people on the ticket, can work on " + ticket.number() + ".");
        }
    }

    private Member member(String email) {
        return accounts.findMember(AccountService.normalize(email))
                .orElseThrow(() -> Refusal.notFound("Your account"));
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
