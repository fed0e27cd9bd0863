package org.supportdesk.outage;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.supportdesk.outage.OutageVariables.OUTAGE_DECISION;
import static org.supportdesk.ticket.TicketVariables.ASSIGNEE;
import static org.supportdesk.ticket.TicketVariables.EXTENDED_SUPPORT;
import static org.supportdesk.ticket.TicketVariables.FIRST_RESPONDED_AT;
import static org.supportdesk.ticket.TicketVariables.HAS_ATTACHMENTS;
import static org.supportdesk.ticket.TicketVariables.PRIORITY;
import static org.supportdesk.ticket.TicketVariables.RECEIVED_AT;
import static org.supportdesk.ticket.TicketVariables.STATUS;
import static org.supportdesk.ticket.TicketVariables.SUMMARY;
import static org.supportdesk.ticket.TicketVariables.TEAM;
import static org.supportdesk.ticket.TicketVariables.TICKET_ID;
import static org.supportdesk.ticket.TicketVariables.TICKET_NUMBER;

import java.time.Clock;
import java.util.EnumSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.supportdesk.EngineTime;
import org.supportdesk.ProcessTestEngine;
import org.supportdesk.ProcessTestEngine.Services;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Organization;
import org.supportdesk.calendar.BusinessCalendar;
import org.supportdesk.calendar.CalendarProperties;
import org.supportdesk.calendar.EngineClock;
import org.supportdesk.calendar.PublicHolidays;
import org.supportdesk.processes.EscalationDiagram;
import org.supportdesk.processes.Sev1OutageDiagram;
import org.supportdesk.ticket.Audience;
import org.supportdesk.ticket.BusinessTime;
import org.supportdesk.ticket.NextReplyRepository;
import org.supportdesk.ticket.ResponseTargets;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketNotifier;
import org.supportdesk.ticket.TicketRepository;

/**
 * R18/R19 at closing time (issue #23): an outage filed shortly before business hours end, in the customer's zone
 * (New York, US holidays), with and without Extended Support. The diagram runs with its real delegates and the real
 * business calendar; only the services behind them are mocked.
 */
class Sev1AtClosingPathsTest {

    static final ZoneId NEW_YORK = EngineTime.NEW_YORK;
    static final long TICKET = 1001;
    static final List<Audience> CUSTOMER = List.of(Audience.CUSTOMER);
    /** Friday 4 December 2026, one minute before closing. */
    static final String FRIDAY_1659 = "2026-12-04T16:59";
    /** Thursday 24 December 2026: Christmas Day, Friday, is a US holiday. */
    static final String BEFORE_CHRISTMAS_1630 = "2026-12-24T16:30";
    /** Monday 7 December 2026, a minute before opening. */
    static final String MONDAY_0859 = "2026-12-07T08:59";

    Services services;
    TicketNotifier notifier;
    final List<Map<String, Object>> customerMails = new ArrayList<>();

    @AfterEach
    void clock() {
        ProcessTestEngine.reset();
    }

