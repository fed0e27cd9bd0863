package org.supportdesk.mail;

/**
 * @param autoSubmitted RFC 3834 {@code Auto-Submitted} value for automatic mails, {@code null} for mails a person
 *                      wrote (agent replies)
 */
public record RenderedMail(String template, String subject, String body, String autoSubmitted) {
}
