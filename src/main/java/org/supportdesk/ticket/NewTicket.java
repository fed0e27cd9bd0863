package org.supportdesk.ticket;

import org.supportdesk.catalog.ConcernType;

import java.util.List;

import org.supportdesk.catalog.Product;

/** A request that passed validation and eligibility, about to become a ticket. */
public record NewTicket(
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
        List<String> cc,
        Long followUpOf,
        String originMessageId) {

    /** A request that did not come by mail. */
    public NewTicket(String organizationId, String requesterEmail, String requesterName, Channel channel,
                     Product product, Topic topic, ConcernType concernType, String summary, String description,
                     String stepsToReproduce, String desiredOutcome, BusinessImpact businessImpact,
                     String businessImpactStatement, List<String> cc, Long followUpOf) {
        this(organizationId, requesterEmail, requesterName, channel, product, topic, concernType, summary, description,
                stepsToReproduce, desiredOutcome, businessImpact, businessImpactStatement, cc, followUpOf, null);
    }
}
