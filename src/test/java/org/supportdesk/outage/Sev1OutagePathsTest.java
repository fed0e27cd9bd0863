package org.supportdesk.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.supportdesk.outage.OutageVariables.ACKNOWLEDGED_BY;
import static org.supportdesk.ticket.TicketVariables.ENGINEER_NOTE;
import static org.supportdesk.outage.OutageVariables.ORGANIZATION_SEV1_DOWNGRADES;
import static org.supportdesk.outage.OutageVariables.OUTAGE_DECISION;
import static org.supportdesk.outage.OutageVariables.STANDARD_TEAM;
import static org.supportdesk.ticket.TicketVariables.ASSIGNEE;
import static org.supportdesk.ticket.TicketVariables.SUMMARY;
import static org.supportdesk.ticket.TicketVariables.TICKET_NUMBER;
import static org.supportdesk.ticket.TicketVariables.EXTENDED_SUPPORT;
import static org.supportdesk.ticket.TicketVariables.FIRST_RESPONDED_AT;
import static org.supportdesk.ticket.TicketVariables.FIRST_RESPONSE_BREACHED;
import static org.supportdesk.ticket.TicketVariables.HAS_ATTACHMENTS;
import static org.supportdesk.ticket.TicketVariables.OUTAGE_CONFIRMED;
import static org.supportdesk.ticket.TicketVariables.PRIORITY;
import static org.supportdesk.ticket.TicketVariables.RECEIVED_AT;
import static org.supportdesk.ticket.TicketVariables.SEV1_DOWNGRADED;
import static org.supportdesk.ticket.TicketVariables.STATUS;
import static org.supportdesk.ticket.TicketVariables.TEAM;
import static org.supportdesk.ticket.TicketVariables.TICKET_ID;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.supportdesk.ProcessTestEngine;
import org.supportdesk.ProcessTestEngine.Services;
import org.supportdesk.ticket.Audience;
import org.supportdesk.ticket.TicketNotifier;
import org.supportdesk.processes.EscalationDiagram;
import org.supportdesk.processes.Sev1OutageDiagram;

/** Every path of {@code sev1-outage} (R18–R21), its steps' services mocked. */
class Sev1OutagePathsTest {

    static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    static final Date OPENING = Date.from(Instant.parse("2026-12-01T14:00:00Z").plus(Duration.ofDays(1)));
    static final Date IN_AN_HOUR = Date.from(NOW.plus(Duration.ofHours(1)));
    static final Date CLOSING = Date.from(Instant.parse("2026-12-01T22:00:00Z"));
    static final long TICKET = 1001;
    static final List<Audience> CUSTOMER = List.of(Audience.CUSTOMER);

    Services services;
    TicketNotifier notifier;

    @BeforeEach
    void engine() {
        services = ProcessTestEngine.withMockedServices(NOW);
        notifier = services.notifier();
        when(services.outages().markSev1(TICKET, "team-sev1")).thenReturn("team-repository");
        when(services.businessTime().nextClosing(any())).thenReturn(CLOSING);
    }

    @AfterEach
    void clock() {
        ProcessTestEngine.reset();
    }

    @Test
    void inBusinessHoursTheOutageIsUrgentInTheSev1QueueAndTheCustomerIsTold() {
        ProcessInstance outage = report(true, true, false);

        assertThat(outage).hasPassed(Sev1OutageDiagram.MARK_SEV1, Sev1OutageDiagram.SEND_SEV1_RECEIVED, "Task_NotifySev1Queue")
                .isWaitingAt(Sev1OutageDiagram.ASSESS_TASK)
                .variables().containsEntry(PRIORITY, "URGENT").containsEntry(TEAM, "team-sev1")
                .containsEntry(STANDARD_TEAM, "team-repository");
        assertThat(task(outage)).hasCandidateGroup("team-sev1");
        InOrder mails = inOrder(notifier);
        mails.verify(notifier).notify(eq(TICKET), eq("sev1-received"), eq(CUSTOMER), any());
        mails.verify(notifier).notify(eq(TICKET), eq("new-sev1"), eq(List.of(Audience.TEAM)), any());
        verify(notifier, never()).notify(anyLong(), eq("sev1-logs-request"), any(), any());
    }

