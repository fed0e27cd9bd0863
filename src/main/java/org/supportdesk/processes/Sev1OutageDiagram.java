package org.supportdesk.processes;

/** {@code processes/sev1-outage.bpmn}: a CRITICAL_OUTAGE ticket (SEV-1), a call activity of the ticket's process. */
public final class Sev1OutageDiagram {

    public static final String FILE = "sev1-outage.bpmn";
    public static final String PROCESS_KEY = "sev1-outage";

    public static final String ASSESS_TASK = "Task_AssessOutage";

    /** Steps the staff timeline shows. */
    public static final String MARK_SEV1 = "Task_MarkSev1";
    public static final String REQUEST_STARTUP_LOGS = "Task_RequestStartupLogs";
    public static final String SEND_SEV1_RECEIVED = "Task_SendSev1Received";
    public static final String SEND_OUT_OF_HOURS_NOTICE = "Task_SendOutOfHoursNotice";
    public static final String RECORD_SEV1_ESCALATION = "Task_RecordSev1Escalation";
    public static final String REQUEST_LOGS_AGAIN = "Task_RequestLogsAgain";
    public static final String CONFIRM_OUTAGE = "Task_ConfirmOutage";
    public static final String DOWNGRADE_URGENCY = "Task_DowngradeUrgency";

    /** R18: the response target, in business time without Extended Support (on the clock with it). */
    public static final String RESPONSE_DUE_TIMER = "Timer_Sev1ResponseDue";
    /** R19: an outage that waits outside business hours for the next opening (no Extended Support). */
    public static final String NEXT_OPENING_TIMER = "Timer_NextOpening";
    /** R19: the close of business while the outage waits in the SEV-1 queue. */
    public static final String BUSINESS_HOURS_END = "StartEvent_BusinessHoursEnd";
    /** R19: the queue left at closing for the on-call path (Extended Support). */
    public static final String HANDED_OVER_TO_ONCALL = "Event_HandedOverToOnCall";
    public static final String EXTENDED_SUPPORT_ESCALATION = "CallActivity_ExtendedSupportEscalation";

    private Sev1OutageDiagram() {
    }
}
