package org.supportdesk.ticket;

import java.io.IOException;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.attachment.AttachmentStore;
import org.supportdesk.web.Refusal;

/**
 * A ticket's file as staff download it, whichever way they signed in: the staff API's link (HTTP Basic) and the
 * Tasklist ticket tab's (the Tasklist session). Always a download, never shown inline.
 */
@Component
public class StaffDownloads {

    private final TicketRepository tickets;
    private final AttachmentStore store;

    StaffDownloads(TicketRepository tickets, AttachmentStore store) {
        this.tickets = tickets;
        this.store = store;
    }

    /** The file {@code id} of ticket {@code number}; 404 when the ticket has no such file. */
    public ResponseEntity<InputStreamResource> download(String number, long id) throws IOException {
        Ticket ticket = tickets.findByNumber(number).orElseThrow(() -> Refusal.notFound("ticket", number));
        Attachment attachment = tickets.attachment(ticket.id(), id)
                .orElseThrow(() -> Refusal.notFound("attachment", id, ticket.number()));
        return TicketController.download(attachment, store);
    }
}
