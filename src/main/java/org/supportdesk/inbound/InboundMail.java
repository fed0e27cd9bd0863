package org.supportdesk.inbound;

import java.time.Instant;

/** A stored inbound message and what became of it. */
public record InboundMail(long id, String mailbox, String messageKey, String messageId, String sender, String subject,
                          long size, Instant receivedAt, InboundStatus status, String outcome, Long ticketId) {
}
