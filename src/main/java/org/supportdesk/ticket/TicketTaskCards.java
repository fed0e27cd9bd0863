package org.supportdesk.ticket;

import static org.supportdesk.ticket.TicketVariables.*;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.supportdesk.staff.TaskCardVariables;

/** A ticket task's card in Tasklist: its number, priority, organisation and summary. */
@Component
class TicketTaskCards implements TaskCardVariables {

    @Override
    public Map<String, String> labelsByName() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(TICKET_NUMBER, "Ticket");
        labels.put(PRIORITY, "Priority");
        labels.put(ORGANIZATION_NAME, "Organisation");
        labels.put(SUMMARY, "Summary");
        return labels;
    }
}
