package org.supportdesk.attachment;

import java.time.Instant;

/**
 * R8: every stored file keeps its name, size, type and SHA-256.
 *
 * @param uploadedBy who attached it: the customer's address, or the staff login that answered with it
 */
public record Attachment(long id, long ticketId, Long messageId, String fileName, String contentType, long size,
                         String sha256, boolean discouraged, Instant createdAt, String uploadedBy) {
}
