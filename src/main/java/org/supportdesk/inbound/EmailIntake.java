package org.supportdesk.inbound;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Eligibility;
import org.supportdesk.account.EligibilityService;
import org.supportdesk.account.Member;
import org.supportdesk.mail.MailQueue;
import org.supportdesk.mail.OutboundMailRepository;
import org.supportdesk.ticket.AttachmentPolicy;
import org.supportdesk.ticket.AttachmentProperties;
import org.supportdesk.ticket.Channel;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketService;
import org.supportdesk.ticket.TicketTexts;
import org.supportdesk.ticket.Upload;
import org.supportdesk.web.Refusal;

import jakarta.mail.MessagingException;

/**
 * What a customer's mail means (R5, R6b, R8, R15, R16): a reply to its ticket, a follow-up to a closed one, a new
 * ticket, or — from someone who may not file — no ticket and one polite answer. Automatic mail is never answered.
 * Mail whose sender the receiving server does not vouch for (RFC 8601, {@link SenderAuthentication}) does nothing
 * and is answered by nobody until a staff member accepts it: its From address may be anyone's.
 */
@Service
class EmailIntake {

    static final List<String> AUTOMATIC_ANSWERS = List.of("email-not-accepted", "email-too-large");
    private static final Pattern THREAD_ROOT = Pattern.compile("<(SD-\\d{1,18})@[^>]+>", Pattern.CASE_INSENSITIVE);

    /** @param waitFor not null: nothing was done, the message is processed again after this long */
    record Outcome(InboundStatus status, String description, Long ticketId, Duration waitFor) {
        Outcome(InboundStatus status, String description, Long ticketId) {
            this(status, description, ticketId, null);
        }

        static Outcome waiting(String description, Duration waitFor) {
            return new Outcome(InboundStatus.STORED, description, null, waitFor);
        }
    }

    /** How long a copy addressed to the Extended Support address too waits for that copy to arrive. */
    static final Duration COPY_WAIT = Duration.ofMinutes(10);
    private static final Duration COPY_POLL = Duration.ofSeconds(20);

    private final MailParser parser;
    private final AccountRepository accounts;
    private final EligibilityService eligibility;
    private final TicketRepository tickets;
    private final TicketService ticketService;
    private final OutboundMailRepository outbound;
    private final InboundMailRepository inbound;
    private final MailQueue mailQueue;
    private final AttachmentPolicy attachmentPolicy;
    private final AttachmentProperties attachmentProperties;
    private final InboundMailProperties properties;
    private final MailReadLimit readLimit;
    private final SenderAuthentication senderAuthentication;
    private final Clock clock;

    EmailIntake(MailParser parser, AccountRepository accounts, EligibilityService eligibility,
                TicketRepository tickets, TicketService ticketService, OutboundMailRepository outbound,
                InboundMailRepository inbound, MailQueue mailQueue, AttachmentPolicy attachmentPolicy,
                AttachmentProperties attachmentProperties, InboundMailProperties properties, MailReadLimit readLimit,
                Clock clock) {
        this.parser = parser;
        this.accounts = accounts;
        this.eligibility = eligibility;
        this.tickets = tickets;
        this.ticketService = ticketService;
        this.outbound = outbound;
        this.inbound = inbound;
        this.mailQueue = mailQueue;
        this.attachmentPolicy = attachmentPolicy;
        this.attachmentProperties = attachmentProperties;
        this.properties = properties;
        this.readLimit = readLimit;
        this.senderAuthentication = new SenderAuthentication(properties.authentication().authservIds());
        this.clock = clock;
    }

    Outcome handle(InboundMail stored, byte[] raw) {
        Outcome outcome = decide(stored, raw);
        return stored.acceptedBy() == null || outcome.status() == InboundStatus.UNVERIFIED || outcome.waitFor() != null
                ? outcome : new Outcome(outcome.status(), outcome.description() + " (sender vouched for by "
                + stored.acceptedBy() + ")", outcome.ticketId());
    }

