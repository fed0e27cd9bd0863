package org.supportdesk.ticket;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.supportdesk.account.AccountService;

/** R2: a member removed from their organisation leaves the CCs of its open tickets (their own tickets stay). */
@Component
class RemovedMembers {

    private final TicketRepository tickets;

    RemovedMembers(TicketRepository tickets) {
        this.tickets = tickets;
    }

    @EventListener
    void removed(AccountService.MemberRemoved removed) {
        tickets.removeCcFromOpenTickets(removed.organizationId(), removed.email());
    }
}
