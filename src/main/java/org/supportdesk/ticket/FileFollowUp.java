package org.supportdesk.ticket;

import java.util.List;

import org.supportdesk.account.Member;
import org.supportdesk.attachment.Upload;

/** A follow-up of a closed ticket, one record per channel ({@link FollowUps#followUp}; R16). */
public sealed interface FileFollowUp {

    /**
     * The portal's follow-up box or the customer API: the closed ticket found by its number among the caller's
     * organisation's.
     *
     * @param businessImpact          {@code NORMAL} or {@code HIGH}, as on the request form (R6); null (the API left it
     *                                out): the original's, unless the concern changes
     * @param businessImpactStatement what the business cannot do; needed for {@code HIGH}
     * @param newOutage               the customer declares a new production outage; otherwise a follow-up of an
     *                                outage is a standard ticket
     * @param uploads                 the files, refused on the web's limits and formats as on a request (R8)
     * @param idempotencyKey          the API's {@code Idempotency-Key}: a call repeated with it files nothing again;
     *                                null for none
     */
    record Web(String callerEmail, String number, String description, String businessImpact,
               String businessImpactStatement, boolean newOutage, List<Upload> uploads, String idempotencyKey)
            implements FileFollowUp {

        public Web {
            uploads = uploads == null ? List.of() : List.copyOf(uploads);
        }

        /** Text only, the original's impact. */
        public Web(String callerEmail, String number, String description, boolean newOutage, String idempotencyKey) {
            this(callerEmail, number, description, null, null, newOutage, List.of(), idempotencyKey);
        }
    }

    /**
     * A mail on a closed ticket's thread, its quoted text removed.
     *
     * @param messageId the mail's Message-ID (threading)
     */
    record Mail(Member sender, Ticket original, String text, List<Upload> files, String messageId)
            implements FileFollowUp {
    }
}
