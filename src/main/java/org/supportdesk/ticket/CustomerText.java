package org.supportdesk.ticket;

import java.util.List;

import org.supportdesk.attachment.Upload;

/**
 * What a customer adds to a ticket (a reply, a follow-up's description): the text, the files and, for a mail, its
 * Message-ID (for threading). The limits of what customers write are here too.
 */
record CustomerText(Channel channel, String text, List<Upload> files, String messageId) {

    static final int SUMMARY_MAX = 200;
    static final int TEXT_MAX = 50_000;

    static CustomerText web(String text, List<Upload> files) {
        return new CustomerText(Channel.WEB, text, files, null);
    }

    /** The text of a web request is required ({@code field} names it in the refusal); a mail may have none. */
    String validated(String field) {
        if (channel != Channel.WEB) {
            return mailText(text);
        }
        FieldErrors errors = new FieldErrors();
        String validated = errors.text(field, text, true, TEXT_MAX);
        errors.throwIfAny();
        return validated;
    }

    /** A mail is kept even without text, and cut at the limit rather than refused. */
    static String mailText(String text) {
        return abbreviate(text == null || text.isBlank() ? "(the mail had no text)" : text, TEXT_MAX);
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
