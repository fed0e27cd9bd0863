package org.supportdesk.ticket;

import java.time.Instant;

public record TicketMessage(long id, long ticketId, String author, String authorName, AuthorType authorType,
                            Channel channel, String body, Instant createdAt) {
}
