package org.supportdesk.processes;

import java.util.List;

/** The processes a ticket runs in: its own, and the SEV-1 ones it calls. */
public final class TicketProcesses {

    public static final List<String> KEYS = List.of(SupportTicketDiagram.PROCESS_KEY, Sev1OutageDiagram.PROCESS_KEY,
            EscalationDiagram.PROCESS_KEY);

    private TicketProcesses() {
    }
}
