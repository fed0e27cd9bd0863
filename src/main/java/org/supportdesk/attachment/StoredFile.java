package org.supportdesk.attachment;

/** A file in the attachment store, addressed by its SHA-256. */
public record StoredFile(String fileName, String contentType, long size, String sha256) {
}
