package org.supportdesk.mail;

import java.time.Instant;
import java.util.List;

/**
 * A mail the desk sends, as stored before delivery.
 *
 * @param businessKey what the mail is about (the ticket number), naming its delivery process in Cockpit
 */
public record OutboundMail(long id, Long ticketId, String businessKey, String template, String messageId, String inReplyTo,
                           String references, List<String> to, List<String> cc, String subject, String body,
                           String autoSubmitted, String status, Instant createdAt) {
}
