package org.supportdesk.ticket;

import java.time.Instant;

/** R8: every stored file keeps its name, size, type and SHA-256. */
public record Attachment(long id, long ticketId, Long messageId, String fileName, String contentType, long size,
                         String sha256, boolean discouraged, Instant createdAt) {
}
