package org.supportdesk.mail;

/**
 * A file a mail carries as a MIME attachment: its name, type and size as the mail shows them, and its content's
 * SHA-256, by which {@link StoredFiles} reads it when the mail is sent.
 */
public record MailFile(String fileName, String contentType, long size, String sha256) {
}
