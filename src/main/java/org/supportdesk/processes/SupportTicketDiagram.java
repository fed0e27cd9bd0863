package org.supportdesk.processes;

/** {@code processes/support-ticket.bpmn}: the ticket's process (business key = ticket number). */
public final class SupportTicketDiagram {

    public static final String FILE = "support-ticket.bpmn";
    public static final String PROCESS_KEY = "support-ticket";

    /** Messages the application correlates. */
    public static final String CUSTOMER_REPLIED = "CustomerReplied";
    public static final String CUSTOMER_COMMENTED = "CustomerCommented";

    /** User tasks. */
    public static final String TRIAGE_TASK = "Task_TriageTicket";
    public static final String WORK_TASK = "Task_WorkTicket";

    /** The non-interrupting first-response timer on the handling subprocess (R11), and its outcomes. */
    public static final String FIRST_RESPONSE_TIMER = "Timer_FirstResponseDue";
    public static final String FIRST_RESPONSE_MET = "EndEvent_TargetMet";
    public static final String RECORD_FIRST_RESPONSE_BREACH = "Task_RecordSlaBreach";

    /** Steps the staff timeline shows. */
    public static final String MARK_OPEN = "Task_MarkOpen";
    public static final String MARK_PENDING = "Task_MarkPending";
    public static final String REOPEN = "Task_ReopenTicket";
    public static final String CLOSE_SOLVED = "Task_CloseSolved";
    public static final String CLOSE_DUPLICATE = "Task_CloseDuplicate";
    public static final String CLOSE_NO_RESPONSE = "Task_CloseNoResponse";
    public static final String SEND_FIRST_REMINDER = "Task_SendFirstReminder";
    public static final String SEND_SECOND_REMINDER = "Task_SendSecondReminder";

    private SupportTicketDiagram() {
    }
}
