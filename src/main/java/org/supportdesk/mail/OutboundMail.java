package org.supportdesk.mail;

import java.time.Instant;
import java.util.List;

/** A mail the desk sends, as stored before delivery. */
public record OutboundMail(long id, Long ticketId, String template, String messageId, String inReplyTo,
                           String references, List<String> to, List<String> cc, String subject, String body,
                           String autoSubmitted, String status, Instant createdAt) {
}
