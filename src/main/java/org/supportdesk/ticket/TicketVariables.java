package org.supportdesk.ticket;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Reading the ticket a process is about. */
final class TicketVariables {

    private TicketVariables() {
    }

    static long ticketId(VariableScope scope) {
        return ((Number) scope.getVariable("ticketId")).longValue();
    }

    static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }
}
