package org.supportdesk.inbound;

import java.time.Instant;

/**
 * A stored inbound message and what became of it.
 *
 * @param acceptedBy the staff member who vouched for the sender of an UNVERIFIED message, or {@code null}
 * @param attempts   how often processing was started since it last finished (or waited for a retry)
 * @param retries    how many transient errors it met so far (each retried after a back-off)
 * @param lastError  the last transient error, while it waits for its retry
 */
public record InboundMail(long id, String mailbox, String messageKey, String messageId, String sender, String subject,
                          long size, Instant receivedAt, InboundStatus status, String outcome, Long ticketId,
                          String acceptedBy, Instant acceptedAt, int attempts, int retries, String lastError) {
}
