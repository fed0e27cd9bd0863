package org.supportdesk.inbound;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Eligibility;
import org.supportdesk.account.EligibilityService;
import org.supportdesk.account.Member;
import org.supportdesk.attachment.Upload;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.ticket.Channel;
import org.supportdesk.ticket.Conversation;
import org.supportdesk.ticket.CustomerReply;
import org.supportdesk.ticket.FileFollowUp;
import org.supportdesk.ticket.FileTicket;
import org.supportdesk.ticket.FollowUps;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketFiling;
import org.supportdesk.ticket.TicketNotes;

/**
 * Translates a customer's mail into the ticket's commands (R5, R6b, R8, R15, R16): a reply to its ticket, a
 * follow-up of a closed one, a new ticket, or — from someone who may not file — no ticket and one polite answer.
 * Automatic mail is never answered. Mail whose sender the receiving server does not vouch for (RFC 8601,
 * {@link SenderAuthentication}) does nothing and is answered by nobody until a staff member accepts it: its From
 * address may be anyone's. A malformed mail (issue #24) is filed from whatever text it has, the parts the desk could
 * not decode attached as they came, and staff are told so in an internal note on the ticket.
 */
@Service
class EmailIntake {

    /** @param waitFor not null: nothing was done, the message is processed again after this long */
    record Outcome(InboundStatus status, String description, Long ticketId, Duration waitFor) {
        Outcome(InboundStatus status, String description, Long ticketId) {
            this(status, description, ticketId, null);
        }

        static Outcome waiting(String description, Duration waitFor) {
            return new Outcome(InboundStatus.STORED, description, null, waitFor);
        }
    }

    private final MailParser parser;
    private final AccountRepository accounts;
    private final EligibilityService eligibility;
    private final TicketFiling filing;
    private final Conversation conversation;
    private final FollowUps followUps;
    private final MailThreads threads;
    private final MailCopies copies;
    private final AutoAnswers answers;
    private final InboundMailProperties properties;
    private final SenderAuthentication senderAuthentication;
    private final TicketNotes notes;

    /** Who writes the internal note on a malformed mail (shown as the note's author). */
    static final String NOTE_AUTHOR = "email-intake";

    EmailIntake(MailParser parser, AccountRepository accounts, EligibilityService eligibility, TicketFiling filing,
                Conversation conversation, FollowUps followUps, MailThreads threads, MailCopies copies,
                AutoAnswers answers, InboundMailProperties properties, TicketNotes notes) {
        this.parser = parser;
        this.accounts = accounts;
        this.eligibility = eligibility;
        this.filing = filing;
        this.conversation = conversation;
        this.followUps = followUps;
        this.threads = threads;
        this.copies = copies;
        this.answers = answers;
        this.properties = properties;
        this.senderAuthentication = new SenderAuthentication(properties.authentication().authservIds());
        this.notes = notes;
    }

    Outcome handle(InboundMail stored, byte[] raw) {
        Outcome outcome = decide(stored, raw);
        return stored.acceptedBy() == null || outcome.status() == InboundStatus.UNVERIFIED || outcome.waitFor() != null
                ? outcome : new Outcome(outcome.status(), outcome.description() + " (sender vouched for by "
                + stored.acceptedBy() + ")", outcome.ticketId());
    }

    private Outcome decide(InboundMail stored, byte[] raw) {
        // R5 from the top-level headers alone: automatic mail is kept and never answered, whatever its body or From
        String automatic = LoopGuard.fromHeaders(raw);
        if (automatic != null) {
            return new Outcome(InboundStatus.IGNORED, "Automatic mail (" + automatic + "): kept, not answered", null);
        }
        ParsedMail mail = parse(raw);
        Outcome outcome = decide(stored, raw, mail);
        if (mail.malformed().isEmpty() || outcome.status() != InboundStatus.PROCESSED || outcome.ticketId() == null) {
            return outcome;
        }
        notes.add(outcome.ticketId(), NOTE_AUTHOR, malformedNote(mail));
        return new Outcome(outcome.status(), outcome.description() + "; the mail was malformed ("
                + mail.malformed().size() + " " + (mail.malformed().size() == 1 ? "part" : "parts")
                + " kept undecoded, see the internal note)", outcome.ticketId());
    }

