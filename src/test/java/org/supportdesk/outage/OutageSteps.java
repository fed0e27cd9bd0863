package org.supportdesk.outage;

import org.supportdesk.ProcessTestEngine;
import org.supportdesk.ticket.ActingStaff;
import org.supportdesk.ticket.TicketSteps;

/** The real steps of the outage diagrams (package-private), as expression beans over the given services. */
public final class OutageSteps {

    private OutageSteps() {
    }

    public static void register(OutageService outages, ActingStaff acting) {
        ProcessTestEngine.register("recordSev1", new RecordSev1Delegate(outages));
        ProcessTestEngine.register("confirmOutage", new ConfirmOutageDelegate(outages, TicketSteps.firstResponse()));
        ProcessTestEngine.register("downgradeOutage", new DowngradeOutageDelegate(outages, acting, TicketSteps.firstResponse()));
        ProcessTestEngine.register("recordAcknowledgement", new RecordAcknowledgementDelegate(outages, acting, TicketSteps.firstResponse()));
    }
}
