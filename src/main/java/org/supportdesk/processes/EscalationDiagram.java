package org.supportdesk.processes;

/** {@code processes/extended-support-escalation.bpmn}: pages on-call for an Extended Support outage out of hours. */
public final class EscalationDiagram {

    public static final String FILE = "extended-support-escalation.bpmn";
    public static final String PROCESS_KEY = "extended-support-escalation";

    public static final String ACKNOWLEDGE_TASK = "Task_AcknowledgeOutage";

    /** Steps the staff timeline shows. */
    public static final String PAGE_ONCALL = "Task_PageOncall";
    public static final String PAGE_BACKUP_AND_MANAGER = "Task_PageBackupAndManager";
    public static final String RECORD_ACKNOWLEDGEMENT = "Task_RecordAcknowledgement";

    private EscalationDiagram() {
    }
}
