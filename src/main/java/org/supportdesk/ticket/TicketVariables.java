package org.supportdesk.ticket;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Reading the ticket a process is about. */
public final class TicketVariables {

    private TicketVariables() {
    }

    public static long ticketId(VariableScope scope) {
        return ((Number) scope.getVariable("ticketId")).longValue();
    }

    public static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }
}
