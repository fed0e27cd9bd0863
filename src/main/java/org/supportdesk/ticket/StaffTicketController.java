package org.supportdesk.ticket;

import java.io.IOException;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.supportdesk.web.Refusal;

/** What agents need beside Tasklist: the customers' files (linked from the task forms). */
@RestController
@RequestMapping("/api/staff/tickets")
class StaffTicketController {

    private final TicketRepository tickets;
    private final AttachmentStore store;

    StaffTicketController(TicketRepository tickets, AttachmentStore store) {
        this.tickets = tickets;
        this.store = store;
    }

    @GetMapping("/{number}/attachments/{id}")
    ResponseEntity<InputStreamResource> attachment(@PathVariable String number, @PathVariable long id)
            throws IOException {
        Ticket ticket = tickets.findByNumber(number).orElseThrow(() -> Refusal.notFound("ticket", number));
        Attachment attachment = tickets.attachment(ticket.id(), id)
                .orElseThrow(() -> Refusal.notFound("attachment", id, ticket.number()));
        return TicketController.download(attachment, store);
    }
}