    @Test
    void r18_filedAt1659OnFridayWithoutExtendedSupportTheHourIsDueMondayAt0959AndTheCustomerIsToldSo() {
        ProcessInstance outage = report(FRIDAY_1659, false);

        assertThat(outage).hasPassed(Sev1OutageDiagram.SEND_SEV1_RECEIVED).isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);
        assertThat(due(outage, Sev1OutageDiagram.RESPONSE_DUE_TIMER)).isEqualTo(newYork("2026-12-07T09:59"));
        assertThat(told("sev1-received", "respondBy"))
                .containsExactly("Monday 7 December 2026, 09:59 EST (America/New_York)");
    }

    @Test
    void r18_filedAt1659OnFridayWithoutExtendedSupportTheOutageWaitsInTheQueueOverTheWeekendAndNoManagerIsAlerted() {
        ProcessInstance outage = report(FRIDAY_1659, false);
        assertThat(due(outage, Sev1OutageDiagram.BUSINESS_HOURS_END)).isEqualTo(newYork("2026-12-04T17:00"));

        closeOfBusiness(outage, "2026-12-04T17:00");
        EngineTime.set(newYork("2026-12-04T17:59").toInstant());

        assertThat(outage).hasPassed("EndEvent_StaysInQueue").isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);
        assertThat(task(outage)).hasCandidateGroup("team-sev1");
        assertThat(due(outage, Sev1OutageDiagram.RESPONSE_DUE_TIMER)).as("still Monday, not 17:59")
                .isEqualTo(newYork("2026-12-07T09:59"));
        assertThat(jobs(outage)).extracting(Job::getDuedate).containsExactly(newYork("2026-12-07T09:59"));
        verify(notifier, never()).notify(anyLong(), eq("sev1-escalation"), any(), any());
        verify(notifier, never()).notify(anyLong(), eq("outage-page"), any(), any());
        verify(notifier, never()).notify(anyLong(), eq("sev1-extended-support"), any(), any());
    }

    @Test
    void r19_filedAt1659OnFridayWithExtendedSupportTheOnCallEngineerIsPagedAtClosingAndEvery30MinutesUntilAcknowledged() {
        ProcessInstance outage = report(FRIDAY_1659, true);
        assertThat(told("sev1-received", "respondBy"))
                .containsExactly("Friday 4 December 2026, 17:59 EST (America/New_York)");
        assertThat(task(outage)).hasCandidateGroup("team-sev1");

        closeOfBusiness(outage, "2026-12-04T17:00");

        assertThat(outage).hasPassed(Sev1OutageDiagram.HANDED_OVER_TO_ONCALL, "Task_SendExtendedSupportNotice")
                .isWaitingAt(Sev1OutageDiagram.EXTENDED_SUPPORT_ESCALATION);
        assertThat(jobs(outage)).as("no SEV-1 queue, no breach mail at 17:59").isEmpty();
        verify(notifier).notify(eq(TICKET), eq("sev1-extended-support"), eq(CUSTOMER), any());
        ProcessInstance paging = calledProcessInstance(EscalationDiagram.PROCESS_KEY);
        assertThat(paging).hasPassed(EscalationDiagram.PAGE_ONCALL).isWaitingAt(EscalationDiagram.ACKNOWLEDGE_TASK);
        assertThat(task(paging)).hasCandidateGroup("oncall");
        verify(notifier).notify(eq(TICKET), eq("outage-page"), eq(List.of(Audience.ONCALL)), any());
        assertThat(only(jobs(paging)).getDuedate()).isEqualTo(newYork("2026-12-04T17:30"));

        EngineTime.set(newYork("2026-12-04T17:30").toInstant());
        managementService().executeJob(only(jobs(paging)).getId());

        verify(notifier).notify(eq(TICKET), eq("outage-escalation"),
                eq(List.of(Audience.ONCALL, Audience.ONCALL_BACKUP, Audience.MANAGERS)), any());
        assertThat(only(jobs(paging)).getDuedate()).isEqualTo(newYork("2026-12-04T18:00"));
        verify(notifier, never()).notify(anyLong(), eq("sev1-escalation"), any(), any());
    }

    @Test
    void r18_filedAt1630BeforeAHolidayWithoutExtendedSupportTheHourIsDueOnTheNextBusinessDay() {
        ProcessInstance outage = report(BEFORE_CHRISTMAS_1630, false);

        assertThat(due(outage, Sev1OutageDiagram.RESPONSE_DUE_TIMER)).as("Christmas Day and the weekend skipped")
                .isEqualTo(newYork("2026-12-28T09:30"));
        assertThat(told("sev1-received", "respondBy"))
                .containsExactly("Monday 28 December 2026, 09:30 EST (America/New_York)");

        closeOfBusiness(outage, "2026-12-24T17:00");

        assertThat(outage).isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);
        assertThat(due(outage, Sev1OutageDiagram.RESPONSE_DUE_TIMER)).isEqualTo(newYork("2026-12-28T09:30"));
        verify(notifier, never()).notify(anyLong(), eq("outage-page"), any(), any());
    }

    @Test
    void r19_filedAt1630BeforeAHolidayWithExtendedSupportTheOnCallEngineerIsPagedAtClosing() {
        ProcessInstance outage = report(BEFORE_CHRISTMAS_1630, true);
        assertThat(told("sev1-received", "respondBy"))
                .containsExactly("Thursday 24 December 2026, 17:30 EST (America/New_York)");
        assertThat(due(outage, Sev1OutageDiagram.RESPONSE_DUE_TIMER)).isEqualTo(newYork("2026-12-24T17:30"));

        closeOfBusiness(outage, "2026-12-24T17:00");

        assertThat(outage).isWaitingAt(Sev1OutageDiagram.EXTENDED_SUPPORT_ESCALATION);
        assertThat(jobs(outage)).as("the 17:30 target went with the queue").isEmpty();
        verify(notifier).notify(eq(TICKET), eq("outage-page"), eq(List.of(Audience.ONCALL)), any());
        verify(notifier, never()).notify(anyLong(), eq("sev1-escalation"), any(), any());
    }

    @Test
    void r18_filedAt0859OnMondayWithoutExtendedSupportTheHourCountsFromTheOpeningAt0900() {
        ProcessInstance outage = report(MONDAY_0859, false);

        assertThat(outage).hasPassed(Sev1OutageDiagram.SEND_OUT_OF_HOURS_NOTICE)
                .isWaitingAt(Sev1OutageDiagram.NEXT_OPENING_TIMER);
        assertThat(told("sev1-out-of-hours", "workStartsAt"))
                .containsExactly("Monday 7 December 2026, 09:00 EST (America/New_York)");
        assertThat(told("sev1-out-of-hours", "respondBy"))
                .containsExactly("Monday 7 December 2026, 10:00 EST (America/New_York)");
        assertThat(due(outage, Sev1OutageDiagram.NEXT_OPENING_TIMER)).isEqualTo(newYork("2026-12-07T09:00"));

        EngineTime.set(newYork("2026-12-07T09:00").toInstant());
        managementService().executeJob(only(jobs(outage)).getId());

        assertThat(outage).isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);
        assertThat(due(outage, Sev1OutageDiagram.RESPONSE_DUE_TIMER)).isEqualTo(newYork("2026-12-07T10:00"));
        assertThat(due(outage, Sev1OutageDiagram.BUSINESS_HOURS_END)).isEqualTo(newYork("2026-12-07T17:00"));
        verify(notifier).notify(eq(TICKET), eq("new-sev1"), eq(List.of(Audience.TEAM)), any());
        verify(notifier, never()).notify(anyLong(), eq("outage-page"), any(), any());
    }

    @Test
    void r19_filedAt0859OnMondayWithExtendedSupportTheOnCallEngineerIsPagedAtOnce() {
        ProcessInstance outage = report(MONDAY_0859, true);

        assertThat(outage).hasPassed("Task_SendExtendedSupportNotice")
                .hasNotPassed(Sev1OutageDiagram.SEND_OUT_OF_HOURS_NOTICE)
                .isWaitingAt(Sev1OutageDiagram.EXTENDED_SUPPORT_ESCALATION);
        assertThat(jobs(outage)).isEmpty();
        assertThat(calledProcessInstance(EscalationDiagram.PROCESS_KEY)).isWaitingAt(EscalationDiagram.ACKNOWLEDGE_TASK);
        verify(notifier).notify(eq(TICKET), eq("outage-page"), eq(List.of(Audience.ONCALL)), any());
        verify(notifier, never()).notify(anyLong(), eq("sev1-out-of-hours"), any(), any());
    }

    @Test
    void r19_anOutageAssessedBeforeClosingStaysWithItsEngineerAndNobodyIsPaged() {
        ProcessInstance outage = report(BEFORE_CHRISTMAS_1630, true);
        when(services.acting().user(any())).thenReturn("erin");

        ProcessTestEngine.submit(task(outage), Variables.putValue(OUTAGE_DECISION, "CONFIRM"));

        assertThat(outage).hasPassed(Sev1OutageDiagram.CONFIRM_OUTAGE).isEnded();
        assertThat(jobs(outage)).as("no hand-over waits for closing").isEmpty();
        verify(notifier, never()).notify(anyLong(), eq("outage-page"), any(), any());
    }

    /** Files the outage at a New York local time, the business calendar real, the ticket's organisation in New York. */
    private ProcessInstance report(String filedAt, boolean extendedSupport) {
        Instant filed = EngineTime.at(filedAt, NEW_YORK);
        services = ProcessTestEngine.withMockedServices(filed);
        notifier = services.notifier();
        when(services.outages().markSev1(TICKET, "team-sev1")).thenReturn("team-repository");
        doAnswer(call -> {
            Map<String, ?> values = call.getArgument(3);
            Map<String, Object> mail = new java.util.HashMap<>();
            mail.put("template", call.getArgument(1));
            mail.put("respondBy", values.get("respondBy"));
            mail.put("workStartsAt", values.get("workStartsAt"));
            return customerMails.add(mail);
        }).when(notifier).notify(eq(TICKET), any(), eq(CUSTOMER), any());
        ProcessTestEngine.register("businessTime", realBusinessTime());
        return runtimeService().startProcessInstanceByKey(Sev1OutageDiagram.PROCESS_KEY, "SD-1001", Variables
                .putValue(TICKET_ID, TICKET).putValue(TICKET_NUMBER, "SD-1001").putValue(SUMMARY, "Repository down")
                .putValue(TEAM, "team-repository").putValue(PRIORITY, "URGENT")
                .putValue(STATUS, "NEW").putValue(ASSIGNEE, null).putValue(FIRST_RESPONDED_AT, null)
                .putValue(RECEIVED_AT, Date.from(filed))
                .putValue(HAS_ATTACHMENTS, true).putValue(EXTENDED_SUPPORT, extendedSupport));
    }

    /** The application's business time: 09:00–17:00 Monday to Friday, US public holidays (the vendor's and Acme's), the engine's clock. */
    private static BusinessTime realBusinessTime() {
        BusinessCalendar calendar = new BusinessCalendar(new CalendarProperties(LocalTime.of(9, 0),
                LocalTime.of(17, 0), EnumSet.range(MONDAY, FRIDAY), "US", List.of()), new PublicHolidays());
        AccountRepository accounts = mock(AccountRepository.class);
        when(accounts.findOrganization("acme")).thenReturn(Optional.of(new Organization("acme", "Acme", NEW_YORK,
                "US")));
        Ticket ticket = mock(Ticket.class);
        when(ticket.organizationId()).thenReturn("acme");
        TicketRepository tickets = mock(TicketRepository.class);
        when(tickets.find(TICKET)).thenReturn(Optional.of(ticket));
        Clock clock = new EngineClock();
        return new BusinessTime(calendar, accounts, tickets, clock, mock(ResponseTargets.class),
                mock(NextReplyRepository.class));
    }

    /** Business hours end: the engine's clock reaches closing and the closing timer fires. */
    private void closeOfBusiness(ProcessInstance outage, String closing) {
        EngineTime.set(EngineTime.at(closing, NEW_YORK));
        Job job = job(outage, Sev1OutageDiagram.BUSINESS_HOURS_END);
        assertThat(job.getDuedate()).isEqualTo(newYork(closing));
        managementService().executeJob(job.getId());
    }

    /** What the customer mails of a template were given for {@code name}, in order. */
    private List<Object> told(String template, String name) {
        return customerMails.stream().filter(mail -> mail.get("template").equals(template))
                .map(mail -> mail.get(name)).toList();
    }

    private static Date due(ProcessInstance instance, String activityId) {
        return job(instance, activityId).getDuedate();
    }

    private static Job job(ProcessInstance instance, String activityId) {
        return only(managementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
                .list());
    }

    private static List<Job> jobs(ProcessInstance instance) {
        return managementService().createJobQuery().processInstanceId(instance.getId()).list();
    }

    private static Job only(List<Job> jobs) {
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    private static Date newYork(String localDateTime) {
        return Date.from(LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant());
    }
}
