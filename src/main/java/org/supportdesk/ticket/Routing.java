package org.supportdesk.ticket;

import java.util.Objects;

import org.supportdesk.catalog.Product;
import org.supportdesk.staff.StaffGroup;

/**
 * Where routing, triage or a re-triage puts a ticket (R10, R11): its priority and team queue and, when triage settles
 * them for a mailed request, its product and topic (both, or neither is recorded).
 *
 * @param team a team queue ({@link StaffGroup#teams()})
 * @param by   the staff login that decided, null for the routing decision
 */
public record Routing(Priority priority, StaffGroup team, Product product, Topic topic, String by) {

    public Routing {
        Objects.requireNonNull(priority, "priority");
        if (team == null || !StaffGroup.teams().contains(team)) {
            throw new IllegalArgumentException("Not a team queue: " + (team == null ? null : team.id()));
        }
    }

    /** A re-triage: priority and team only. */
    public Routing(Priority priority, StaffGroup team, String by) {
        this(priority, team, null, null, by);
    }
}
