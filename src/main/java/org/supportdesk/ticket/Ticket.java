package org.supportdesk.ticket;

import org.supportdesk.catalog.ConcernType;

import java.time.Instant;

import org.supportdesk.catalog.Product;

/** A ticket row: what the customer asked, and where the process has got to. */
public record Ticket(
        long id,
        String organizationId,
        String requesterEmail,
        String requesterName,
        Channel channel,
        Product product,
        Topic topic,
        ConcernType concernType,
        String summary,
        String description,
        String stepsToReproduce,
        String desiredOutcome,
        BusinessImpact businessImpact,
        String businessImpactStatement,
        TicketStatus status,
        CloseReason closeReason,
        Priority priority,
        String team,
        String assignee,
        Long followUpOf,
        boolean firstResponseBreached,
        Instant createdAt,
        Instant lastActivityAt,
        Instant closedAt,
        String originMessageId) {

    public String number() {
        return TicketNumber.of(id);
    }

    public boolean isClosed() {
        return status == TicketStatus.CLOSED;
    }
}
