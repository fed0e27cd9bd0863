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

    private Sev1OutageDiagram() {
    }
}
