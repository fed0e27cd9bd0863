package org.supportdesk.ticket;

import java.time.Instant;

/** A note staff wrote for staff (an internal note): never shown to a customer, never mailed to one. */
public record TicketNote(long id, long ticketId, String author, String authorName, String body, Instant createdAt) {
}
