package org.supportdesk.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.supportdesk.outage.OutageVariables.ACKNOWLEDGED_AT;
import static org.supportdesk.outage.OutageVariables.ACKNOWLEDGED_BY;
import static org.supportdesk.outage.OutageVariables.OUTAGE_DECISION;
import static org.supportdesk.ticket.TicketVariables.ASSIGNEE;
import static org.supportdesk.ticket.TicketVariables.SUMMARY;
import static org.supportdesk.ticket.TicketVariables.TICKET_NUMBER;
import static org.supportdesk.ticket.TicketVariables.FIRST_RESPONDED_AT;
import static org.supportdesk.ticket.TicketVariables.TICKET_ID;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportdesk.ProcessTestEngine;
import org.supportdesk.ProcessTestEngine.Services;
import org.supportdesk.ticket.Audience;
import org.supportdesk.processes.EscalationDiagram;

/** Every path of {@code extended-support-escalation} (R21), its steps' services mocked. */
class ExtendedSupportEscalationPathsTest {

    static final Instant NIGHT = Instant.parse("2026-12-02T03:00:00Z");
    static final long TICKET = 1001;

    Services services;

    @BeforeEach
    void engine() {
        services = ProcessTestEngine.withMockedServices(NIGHT);
    }

    @AfterEach
    void clock() {
        ProcessTestEngine.reset();
    }

    @Test
    void theOnCallEngineerIsPagedAndTheAcknowledgerKeepsTheTicket() {
        ProcessInstance escalation = escalate();
        verify(services.notifier()).notify(eq(TICKET), eq("outage-page"), eq(List.of(Audience.ONCALL)), any());
        assertThat(escalation).isWaitingAt(EscalationDiagram.ACKNOWLEDGE_TASK);
        assertThat(task()).hasCandidateGroup("oncall").hasCandidateGroup("oncall-backup")
                .hasCandidateGroup("support-managers");

        when(services.acting().user(any())).thenReturn("olivia");
        taskService().claim(task().getId(), "olivia");
        complete(task(), Variables.putValue(OUTAGE_DECISION, "CONFIRM"));

        assertThat(escalation).hasPassed(EscalationDiagram.RECORD_ACKNOWLEDGEMENT, "EndEvent_Acknowledged").isEnded()
                .variables().containsEntry(ASSIGNEE, "olivia").containsEntry(ACKNOWLEDGED_BY, "olivia")
                .containsEntry(ACKNOWLEDGED_AT, Date.from(NIGHT)).containsEntry(FIRST_RESPONDED_AT, Date.from(NIGHT));
        verify(services.workflow()).recordAssignee(TICKET, "olivia");
        verify(services.outages()).acknowledge(TICKET, "olivia");
        verify(services.notifier(), never()).notify(anyLong(), eq("outage-escalation"), any(), any());
    }

    @Test
    void withoutAcknowledgementTheBackupAndTheDutyManagerArePagedEveryThirtyMinutes() {
        ProcessInstance escalation = escalate();
        Instant firstPage = NIGHT.plus(Duration.ofMinutes(30));
        assertThat(job(escalation).getDuedate()).isEqualTo(Date.from(firstPage));

        ProcessTestEngine.now(firstPage);
        execute(job(escalation));

        verify(services.notifier()).notify(eq(TICKET), eq("outage-escalation"),
                eq(List.of(Audience.ONCALL, Audience.ONCALL_BACKUP, Audience.MANAGERS)), any());
        assertThat(escalation).hasPassed(EscalationDiagram.PAGE_BACKUP_AND_MANAGER, "EndEvent_Escalated")
                .isWaitingAt(EscalationDiagram.ACKNOWLEDGE_TASK);
        assertThat(job(escalation).getDuedate()).isEqualTo(Date.from(firstPage.plus(Duration.ofMinutes(30))));
        verify(services.outages(), never()).acknowledge(anyLong(), any());
    }

    private static ProcessInstance escalate() {
        return runtimeService().startProcessInstanceByKey(EscalationDiagram.PROCESS_KEY, "SD-1001",
                Variables.putValue(TICKET_ID, TICKET).putValue(TICKET_NUMBER, "SD-1001").putValue(SUMMARY, "Repository down")
                        .putValue(ASSIGNEE, null).putValue(FIRST_RESPONDED_AT, null));
    }
}
