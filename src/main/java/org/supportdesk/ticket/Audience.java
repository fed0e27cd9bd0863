package org.supportdesk.ticket;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Who a ticket mail goes to (the {@code audience} input of the diagrams' notify tasks). */
public enum Audience {
    /** the requester, with the ticket's CCs in copy */
    CUSTOMER,
    /** the agents of the ticket's team queue */
    TEAM,
    /** the assigned agent, or the team when nobody has claimed the ticket */
    ASSIGNEE,
    /** the support managers */
    MANAGERS,
    /** the on-call engineers */
    ONCALL,
    /** the backup on-call engineers */
    ONCALL_BACKUP;

    /** The {@code audience} input of a notify task: one or more names, comma-separated, in any case. */
    public static List<Audience> list(String names) {
        return Arrays.stream(names.split(","))
                .map(a -> valueOf(a.strip().toUpperCase(Locale.ROOT))).toList();
    }
}
