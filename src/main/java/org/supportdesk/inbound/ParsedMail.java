package org.supportdesk.inbound;

import java.util.List;

/**
 * What the desk reads from a customer's mail.
 *
 * @param references In-Reply-To and References ids, most recent first
 * @param automatic  why this is an automatic message that must not be answered, or {@code null}
 * @param fromAddresses every address of the From header(s): only a message with exactly one can be verified
 * @param authenticationResults the Authentication-Results header values, topmost first (RFC 8601)
 * @param to         the To addresses (with {@code cc}: every mailbox the sender wrote to)
 * @param malformed  for staff: each part the desk could not decode and how it was kept instead (issue #24); empty
 *                   for a well-formed mail
 */
public record ParsedMail(String messageId, List<String> references, String from, String fromName, List<String> cc,
                         String subject, String text, List<MailAttachment> attachments, String automatic,
                         List<String> fromAddresses, List<String> authenticationResults, List<String> to,
                         List<String> malformed) {

    public record MailAttachment(String fileName, String contentType, byte[] content) {
    }
}
