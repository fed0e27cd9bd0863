package org.supportdesk.inbound;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.web.Refusal;

/** For staff: what arrived by mail and what became of it, above all what FAILED and why. */
@RestController
@RequestMapping("/api/staff/inbound-mail")
class InboundMailController {

    private final InboundMailRepository repository;

    InboundMailController(InboundMailRepository repository) {
        this.repository = repository;
    }

    record MailView(long id, String mailbox, String messageId, String sender, String subject, long size,
                    Instant receivedAt, String status, String outcome, String ticket) {
    }

    @GetMapping
    List<MailView> list(@RequestParam(required = false) String status,
                        @RequestParam(defaultValue = "100") int limit) {
        InboundStatus wanted = null;
        if (status != null) {
            try {
                wanted = InboundStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Refusal.badRequest("invalid-fields", "status must be one of "
                        + java.util.Arrays.toString(InboundStatus.values()) + ".");
            }
        }
        return repository.list(wanted, Math.max(1, Math.min(limit, 1000))).stream()
                .map(m -> new MailView(m.id(), m.mailbox(), m.messageId(), m.sender(), m.subject(), m.size(),
                        m.receivedAt(), m.status().name(), m.outcome(),
                        m.ticketId() == null ? null : TicketNumber.of(m.ticketId())))
                .toList();
    }
}
