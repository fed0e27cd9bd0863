package org.supportdesk.ticket;

import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.supportdesk.catalog.Product;
import org.supportdesk.staff.StaffGroup;

/**
 * Writes the {@code priority} and {@code team} variables (from routing or from triage) to the ticket, and the
 * {@code product} and {@code topic} that triage settles for mailed requests.
 */
@Component("recordRouting")
class RecordRoutingDelegate implements JavaDelegate {

    private static final Set<String> TEAMS = StaffGroup.teams().stream().map(StaffGroup::id).collect(Collectors.toSet());

    private final TicketRepository tickets;

    RecordRoutingDelegate(TicketRepository tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String team = TicketVariables.text(execution, "team");
        if (!TEAMS.contains(team)) {
            throw new IllegalArgumentException("Unknown team queue '" + team + "'; choose one of " + TEAMS);
        }
        Priority priority = Priority.valueOf(TicketVariables.text(execution, "priority"));
        long ticketId = TicketVariables.ticketId(execution);
        tickets.updateRouting(ticketId, priority, team);
        String product = TicketVariables.text(execution, "product");
        String topic = TicketVariables.text(execution, "topic");
        if (product != null && topic != null) {
            tickets.updateClassification(ticketId, Product.valueOf(product), Topic.valueOf(topic));
        }
    }
}
