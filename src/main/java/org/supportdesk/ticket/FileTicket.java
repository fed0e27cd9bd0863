package org.supportdesk.ticket;

import java.util.List;

import org.supportdesk.account.Eligibility;
import org.supportdesk.account.Member;
import org.supportdesk.attachment.Upload;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.catalog.Product;

/** A request to file a ticket, one record per channel ({@link TicketFiling#file}; R6, R6b, R21). */
public sealed interface FileTicket {

    /**
     * R6: the portal's form or the customer API.
     *
     * @param idempotencyKey the API's {@code Idempotency-Key}: a call repeated with it files nothing again; null for
     *                       none
     */
    record Web(String callerEmail, TicketRequest request, List<Upload> uploads, String idempotencyKey)
            implements FileTicket {
        public Web {
            uploads = uploads == null ? List.of() : uploads;
        }
    }

    /**
     * R21: the Extended Support channel, the same request as {@link Web}; what the add-on does not cover is still
     * filed, as a standard ticket, with a notice that says why.
     */
    record ExtendedSupport(String callerEmail, TicketRequest request, List<Upload> uploads, String idempotencyKey)
            implements FileTicket {
        public ExtendedSupport {
            uploads = uploads == null ? List.of() : uploads;
        }
    }

    /**
     * R6b: a mail from an eligible sender; what it lacks (product, topic) triage settles.
     *
     * @param channel     {@link Channel#EMAIL}, or {@link Channel#EXTENDED_SUPPORT} for the Extended Support mailbox
     * @param product     null, or for the Extended Support mailbox the product its licences tell (R21)
     * @param eligibility what the caller found when it checked the sender ({@code EligibilityService#check})
     */
    record Mail(Member sender, EmailContent content, Channel channel, ConcernType concernType, Product product,
                Eligibility eligibility) implements FileTicket {
    }

    /** What a mail that starts a ticket brings: its text, CCs, files and its Message-ID. */
    record EmailContent(String messageId, String subject, String text, List<String> cc, List<Upload> attachments) {
    }
}
