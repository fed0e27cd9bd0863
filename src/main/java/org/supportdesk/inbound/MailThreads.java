package org.supportdesk.inbound;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.supportdesk.mail.OutboundMailRepository;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.ticket.TicketRepository;

/** Which ticket a mail belongs to: In-Reply-To/References against the mails of a ticket, then [SD-1234]. */
@Component
class MailThreads {

    private static final Pattern THREAD_ROOT = Pattern.compile("<(SD-\\d{1,18})@[^>]+>", Pattern.CASE_INSENSITIVE);

    private final OutboundMailRepository outbound;
    private final InboundMailRepository inbound;
    private final TicketRepository tickets;

    MailThreads(OutboundMailRepository outbound, InboundMailRepository inbound, TicketRepository tickets) {
        this.outbound = outbound;
        this.inbound = inbound;
        this.tickets = tickets;
    }

    Optional<Ticket> ticketOf(ParsedMail mail) {
        for (String reference : mail.references()) {
            Optional<Long> id = outbound.ticketOfMessageId(reference).or(() -> inbound.ticketOfMessageId(reference));
            if (id.isEmpty()) {
                Matcher root = THREAD_ROOT.matcher(reference);
                id = root.matches() ? TicketNumber.parse(root.group(1)) : Optional.empty();
            }
            Optional<Ticket> ticket = id.flatMap(tickets::find);
            if (ticket.isPresent()) {
                return ticket;
            }
        }
        if (mail.subject() != null) {
            Matcher matcher = TicketNumber.SUBJECT_REFERENCE.matcher(mail.subject());
            if (matcher.find()) {
                return tickets.find(Long.parseLong(matcher.group(1)));
            }
        }
        return Optional.empty();
    }
}
