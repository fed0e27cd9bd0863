package org.supportdesk.mail;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Renders a mail and stores it in the caller's transaction: the mail exists exactly when the change it reports was
 * committed. SMTP happens afterwards, in the {@link MailDispatcher}; an SMTP outage never rolls back a ticket.
 */
@Service
public class MailQueue {

    private static final Logger log = LoggerFactory.getLogger(MailQueue.class);
    private final MailTemplates templates;
    private final OutboundMailRepository mails;
    private final MailDispatcher dispatcher;
    private final Clock clock;
    private final String domain;

    public MailQueue(MailTemplates templates, OutboundMailRepository mails, MailDispatcher dispatcher, Clock clock,
                     MailSettings settings) {
        this.templates = templates;
        this.mails = mails;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.domain = settings.supportAddress().substring(settings.supportAddress().indexOf('@') + 1);
    }

    /**
     * @param ticketId  the ticket the mail is about, or {@code null}
     * @param threadKey the ticket number (threads the mail and names the delivery in Cockpit), or {@code null}
     * @return the stored mail's id, or empty when there is nobody to send it to
     */
    public Optional<Long> queue(Long ticketId, String threadKey, String template, Map<String, ?> model,
                                List<String> to, List<String> cc) {
        return queue(ticketId, threadKey, template, model, to, cc, null);
    }

    /**
     * @param originMessageId the customer's own mail that started the ticket, if any: every answer threads under it
     *                        in the customer's mail client
     */
    public Optional<Long> queue(Long ticketId, String threadKey, String template, Map<String, ?> model,
                                List<String> to, List<String> cc, String originMessageId) {
        return queue(ticketId, threadKey, template, model, to, cc, originMessageId, List.of());
    }

    /**
     * @param files the files the mail carries as MIME attachments (the caller keeps them within the mail limits);
     *              their content is read from {@link StoredFiles} when the mail is sent
     */
    public Optional<Long> queue(Long ticketId, String threadKey, String template, Map<String, ?> model,
                                List<String> to, List<String> cc, String originMessageId, List<MailFile> files) {
        if (to.isEmpty()) {
            log.warn("Mail {} about {} has no recipient; not sent", template, threadKey);
            return Optional.empty();
        }
        RenderedMail mail = templates.render(template, model);
        String messageId = "<" + (threadKey == null ? "sd" : threadKey) + "."
                + UUID.randomUUID().toString().replace("-", "") + "@" + domain + ">";
        String inReplyTo = null;
        String references = null;
        if (threadKey != null) {
            String root = (originMessageId == null ? "" : originMessageId + " ") + threadRoot(threadKey);
            String previous = ticketId == null ? null : mails.lastMessageId(ticketId).orElse(null);
            inReplyTo = previous != null ? previous : originMessageId != null ? originMessageId : threadRoot(threadKey);
            references = previous == null ? root : root + " " + previous;
        }
        long id = mails.insert(ticketId, threadKey, mail, messageId, inReplyTo, references, to,
                cc.stream().filter(address -> !to.contains(address)).toList(), clock.instant());
        mails.addFiles(id, files);
        dispatcher.wakeAfterCommit();
        return Optional.of(id);
    }

    /**
     * An automatic answer to a mail that opened no ticket (R5): threaded under the customer's message and marked
     * {@code Auto-Submitted: auto-replied} by its template.
     */
    public Optional<Long> queueAnswer(String template, Map<String, ?> model, String to, String customerMessageId) {
        RenderedMail mail = templates.render(template, model);
        String messageId = "<sd." + UUID.randomUUID().toString().replace("-", "") + "@" + domain + ">";
        long id = mails.insert(null, null, mail, messageId, customerMessageId, customerMessageId, List.of(to), List.of(),
                clock.instant());
        dispatcher.wakeAfterCommit();
        return Optional.of(id);
    }

    /** The Message-ID that stands for the ticket itself: every mail about it references this. */
    public String threadRoot(String threadKey) {
        return "<" + threadKey + "@" + domain + ">";
    }
}