    /** For staff: what could not be read and where it is. */
    static String malformedNote(ParsedMail mail) {
        StringBuilder note = new StringBuilder("This mail was malformed; the desk filed it from the text it could read"
                + " and kept what it could not decode, as it came:");
        mail.malformed().forEach(problem -> note.append("\n- ").append(problem));
        return note.toString();
    }

    private ParsedMail parse(byte[] raw) {
        try {
            return parser.parse(raw);
        } catch (MalformedMail | RuntimeException unreadable) {
            throw new IllegalStateException("The message cannot be read as mail: " + unreadable.getMessage(),
                    unreadable);
        }
    }

    private Outcome decide(InboundMail stored, byte[] raw, ParsedMail mail) {
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
        Optional<Outcome> copy = copies.otherCopy(stored, mail);
        if (copy.isPresent()) {
            return copy.get();
        }
        List<Upload> uploads = mail.attachments().stream()
                .map(a -> Upload.of(a.fileName(), a.contentType(), a.content())).toList();
        Optional<Outcome> tooLarge = answers.refuseIfTooLarge(mail, raw.length, uploads);
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        Optional<Member> sender = accounts.findMember(mail.from());
        Optional<Ticket> ticket = threads.ticketOf(mail);
        if (ticket.isPresent()) {
            return onTicket(ticket.get(), sender, mail, uploads);
        }
        Eligibility result = eligibility.check(mail.from(), null, ConcernType.OTHER);
        if (!result.eligible()) {
            return answers.refuse(mail, result.guidance(), "Not eligible (" + result.reason() + ")");
        }
        // R21: the Extended Support address is for outages: the outage takes the path of R18/R19 for the product its
        // licences tell (paged while that product's add-on is active; told when work starts once it has lapsed)
        boolean extendedSupportBox = copies.isExtendedSupportBox(stored.mailbox());
        EligibilityService.ExtendedSupportMail match = extendedSupportBox
                ? eligibility.extendedSupportMail(result.organizationId()) : null;
        Ticket filed = filing.file(new FileTicket.Mail(sender.orElseThrow(), new FileTicket.EmailContent(
                mail.messageId(), mail.subject(), mail.text(), mail.cc(), uploads),
                extendedSupportBox ? Channel.EXTENDED_SUPPORT : Channel.EMAIL,
                extendedSupportBox ? ConcernType.CRITICAL_OUTAGE : ConcernType.OTHER,
                match == null ? null : match.product(),
                match == null ? result : result.withExtendedSupport(match.extendedSupport()))).ticket();
        return new Outcome(InboundStatus.PROCESSED, "New ticket " + filed.number(), filed.id());
    }

    private Outcome onTicket(Ticket ticket, Optional<Member> sender, ParsedMail mail, List<Upload> uploads) {
        if (sender.isEmpty() || !conversation.mayWork(sender.get(), ticket)) {
            Eligibility result = eligibility.check(mail.from(), ticket.product(), ticket.concernType());
            return answers.refuse(mail, result.guidance() != null ? result.guidance()
                    : "Only the people on " + ticket.number() + " and its organisation's authorized contacts can"
                    + " add to it.", "Sender may not work on " + ticket.number());
        }
        Member member = sender.get();
        String text = QuotedText.strip(mail.text());
        if (ticket.isClosed()) {
            Eligibility result = eligibility.check(member.email(), ticket.product(), ticket.concernType());
            if (!result.eligible()) {
                return answers.refuse(mail, result.guidance(), "Not eligible for a follow-up of " + ticket.number());
            }
            Ticket followUp = followUps.followUp(new FileFollowUp.Mail(member, ticket, text, uploads,
                    mail.messageId())).value();
            return new Outcome(InboundStatus.PROCESSED,
                    "Follow-up " + followUp.number() + " of closed " + ticket.number(), followUp.id());
        }
        conversation.reply(new CustomerReply.Mail(member, ticket, text, uploads, mail.messageId()));
        return new Outcome(InboundStatus.PROCESSED, "Reply on " + ticket.number(), ticket.id());
    }
}