    @Test
    void withoutAttachmentsTheCustomerIsAskedForTheStartUpLogsFirst() {
        ProcessInstance outage = report(true, false, false);

        assertThat(outage).hasPassed(Sev1OutageDiagram.REQUEST_STARTUP_LOGS, Sev1OutageDiagram.SEND_SEV1_RECEIVED)
                .isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);
        InOrder mails = inOrder(notifier);
        mails.verify(notifier).notify(eq(TICKET), eq("sev1-logs-request"), eq(CUSTOMER), any());
        mails.verify(notifier).notify(eq(TICKET), eq("sev1-received"), eq(CUSTOMER), any());
    }

    @Test
    void outOfHoursWithoutExtendedSupportTheQueueStartsAtTheNextOpening() {
        when(services.businessTime().describeNextOpening(any())).thenReturn("Wednesday 2 December 2026, 09:00 EST");
        when(services.businessTime().nextOpening(any())).thenReturn(OPENING);

        List<Object> workStartsAt = new ArrayList<>();
        doAnswer(call -> workStartsAt.add(call.<Map<String, ?>>getArgument(3).get("workStartsAt")))
                .when(notifier).notify(eq(TICKET), eq("sev1-out-of-hours"), eq(CUSTOMER), any());

        ProcessInstance outage = report(false, true, false);

        assertThat(outage).hasPassed(Sev1OutageDiagram.SEND_OUT_OF_HOURS_NOTICE).isWaitingAt("Timer_NextOpening");
        assertThat(workStartsAt).containsExactly("Wednesday 2 December 2026, 09:00 EST");
        assertThat(job(outage).getDuedate()).isEqualTo(OPENING);

        execute(job(outage));

        assertThat(outage).isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);
        verify(notifier).notify(eq(TICKET), eq("new-sev1"), eq(List.of(Audience.TEAM)), any());
        verify(notifier, never()).notify(anyLong(), eq("sev1-received"), any(), any());
    }

    @Test
    void outOfHoursWithExtendedSupportTheOnCallEngineerIsPagedAndDecides() {
        ProcessInstance outage = report(false, true, true);

        assertThat(outage).hasPassed("Task_SendExtendedSupportNotice")
                .isWaitingAt("CallActivity_ExtendedSupportEscalation");
        verify(notifier).notify(eq(TICKET), eq("sev1-extended-support"), eq(CUSTOMER), any());
        ProcessInstance escalation = calledProcessInstance(EscalationDiagram.PROCESS_KEY);
        assertThat(escalation).hasBusinessKey("SD-1001").isWaitingAt(EscalationDiagram.ACKNOWLEDGE_TASK);

        when(services.acting().user(any())).thenReturn("olivia");
        taskService().claim(task(escalation).getId(), "olivia");
        ProcessTestEngine.submit(task(escalation), Variables.putValue(OUTAGE_DECISION, "CONFIRM"));

        assertThat(outage).hasPassed(Sev1OutageDiagram.CONFIRM_OUTAGE, "EndEvent_OutageConfirmed").isEnded()
                .variables().containsEntry(ACKNOWLEDGED_BY, "olivia").containsEntry(ASSIGNEE, "olivia")
                .containsEntry(OUTAGE_CONFIRMED, true).containsEntry(FIRST_RESPONDED_AT, Date.from(NOW));
        verify(services.outages()).confirm(TICKET);
        verify(notifier, never()).notify(anyLong(), eq("new-sev1"), any(), any());
    }

    @Test
    void outOfHoursWithExtendedSupportTheOnCallEngineerMayDowngradeWithAReason() {
        ProcessInstance outage = report(false, true, true);
        assertThat(outage).isWaitingAt("CallActivity_ExtendedSupportEscalation");
        ProcessInstance escalation = calledProcessInstance(EscalationDiagram.PROCESS_KEY);
        when(services.acting().user(any())).thenReturn("olivia");

        ProcessTestEngine.submit(task(escalation), Variables.putValue(OUTAGE_DECISION, "NOT_AN_OUTAGE")
                .putValue(ENGINEER_NOTE, "Only a test system is down"));

        verify(services.outages()).downgrade(TICKET, "olivia", "Only a test system is down", "team-repository");
    }

    @Test
    void aConfirmedOutageIsOpenWithTheEngineerAndAnswered() {
        ProcessInstance outage = report(true, true, false);

        ProcessTestEngine.submit(task(outage), Variables.putValue(OUTAGE_DECISION, "CONFIRM"));

        assertThat(outage).hasPassed(Sev1OutageDiagram.CONFIRM_OUTAGE, "EndEvent_OutageConfirmed").isEnded()
                .variables().containsEntry(OUTAGE_CONFIRMED, true).containsEntry(STATUS, "OPEN")
                .containsEntry(FIRST_RESPONDED_AT, Date.from(NOW)).containsEntry(PRIORITY, "URGENT");
        verify(services.outages()).confirm(TICKET);
        verify(services.outages(), never()).downgrade(anyLong(), any(), any(), any());
    }

    @Test
    void notAnOutageGoesBackToTheRoutedTeamAtNormalPriorityWithTheReason() {
        ProcessInstance outage = report(true, true, false);
        when(services.acting().user(any())).thenReturn("erin");

        ProcessTestEngine.submit(task(outage), Variables.putValue(OUTAGE_DECISION, "NOT_AN_OUTAGE")
                .putValue(ENGINEER_NOTE, "A single user cannot log in"));

        assertThat(outage).hasPassed(Sev1OutageDiagram.DOWNGRADE_URGENCY, "Task_SendDowngradeNotice", "EndEvent_Downgraded")
                .isEnded().variables().containsEntry(PRIORITY, "NORMAL").containsEntry(TEAM, "team-repository")
                .containsEntry(OUTAGE_CONFIRMED, false).containsEntry(SEV1_DOWNGRADED, true)
                .containsEntry(ORGANIZATION_SEV1_DOWNGRADES, 1);
        verify(services.outages()).downgrade(TICKET, "erin", "A single user cannot log in", "team-repository");
        verify(notifier).notify(eq(TICKET), eq("urgency-lowered"), eq(CUSTOMER), any());
    }

    @Test
    void requestingLogsAsksTheCustomerAndReturnsToTheAssessment() {
        ProcessInstance outage = report(true, true, false);

        ProcessTestEngine.submit(task(outage), Variables.putValue(OUTAGE_DECISION, "REQUEST_LOGS"));

        assertThat(outage).hasPassed(Sev1OutageDiagram.REQUEST_LOGS_AGAIN).isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);
        verify(notifier).notify(eq(TICKET), eq("sev1-logs-request"), eq(CUSTOMER), any());
        verify(services.outages(), never()).confirm(anyLong());
        verify(services.outages(), never()).downgrade(anyLong(), any(), any(), any());
    }

    @Test
    void noResponseWithinAnHourEscalatesToTheManagersAndTheAssessmentGoesOn() {
        ProcessInstance outage = report(true, true, false);
        org.camunda.bpm.engine.runtime.Job due = managementService().createJobQuery()
                .processInstanceId(outage.getId()).activityId(Sev1OutageDiagram.RESPONSE_DUE_TIMER).singleResult();
        assertThat(due.getDuedate()).isEqualTo(IN_AN_HOUR);

        execute(due);

        assertThat(outage).hasPassed("Task_EscalateToManagers", Sev1OutageDiagram.RECORD_SEV1_ESCALATION, "EndEvent_ManagersAlerted")
                .isWaitingAt(Sev1OutageDiagram.ASSESS_TASK).variables().containsEntry(FIRST_RESPONSE_BREACHED, true);
        verify(notifier).notify(eq(TICKET), eq("sev1-escalation"), eq(List.of(Audience.MANAGERS)), any());
        verify(services.workflow()).recordFirstResponseBreach(TICKET);
    }

    private ProcessInstance report(boolean open, boolean attachments, boolean extendedSupport) {
        when(services.businessTime().isOpen(any())).thenReturn(open);
        return runtimeService().startProcessInstanceByKey(Sev1OutageDiagram.PROCESS_KEY, "SD-1001", Variables
                .putValue(TICKET_ID, TICKET).putValue(TICKET_NUMBER, "SD-1001").putValue(SUMMARY, "Repository down")
                .putValue(TEAM, "team-repository").putValue(PRIORITY, "URGENT")
                .putValue(STATUS, "NEW").putValue(ASSIGNEE, null).putValue(FIRST_RESPONDED_AT, null)
                .putValue(RECEIVED_AT, Date.from(NOW))
                .putValue(HAS_ATTACHMENTS, attachments).putValue(EXTENDED_SUPPORT, extendedSupport));
    }
}