    private Outcome decide(InboundMail stored, byte[] raw) {
        ParsedMail mail;
        try {
            mail = parser.parse(raw);
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            throw new IllegalStateException("The message cannot be read as mail: " + unreadable.getMessage(),
                    unreadable);
        }
        if (mail.automatic() != null) {
            return new Outcome(InboundStatus.IGNORED, "Automatic mail (" + mail.automatic() + "): kept, not answered",
                    null);
        }
        // before anything that acts on the sender's behalf or answers the sender
        if (properties.authentication().required() && stored.acceptedBy() == null) {
            SenderAuthentication.Verdict verdict = senderAuthentication.check(mail.authenticationResults(),
                    mail.fromAddresses());
            if (!verdict.verified()) {
                return new Outcome(InboundStatus.UNVERIFIED, "Sender not verified: " + verdict.reason()
                        + "; kept for staff, nothing done, nobody answered", null);
            }
        }
        Optional<Outcome> copy = otherCopy(stored, mail);
        if (copy.isPresent()) {
            return copy.get();
        }
        List<Upload> uploads = mail.attachments().stream()
                .map(a -> Upload.of(a.fileName(), a.contentType(), a.content())).toList();
        long attached = uploads.stream().mapToLong(Upload::size).sum();
        if (!readLimit.allows(raw.length)) {
            return refuseTooLarge(mail, Math.max(attached, raw.length * 3L / 4));
        }
        try {
            attachmentPolicy.checkEmail(uploads);
        } catch (Refusal tooLarge) {
            return refuseTooLarge(mail, attached);
        }
        Optional<Member> sender = accounts.findMember(mail.from());
        Optional<Ticket> ticket = ticketOf(mail);
        if (ticket.isPresent()) {
            return onTicket(ticket.get(), sender, mail, uploads);
        }
        Eligibility result = eligibility.check(mail.from(), null, ConcernType.OTHER);
        if (!result.eligible()) {
            return refuse(mail, result.guidance(), "Not eligible (" + result.reason() + ")");
        }
        boolean extendedSupportBox = isExtendedSupportBox(stored.mailbox());
        ConcernType concern = extendedSupportBox && result.extendedSupport()
                ? ConcernType.CRITICAL_OUTAGE : ConcernType.OTHER;
        Ticket filed = ticketService.fileFromEmail(sender.orElseThrow(), content(mail, uploads, false),
                extendedSupportBox ? Channel.EXTENDED_SUPPORT : Channel.EMAIL, concern);
        return new Outcome(InboundStatus.PROCESSED, "New ticket " + filed.number(), filed.id());
    }

    private Outcome onTicket(Ticket ticket, Optional<Member> sender, ParsedMail mail, List<Upload> uploads) {
        boolean mayWork = sender.filter(m -> m.organizationId().equals(ticket.organizationId()))
                .filter(m -> m.authorizedContact() || m.email().equals(ticket.requesterEmail())
                        || tickets.cc(ticket.id()).contains(m.email()))
                .isPresent();
        if (!mayWork) {
            Eligibility result = eligibility.check(mail.from(), ticket.product(), ticket.concernType());
            return refuse(mail, result.guidance() != null ? result.guidance()
                    : "Only the people on " + ticket.number() + " and its organisation's authorized contacts can"
                    + " add to it.", "Sender may not work on " + ticket.number());
        }
        Member member = sender.get();
        if (ticket.isClosed()) {
            Eligibility result = eligibility.check(member.email(), ticket.product(), ticket.concernType());
            if (!result.eligible()) {
                return refuse(mail, result.guidance(), "Not eligible for a follow-up of " + ticket.number());
            }
            Ticket followUp = ticketService.followUpFromEmail(ticket, member, content(mail, uploads, true));
            return new Outcome(InboundStatus.PROCESSED,
                    "Follow-up " + followUp.number() + " of closed " + ticket.number(), followUp.id());
        }
        ticketService.replyFromEmail(ticket, member, content(mail, uploads, true));
        return new Outcome(InboundStatus.PROCESSED, "Reply on " + ticket.number(), ticket.id());
    }

