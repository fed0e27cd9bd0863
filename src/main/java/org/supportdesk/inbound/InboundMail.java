package org.supportdesk.inbound;

import java.time.Instant;

/**
 * A stored inbound message and what became of it.
 *
 * @param acceptedBy the staff member who vouched for the sender of an UNVERIFIED message, or {@code null}
 * @param attempts   how often processing was started
 */
public record InboundMail(long id, String mailbox, String messageKey, String messageId, String sender, String subject,
                          long size, Instant receivedAt, InboundStatus status, String outcome, Long ticketId,
                          String acceptedBy, Instant acceptedAt, int attempts) {
}
