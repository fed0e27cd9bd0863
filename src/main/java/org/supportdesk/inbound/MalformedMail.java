package org.supportdesk.inbound;

import jakarta.mail.MessagingException;

/**
 * A message the desk cannot read as anyone's mail even leniently (issue #24): no usable From address, headers that
 * cannot be read, or beyond the bounds of {@link MailParser} (parts nested too deep, too many parts). Permanent: the
 * same bytes read again give the same answer. Everything else in a malformed mail is read as far as it goes and kept
 * ({@link ParsedMail#malformed()}), so this is the parser's only error.
 */
public class MalformedMail extends MessagingException {

    MalformedMail(String message) {
        super(message);
    }

    MalformedMail(String message, Exception cause) {
        super(message, cause);
    }
}
