package org.supportdesk.staffdesk;

import org.supportdesk.ticket.AgentAction;

/**
 * What an agent does with an answer on the staff page and in the staff API, in the work form's order: the API's
 * names ({@code SOLVED} and {@code DUPLICATE} are the work form's {@code SOLVE} and {@code CLOSE_DUPLICATE}). The page
 * labels each as the work form does ({@code staff.answer.action.<name>} in messages.properties).
 */
enum AnswerAction {
    REPLY(AgentAction.REPLY),
    REQUEST_INFO(AgentAction.REQUEST_INFO),
    SOLVED(AgentAction.SOLVE),
    DUPLICATE(AgentAction.CLOSE_DUPLICATE),
    NOTE(AgentAction.NOTE),
    RETRIAGE(AgentAction.RETRIAGE),
    /** R14: only while the ticket is PENDING. */
    BACK_TO_WORK(AgentAction.BACK_TO_WORK);

    private final AgentAction form;

    AnswerAction(AgentAction form) {
        this.form = form;
    }

    /** What the page offers for a ticket in this status: the work form's actions, or those that finish a wait (R14). */
    static java.util.List<AnswerAction> offered(org.supportdesk.ticket.TicketStatus status) {
        boolean pending = status == org.supportdesk.ticket.TicketStatus.PENDING;
        return java.util.Arrays.stream(values())
                .filter(action -> pending ? AgentAction.WHILE_PENDING.contains(action.form)
                        : action.form != AgentAction.BACK_TO_WORK)
                .toList();
    }

    /** The work form's value. */
    AgentAction form() {
        return form;
    }
}
