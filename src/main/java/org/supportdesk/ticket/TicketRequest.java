package org.supportdesk.ticket;

import java.util.List;

/** R6: what the web form (or a JSON client) sends. Fields are text so that each bad value can be named. */
public record TicketRequest(
        String product,
        String topic,
        String concernType,
        String summary,
        String description,
        String stepsToReproduce,
        String desiredOutcome,
        String businessImpact,
        String businessImpactStatement,
        List<String> cc) {

    public List<String> ccOrEmpty() {
        return cc == null ? List.of() : cc;
    }
}