    /** In-Reply-To/References against the mails of a ticket first, then the [SD-1234] in the subject. */
    private Optional<Ticket> ticketOf(ParsedMail mail) {
        for (String reference : mail.references()) {
            Optional<Long> id = outbound.ticketOfMessageId(reference).or(() -> inbound.ticketOfMessageId(reference));
            if (id.isEmpty()) {
                Matcher root = THREAD_ROOT.matcher(reference);
                id = root.matches() ? TicketNumber.parse(root.group(1)) : Optional.empty();
            }
            Optional<Ticket> ticket = id.flatMap(tickets::find);
            if (ticket.isPresent()) {
                return ticket;
            }
        }
        if (mail.subject() != null) {
            Matcher matcher = TicketNumber.SUBJECT_REFERENCE.matcher(mail.subject());
            if (matcher.find()) {
                return tickets.find(Long.parseLong(matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    private Outcome refuse(ParsedMail mail, String guidance, String why) {
        Map<String, Object> model = new HashMap<>();
        model.put("guidance", guidance);
        model.put("subject", mail.subject() == null ? "(no subject)" : mail.subject());
        return answer(mail, "email-not-accepted", model, why);
    }

    private Outcome refuseTooLarge(ParsedMail mail, long size) {
        Map<String, Object> model = new HashMap<>();
        model.put("subject", mail.subject() == null ? "(no subject)" : mail.subject());
        model.put("size", TicketTexts.size(size));
        model.put("limits", attachmentPolicy.limitsText(attachmentProperties.email()));
        model.put("webLimits", attachmentPolicy.limitsText(attachmentProperties.web()));
        return answer(mail, "email-too-large", model, "Too large (" + TicketTexts.size(size) + ")");
    }

    /** One automatic answer per sender and day at most (configurable), so two auto-responders cannot loop. */
    private Outcome answer(ParsedMail mail, String template, Map<String, Object> model, String why) {
        int sent = outbound.countSentTo(mail.from(), AUTOMATIC_ANSWERS, clock.instant().minus(Duration.ofDays(1)));
        if (sent >= properties.autoRepliesPerSenderPerDay()) {
            return new Outcome(InboundStatus.REFUSED, why + "; kept, no answer (daily limit for this sender)", null);
        }
        model.put("senderName", mail.fromName() == null ? mail.from() : mail.fromName());
        mailQueue.queueAnswer(template, model, mail.from(), mail.messageId());
        return new Outcome(InboundStatus.REFUSED, why + "; kept, sender answered", null);
    }

    private static TicketService.EmailContent content(ParsedMail mail, List<Upload> uploads, boolean reply) {
        return new TicketService.EmailContent(mail.messageId(), mail.subject(),
                reply ? QuotedText.strip(mail.text()) : mail.text(), mail.cc(), uploads);
    }

    /**
     * One message that reached several of the desk's mailboxes (support@ with the Extended Support address in Cc) is
     * handled once: by its Extended Support copy (R21: that copy pages the on-call engineer), else by the first copy
     * processed. A copy to support@ that names the Extended Support address waits for that copy (at most
     * {@link #COPY_WAIT}; if it never comes, it is handled as a standard request). The copies are locked in this
     * transaction, so two nodes processing two copies at the same moment take turns.
     */
    private Optional<Outcome> otherCopy(InboundMail stored, ParsedMail mail) {
        List<InboundMail> copies = inbound.lockCopies(stored.messageId(), stored.id());
        boolean extendedSupport = isExtendedSupportBox(stored.mailbox());
        Optional<InboundMail> handled = copies.stream()
                .filter(c -> isExtendedSupportBox(c.mailbox())
                        ? (extendedSupport ? acted(c) : c.status() != InboundStatus.FAILED)
                        : !extendedSupport && acted(c))
                .findFirst();
        if (handled.isPresent()) {
            InboundMail other = handled.get();
            return Optional.of(new Outcome(InboundStatus.IGNORED, "The same message reached " + other.mailbox()
                    + " (inbound mail " + other.id() + "), which handles it", other.ticketId()));
        }
        Optional<String> expected = extendedSupport ? Optional.empty() : java.util.stream.Stream.concat(
                        mail.to().stream(), mail.cc().stream())
                .filter(this::isExtendedSupportBox).findFirst();
        if (expected.isPresent() && stored.receivedAt().plus(COPY_WAIT).isAfter(clock.instant())) {
            return Optional.of(Outcome.waiting("Also addressed to " + expected.get() + ": waiting for that copy,"
                    + " which is handled as an Extended Support request", COPY_POLL));
        }
        return Optional.empty();
    }

    /** A copy that made a ticket, a reply or an answer (an IGNORED copy did nothing). */
    private static boolean acted(InboundMail copy) {
        return copy.status() == InboundStatus.PROCESSED || copy.status() == InboundStatus.REFUSED;
    }

    private boolean isExtendedSupportBox(String mailbox) {
        return properties.mailboxes() != null && properties.mailboxes().stream()
                .anyMatch(m -> m.extendedSupport() && m.address().equalsIgnoreCase(mailbox));
    }
}
