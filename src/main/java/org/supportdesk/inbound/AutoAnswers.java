package org.supportdesk.inbound;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.supportdesk.attachment.AttachmentPolicy;
import org.supportdesk.attachment.AttachmentProperties;
import org.supportdesk.attachment.FileSizes;
import org.supportdesk.attachment.Upload;
import org.supportdesk.inbound.EmailIntake.Outcome;
import org.supportdesk.mail.MailQueue;
import org.supportdesk.mail.OutboundMailRepository;
import org.supportdesk.web.Refusal;

/**
 * The desk's automatic answers to mail it does not take (R5, R8): who can file, or that the mail is too large. One
 * answer per sender and day at most (configurable), so that two auto-responders cannot loop.
 */
@Component
class AutoAnswers {

    static final List<String> TEMPLATES = List.of("email-not-accepted", "email-too-large");

    private final OutboundMailRepository outbound;
    private final MailQueue mailQueue;
    private final AttachmentPolicy attachmentPolicy;
    private final AttachmentProperties attachmentProperties;
    private final InboundMailProperties properties;
    private final MailReadLimit readLimit;
    private final Clock clock;

    AutoAnswers(OutboundMailRepository outbound, MailQueue mailQueue, AttachmentPolicy attachmentPolicy,
                AttachmentProperties attachmentProperties, InboundMailProperties properties, MailReadLimit readLimit,
                Clock clock) {
        this.outbound = outbound;
        this.mailQueue = mailQueue;
        this.attachmentPolicy = attachmentPolicy;
        this.attachmentProperties = attachmentProperties;
        this.properties = properties;
        this.readLimit = readLimit;
        this.clock = clock;
    }

    /** R8 by mail: a message over the limits is kept, not filed, and its sender told the limits. */
    Optional<Outcome> refuseIfTooLarge(ParsedMail mail, int rawSize, List<Upload> uploads) {
        long attached = uploads.stream().mapToLong(Upload::size).sum();
        if (!readLimit.allows(rawSize)) {
            return Optional.of(refuseTooLarge(mail, Math.max(attached, rawSize * 3L / 4)));
        }
        try {
            attachmentPolicy.checkEmail(uploads);
            return Optional.empty();
        } catch (Refusal tooLarge) {
            return Optional.of(refuseTooLarge(mail, attached));
        }
    }

    /** R5: the sender may not file or add to this ticket; the guidance says who can, and how to become one. */
    Outcome refuse(ParsedMail mail, String guidance, String why) {
        Map<String, Object> model = new HashMap<>();
        model.put("guidance", guidance);
        model.put("subject", subject(mail));
        return answer(mail, "email-not-accepted", model, why);
    }

    private Outcome refuseTooLarge(ParsedMail mail, long size) {
        Map<String, Object> model = new HashMap<>();
        model.put("subject", subject(mail));
        model.put("size", FileSizes.text(size));
        model.put("limits", attachmentPolicy.limitsText(attachmentProperties.email()));
        model.put("webLimits", attachmentPolicy.limitsText(attachmentProperties.web()));
        return answer(mail, "email-too-large", model, "Too large (" + FileSizes.text(size) + ")");
    }

    private Outcome answer(ParsedMail mail, String template, Map<String, Object> model, String why) {
        int sent = outbound.countSentTo(mail.from(), TEMPLATES, clock.instant().minus(Duration.ofDays(1)));
        if (sent >= properties.autoRepliesPerSenderPerDay()) {
            return new Outcome(InboundStatus.REFUSED, why + "; kept, no answer (daily limit for this sender)", null);
        }
        model.put("senderName", mail.fromName() == null ? mail.from() : mail.fromName());
        mailQueue.queueAnswer(template, model, mail.from(), mail.messageId());
        return new Outcome(InboundStatus.REFUSED, why + "; kept, sender answered", null);
    }

    private static String subject(ParsedMail mail) {
        return mail.subject() == null ? "(no subject)" : mail.subject();
    }
}
