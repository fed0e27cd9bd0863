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
import org.supportdesk.engine.LostRaces;
import org.supportdesk.web.Refusal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

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
    private final LostRaces races;
    private final MeterRegistry meters;
    private final NextReply nextReply;

    TicketService(TicketRepository tickets, AccountRepository accounts, EligibilityService eligibility,
                  TicketProcess process, AttachmentPolicy attachmentPolicy, AttachmentStore attachmentStore,
                  Clock clock, IdempotencyKeys idempotency, LostRaces races,
                  MeterRegistry meters, NextReply nextReply) {
        this.nextReply = nextReply;
        this.meters = meters;
        this.idempotency = idempotency;
        this.races = races;
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
    public Keyed<Ticket> followUp(String callerEmail, String idempotencyKey, String number, String description,
                                  boolean newOutage) {
        IdempotencyKeys.Result result = idempotency.once(AccountService.normalize(callerEmail), idempotencyKey,
                "follow-up " + number.toUpperCase(java.util.Locale.ROOT),
                () -> {
                    Member caller = member(callerEmail);
                    return followUp(caller, visible(caller, number), CustomerText.web(description, List.of()),
                            newOutage).id();
                });
        return new Keyed<>(tickets.find(result.id()).orElseThrow(), result.replayed());
    }

    /**
     * R15 on the web, once per {@code Idempotency-Key}. The reply refreshes the running process's conversation, which
     * an agent completing the Work task at the same moment also writes: the one that loses that race is done again.
     */
    public Keyed<TicketMessage> reply(String callerEmail, String idempotencyKey, String number, String body,
                                      List<Upload> uploads) {
        return races.retried(() -> {
            IdempotencyKeys.Result result = idempotency.once(AccountService.normalize(callerEmail), idempotencyKey,
                    "reply " + number.toUpperCase(java.util.Locale.ROOT), () -> {
                        Member caller = member(callerEmail);
                        return reply(caller, visible(caller, number), CustomerText.web(body, uploads)).id();
                    });
            Ticket ticket = ticket(callerEmail, number);
            return new Keyed<>(tickets.messages(ticket.id()).stream().filter(m -> m.id() == result.id()).findFirst()
                    .orElseThrow(), result.replayed());
        });
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

        Eligibility eligible = requireEligible(caller, product, concernType);
        attachmentPolicy.checkWeb(uploads);
        return create(new NewTicket(caller.organizationId(), caller.email(), caller.name(), channel, product, topic,
                concernType, summary, description, steps, outcome, impact, statement, cc, null), uploads, eligible);
    }

    /** What a customer adds to a ticket: the text, the files and, for a mail, its Message-ID (for threading). */
    public record CustomerText(Channel channel, String text, List<Upload> files, String messageId) {

        public static CustomerText web(String text, List<Upload> files) {
            return new CustomerText(Channel.WEB, text, files, null);
        }
    }

    /** R16 on the web: a follow-up of a closed ticket, found by its number among the caller's organisation's. */
    @Transactional
    public Ticket followUp(String callerEmail, String number, String description) {
        Member caller = member(callerEmail);
        return followUp(caller, visible(caller, number), CustomerText.web(description, List.of()));
    }

    /** R16, on every channel; a follow-up of an outage is a standard ticket (see the next method). */
    @Transactional
    public Ticket followUp(Member caller, Ticket original, CustomerText message) {
        return followUp(caller, original, message, false);
    }

    /**
     * R16, on every channel: a new ticket linked to a closed one, with its organisation, product and topic. Its
     * requester is the person who files it (eligible now; the original requester may have left), and the original
     * requester and CCs who are still members are copied. A follow-up of an outage (also of one found not to be one)
     * is a standard ticket: nobody is paged and no abuse is counted again, unless the customer declares a new outage
     * ({@code newOutage}).
     */
    @Transactional
    public Ticket followUp(Member caller, Ticket original, CustomerText message, boolean newOutage) {
        requireMayWork(caller, original);
        if (!original.isClosed()) {
            throw Refusal.conflict("not-closed", original.number(), original.status());
        }
        String text = text(message, "description");
        ConcernType concern = newOutage ? ConcernType.CRITICAL_OUTAGE
                : original.concernType() == ConcernType.CRITICAL_OUTAGE ? ConcernType.PROBLEM : original.concernType();
        Eligibility eligible = requireEligible(caller, original.product(), concern);
        checkFiles(message);
        List<String> copied = new java.util.ArrayList<>(tickets.cc(original.id()));
        copied.add(original.requesterEmail());
        String summary = abbreviate("Follow-up to " + original.number() + ": " + original.summary(), SUMMARY_MAX);
        return create(new NewTicket(original.organizationId(), caller.email(), caller.name(), message.channel(),
                original.product(), original.topic(), concern, summary, text, null, null,
                concern == original.concernType() ? original.businessImpact() : BusinessImpact.NORMAL,
                concern == original.concernType() ? original.businessImpactStatement() : null,
                colleagues(caller, copied), original.id(),
                message.messageId()), message.files(), eligible);
    }

    /** R15 on the web: an answer on a ticket of the caller's organisation, found by its number. */
    public TicketMessage reply(String callerEmail, String number, String body, List<Upload> uploads) {
        return reply(callerEmail, null, number, body, uploads).value();
    }

    /**
     * R15, on every channel: a customer's answer joins the conversation; a PENDING ticket goes back to the agent. A
     * closed ticket is never reopened: it needs a follow-up (R16).
     */
    @Transactional
    public TicketMessage reply(Member caller, Ticket read, CustomerText message) {
        // locked: a close or an agent's answer on another node at this moment commits first, and is seen here
        Ticket ticket = tickets.lock(read.id()).orElseThrow();
        requireMayWork(caller, ticket);
        if (ticket.isClosed() && message.channel() != Channel.WEB) {
            // closed since the mail was read: the mail is handled again, now as a follow-up
            throw new ConcurrencyFailureException(ticket.number() + " was closed while the reply was handled");
        }
        if (ticket.isClosed()) {
            throw Refusal.conflict("ticket-closed", ticket.number())
                    .with("followUp", "/api/tickets/" + ticket.number() + "/follow-ups");
        }
        String text = text(message, "body");
        checkFiles(message);
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
        return tickets.messages(ticket.id()).stream().filter(m -> m.id() == messageId).findFirst().orElseThrow();
    }

    /**
     * R6b: a mail from an eligible sender becomes a ticket; what it lacks (product, topic) triage settles.
     *
     * @param eligible what the caller found when it checked the sender ({@link EligibilityService#check})
     */
    @Transactional
    public Ticket fileFromEmail(Member sender, EmailContent mail, Channel channel, ConcernType concernType,
                                Eligibility eligible) {
        String summary = mail.subject() == null || mail.subject().isBlank() ? "(no subject)"
                : abbreviate(mail.subject().strip(), SUMMARY_MAX);
        return create(new NewTicket(sender.organizationId(), sender.email(), sender.name(), channel, null, null,
                concernType, summary, mailText(mail.text()), null, null, BusinessImpact.NORMAL, null,
                colleagues(sender, mail.cc()), null, mail.messageId()), mail.attachments(), eligible);
    }

    /** What a mail that starts a ticket brings: its text, CCs, files and its Message-ID. */
    public record EmailContent(String messageId, String subject, String text, List<String> cc,
                               List<Upload> attachments) {
    }

    /** The text of a web request is required; a mail may have none, and is kept anyway. */
    private static String text(CustomerText message, String field) {
        if (message.channel() != Channel.WEB) {
            return mailText(message.text());
        }
        FieldErrors errors = new FieldErrors();
        String text = errors.text(field, message.text(), true, TEXT_MAX);
        errors.throwIfAny();
        return text;
    }

    /** The web refuses discouraged formats and oversize files; mail was checked against its limits on arrival. */
    private void checkFiles(CustomerText message) {
        if (message.channel() == Channel.WEB) {
            attachmentPolicy.checkWeb(message.files());
        }
    }

    /**
     * R3: who may work on a ticket, on every channel: the organisation's authorized contacts, and the ticket's own
     * requester and CCs.
     */
    public boolean mayWork(Member member, Ticket ticket) {
        return member.organizationId().equals(ticket.organizationId())
                && (member.authorizedContact() || member.email().equals(ticket.requesterEmail())
                || tickets.cc(ticket.id()).contains(member.email()));
    }

    /** R17/R22: only members of the sender's organisation become CCs; others would see its tickets. */
    private List<String> colleagues(Member sender, List<String> cc) {
        Set<String> members = accounts.members(sender.organizationId()).stream().map(Member::email)
                .collect(Collectors.toSet());
        return cc.stream().map(AccountService::normalize).filter(members::contains)
                .filter(address -> !address.equals(sender.email())).distinct().toList();
    }

    private static String mailText(String text) {
        return abbreviate(text == null || text.isBlank() ? "(the mail had no text)" : text, TEXT_MAX);
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

    /** What a ticket's page shows besides the ticket: its conversation, files, CCs and follow-ups. */
    public record Details(List<TicketMessage> messages, List<Attachment> attachments, List<String> cc,
                          List<Long> followUps) {
    }

    @Transactional(readOnly = true)
    public Details details(Ticket ticket) {
        return new Details(tickets.messages(ticket.id()), tickets.attachments(ticket.id()), tickets.cc(ticket.id()),
                tickets.followUps(ticket.id()));
    }

    @Transactional(readOnly = true)
    public Attachment attachment(String callerEmail, String number, long attachmentId) {
        Ticket ticket = visible(member(callerEmail), number);
        return tickets.attachment(ticket.id(), attachmentId)
                .orElseThrow(() -> Refusal.notFound("attachment", attachmentId, ticket.number()));
    }

    /** Every channel files here; {@code supportdesk.intake} times it, by channel (the rows and the started process). */
    private Ticket create(NewTicket request, List<Upload> uploads, Eligibility eligible) {
        Timer.Sample sample = Timer.start(meters);
        Ticket ticket = stored(request, uploads, eligible);
        sample.stop(Timer.builder("supportdesk.intake")
                .description("Filing a ticket: its rows, files and the start of its process, by channel")
                .tag("channel", request.channel().name()).publishPercentileHistogram().register(meters));
        return ticket;
    }

    private Ticket stored(NewTicket request, List<Upload> uploads, Eligibility eligible) {
        List<StoredFile> files = uploads.stream().map(attachmentStore::store).toList();
        Instant now = clock.instant();
        long id = tickets.insert(request, Priority.NORMAL, now);
        for (StoredFile file : files) {
            tickets.addAttachment(id, null, file, attachmentPolicy.isDiscouraged(file.fileName()), now);
        }
        process.start(tickets.find(id).orElseThrow(), eligible);
        return tickets.find(id).orElseThrow();
    }

    /** R4, decided here and only here: a refused request stores nothing, and the process starts eligible. */
    private Eligibility requireEligible(Member caller, Product product, ConcernType concernType) {
        Eligibility result = eligibility.check(caller.email(), product, concernType);
        if (!result.eligible()) {
            throw Refusal.forbidden("not-eligible", result.guidance())
                    .with("reason", result.reason().name())
                    .with("authorizedContacts", accounts.authorizedContacts(caller.organizationId()).stream()
                            .map(Member::email).toList());
        }
        return result;
    }

    private List<String> ccAddresses(FieldErrors errors, Member caller, List<String> requested) {
        Set<String> members = accounts.members(caller.organizationId()).stream().map(Member::email)
                .collect(Collectors.toSet());
        List<String> cc = requested.stream().map(AccountService::normalize).distinct()
                .filter(address -> !caller.email().equals(address)).toList();
        if (cc.size() > 20) {
            errors.add("cc", "too-many", 20);
        }
        for (String address : cc) {
            if (!errors.isEmail(address)) {
                errors.add(Refusal.FieldError.of("cc", "not-an-email", address).saying("field.not-an-email.address"));
            } else if (!members.contains(address)) {
                errors.add("cc", "not-a-member", address);
            }
        }
        return cc;
    }

    /** R17: nobody sees another organisation's tickets; to them the ticket does not exist. */
    private Ticket visible(Member caller, String number) {
        return tickets.findByNumber(number)
                .filter(t -> t.organizationId().equals(caller.organizationId()))
                .orElseThrow(() -> Refusal.notFound("ticket", number));
    }

    private void requireMayWork(Member caller, Ticket ticket) {
        if (!mayWork(caller, ticket)) {
            throw Refusal.forbidden("not-authorized-contact", ticket.number());
        }
    }

    private Member member(String email) {
        return accounts.findMember(AccountService.normalize(email))
                .orElseThrow(() -> Refusal.notFound("your-account"));
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
