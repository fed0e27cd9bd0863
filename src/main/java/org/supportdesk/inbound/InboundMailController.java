package org.supportdesk.inbound;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.web.Refusal;

/**
 * For staff: what arrived by mail and what became of it, above all what FAILED and why, and what is UNVERIFIED:
 * a staff member who knows the sender wrote it (they asked by phone, say) accepts it, and it is processed as if the
 * mail server had vouched for the sender.
 */
@RestController
@RequestMapping("/api/staff/inbound-mail")
class InboundMailController {

    private final InboundMailRepository repository;
    private final Clock clock;

    InboundMailController(InboundMailRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    record MailView(long id, String mailbox, String messageId, String sender, String subject, long size,
                    Instant receivedAt, String status, String outcome, String ticket, String acceptedBy,
                    Instant acceptedAt) {

        static MailView of(InboundMail m) {
            return new MailView(m.id(), m.mailbox(), m.messageId(), m.sender(), m.subject(), m.size(),
                    m.receivedAt(), m.status().name(), m.outcome(),
                    m.ticketId() == null ? null : TicketNumber.of(m.ticketId()), m.acceptedBy(), m.acceptedAt());
        }
    }

    @GetMapping
    List<MailView> list(@RequestParam(required = false) String status,
                        @RequestParam(defaultValue = "100") int limit) {
        InboundStatus wanted = null;
        if (status != null) {
            try {
                wanted = InboundStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Refusal.invalidField("status", "not-one-of", Arrays.stream(InboundStatus.values())
                        .map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        return repository.list(wanted, Math.max(1, Math.min(limit, 1000))).stream().map(MailView::of).toList();
    }

    /**
     * Vouches for the sender of an UNVERIFIED message: it goes back to be processed (STORED) by the next poll, and
     * the message keeps who accepted it and when.
     */
    @PostMapping("/{id}/accept")
    MailView accept(@PathVariable long id, Principal staff) {
        if (!repository.accept(id, staff.getName(), clock.instant())) {
            InboundMail mail = repository.find(id).orElseThrow(() -> Refusal.notFound("inbound-mail", id));
            throw Refusal.conflict("not-unverified", id, mail.status()).with("status", mail.status().name());
        }
        return MailView.of(repository.find(id).orElseThrow());
    }

    /**
     * Sends a FAILED message through processing again (after the cause was fixed: a member added, a setting
     * corrected), or a STORED one waiting for its next try after a transient error (the database or a lock is fine
     * again); the next poll takes it up at once. A message that was never downloaded (too large) cannot be.
     */
    @PostMapping("/{id}/retry")
    MailView retry(@PathVariable long id, Principal staff) {
        if (!repository.redrive(id, staff.getName(), clock.instant())) {
            InboundMail mail = repository.find(id).orElseThrow(() -> Refusal.notFound("inbound-mail", id));
            if (mail.status() == InboundStatus.FAILED) {
                throw Refusal.conflict("not-downloaded", id);
            }
            throw Refusal.conflict("not-failed", id, mail.status()).with("status", mail.status().name());
        }
        return MailView.of(repository.find(id).orElseThrow());
    }
}
