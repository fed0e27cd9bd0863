package org.supportdesk.inbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.EligibilityService;
import org.supportdesk.mail.QueuedMails;
import org.supportdesk.ticket.Conversation;
import org.supportdesk.ticket.FollowUps;
import org.supportdesk.ticket.TicketFiling;

/** The automatic answers to mail that opens no ticket (R5, R8), as the real {@link EmailIntake} writes them. */
public final class AutomaticAnswers {

    private AutomaticAnswers() {
    }

    /**
     * A stranger's mail (answered with {@code email-not-accepted}), then a member's mail with an attachment over the
     * mail limit (answered with {@code email-too-large}).
     */
    public static void sendAll(QueuedMails mails, String stranger, String member) {
        EmailIntake intake = new EmailIntake(mails.bean(MailParser.class), mails.bean(AccountRepository.class),
                mails.bean(EligibilityService.class), mails.bean(TicketFiling.class), mails.bean(Conversation.class),
                mails.bean(FollowUps.class), mails.bean(MailThreads.class), mails.bean(MailCopies.class),
                mails.create(AutoAnswers.class), mails.bean(InboundMailProperties.class),
                mails.bean(org.supportdesk.ticket.TicketNotes.class));
        intake.handle(stored(stranger), received(Smtp.mail(stranger).fromName("Sam Stranger")
                .subject("Our server is down")));
        intake.handle(stored(member), received(Smtp.mail(member).fromName("Paula Member").subject("The whole log")
                .attach("server.log", "text/plain", new byte[600 * 1024])));
    }

    private static InboundMail stored(String sender) {
        return new InboundMail(-1, Smtp.SUPPORT, UUID.randomUUID().toString(), "<" + UUID.randomUUID() + "@test>",
                sender, "", 0, Instant.now(), InboundStatus.STORED, null, null, null, null, 0, 0, null);
    }

    /** As the receiving server stores it: its verdict on the sender on top. */
    private static byte[] received(Smtp.Draft draft) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(("Authentication-Results: " + Smtp.dmarcPass(draft.envelopeFrom()) + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        raw.writeBytes(draft.build());
        return raw.toByteArray();
    }
}
