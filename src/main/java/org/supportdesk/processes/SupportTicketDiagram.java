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
    /** R14: the task of a PENDING ticket, inside {@link #PENDING_WAIT}, answered with the work form. */
    public static final String PENDING_TASK = "Task_FinishPending";
    /** The user tasks an agent answers with the work form. */
    public static final java.util.List<String> ANSWER_TASKS = java.util.List.of(WORK_TASK, PENDING_TASK);

    /** R14: the wait for the customer (reminders, auto-close, the agent's task), and how the agent ends it. */
    public static final String PENDING_WAIT = "SubProcess_Pending";
    public static final String AGENT_FINISHED_PENDING = "BoundaryEvent_AgentFinishedPending";
    public static final String TAKE_BACK_TO_WORK = "Task_TakeBackToWork";

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
