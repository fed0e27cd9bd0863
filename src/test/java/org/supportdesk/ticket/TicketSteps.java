package org.supportdesk.ticket;

import org.supportdesk.ProcessTestEngine;

/** The real steps of the ticket diagrams (package-private), as expression beans over the given services. */
public final class TicketSteps {

    private TicketSteps() {
    }

    /** Marks the first response on the process; the ticket row it also writes is a mock here. */
    public static FirstResponse firstResponse() {
        return new FirstResponse(org.mockito.Mockito.mock(TicketRepository.class));
    }

    public static void register(TicketWorkflow workflow, TicketNotifier notifier, ActingStaff acting) {
        ProcessTestEngine.register("notify", new NotifyDelegate(notifier));
        ProcessTestEngine.register("recordRouting", new RecordRoutingDelegate(workflow, acting));
        ProcessTestEngine.register("setTicketStatus", new SetTicketStatusDelegate(workflow));
        ProcessTestEngine.register("recordAgentAction", new RecordAgentActionDelegate(workflow, acting, firstResponse()));
        ProcessTestEngine.register("recordSlaBreach", new RecordSlaBreachDelegate(workflow));
        ProcessTestEngine.register("trackAssignee", new TrackAssigneeListener(workflow));
        ProcessTestEngine.register("retriageTicket", new RetriageDelegate(workflow, acting));
    }
}
