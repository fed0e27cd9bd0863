package org.supportdesk.ticket;

import java.util.List;

import org.supportdesk.account.Member;
import org.supportdesk.attachment.Upload;

/** A customer's answer on a ticket, one record per channel ({@link Conversation#reply}; R15). */
public sealed interface CustomerReply {

    /**
     * The portal's reply box or the customer API: the ticket found by its number among the caller's organisation's.
     *
     * @param idempotencyKey the API's {@code Idempotency-Key}: a call repeated with it adds nothing again; null for none
     */
    record Web(String callerEmail, String number, String body, List<Upload> uploads, String idempotencyKey)
            implements CustomerReply {
        public Web {
            uploads = uploads == null ? List.of() : uploads;
        }
    }

    /**
     * A mail on the ticket's thread, its quoted text removed.
     *
     * @param messageId the mail's Message-ID (threading)
     */
    record Mail(Member sender, Ticket ticket, String text, List<Upload> files, String messageId)
            implements CustomerReply {
    }
}
