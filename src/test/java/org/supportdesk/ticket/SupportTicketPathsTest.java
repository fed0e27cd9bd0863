package org.supportdesk.ticket;

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
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.times;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.when;
import static org.supportdesk.outage.OutageVariables.ACKNOWLEDGED_AT;
import static org.supportdesk.outage.OutageVariables.ACKNOWLEDGED_BY;
import static org.supportdesk.outage.OutageVariables.OUTAGE_DECISION;
import static org.supportdesk.outage.OutageVariables.STANDARD_TEAM;
import static org.supportdesk.ticket.TicketVariables.ACTION;
import static org.supportdesk.ticket.TicketVariables.ENGINEER_NOTE;
import static org.supportdesk.ticket.TicketVariables.AGENT_ACTION;
import static org.supportdesk.ticket.TicketVariables.ASSIGNEE;
import static org.supportdesk.ticket.TicketVariables.BUSINESS_IMPACT;
import static org.supportdesk.ticket.TicketVariables.CLOSE_REASON;
import static org.supportdesk.ticket.TicketVariables.CONCERN_TYPE;
import static org.supportdesk.ticket.TicketVariables.EXTENDED_SUPPORT;
import static org.supportdesk.ticket.TicketVariables.FIRST_RESPONDED_AT;
import static org.supportdesk.ticket.TicketVariables.FIRST_RESPONSE_BREACHED;
import static org.supportdesk.ticket.TicketVariables.FOLLOW_UP_OF;
import static org.supportdesk.ticket.TicketVariables.HAS_ATTACHMENTS;
import static org.supportdesk.ticket.TicketVariables.OUTAGE_CONFIRMED;
import static org.supportdesk.ticket.TicketVariables.PENDING_SINCE;
import static org.supportdesk.ticket.TicketVariables.PRIORITY;
import static org.supportdesk.ticket.TicketVariables.PRODUCT;
import static org.supportdesk.ticket.TicketVariables.RECEIVED_AT;
import static org.supportdesk.ticket.TicketVariables.REPLY;
import static org.supportdesk.ticket.TicketVariables.SEV1_DOWNGRADED;
import static org.supportdesk.ticket.TicketVariables.STATUS;
import static org.supportdesk.ticket.TicketVariables.TEAM;
import static org.supportdesk.ticket.TicketVariables.TICKET_ID;
import static org.supportdesk.ticket.TicketVariables.SUMMARY;
import static org.supportdesk.ticket.TicketVariables.TICKET_NUMBER;
import static org.supportdesk.ticket.TicketVariables.NEW_TEAM;
import static org.supportdesk.ticket.TicketVariables.NEW_PRIORITY;
import static org.supportdesk.ticket.TicketVariables.NOTE;
import static org.supportdesk.ticket.TicketVariables.TOPIC;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.supportdesk.ProcessTestEngine.Services;
import org.supportdesk.ProcessTestEngine;
import org.supportdesk.catalog.Product;
import org.supportdesk.staff.StaffGroup;
import org.supportdesk.processes.EscalationDiagram;
import org.supportdesk.processes.Sev1OutageDiagram;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * Every path of {@code support-ticket}, with the routing decision and the real steps, their services mocked.
 * The ticket was filed on Tuesday 1 December 2026 at 10:00 New York time; business time answers with fixed dates.
 */
class SupportTicketPathsTest {

    static final Instant RECEIVED = Instant.parse("2026-12-01T15:00:00Z");
    static final long TICKET = 1001;
    static final String NUMBER = "SD-1001";
    static final Date FOUR_BUSINESS_HOURS = date("2026-12-01T19:00:00Z");
    static final Date EIGHT_BUSINESS_HOURS = date("2026-12-02T15:00:00Z");
    static final Date ONE_HOUR = date("2026-12-01T16:00:00Z");
    static final Date TWO_BUSINESS_DAYS = date("2026-12-03T15:00:00Z");
    static final Date FIVE_BUSINESS_DAYS = date("2026-12-08T15:00:00Z");
    static final Date TEN_BUSINESS_DAYS = date("2026-12-15T15:00:00Z");
    /** R11 next reply: what business time answers for a customer's reply that waits (HIGH, 4 business hours). */
    static final Date NEXT_REPLY_DUE = date("2026-12-02T18:00:00Z");
    static final List<Audience> CUSTOMER = List.of(Audience.CUSTOMER);
    static final List<Audience> ASSIGNED = List.of(Audience.ASSIGNEE);

    Services services;
    TicketWorkflow workflow;
    TicketNotifier notifier;

    @BeforeEach
    void engine() {
        services = ProcessTestEngine.withMockedServices(RECEIVED);
        workflow = services.workflow();
        notifier = services.notifier();
        BusinessTime businessTime = services.businessTime();
        Date received = Date.from(RECEIVED);
        // R11 by priority, as BusinessTime computes it from the ticket row (routing writes the same priority there)
        when(businessTime.firstResponseDue(any(VariableScope.class))).thenAnswer(call -> {
            Object priority = call.<VariableScope>getArgument(0).getVariable(PRIORITY);
            return "URGENT".equals(priority) ? ONE_HOUR : "HIGH".equals(priority) ? FOUR_BUSINESS_HOURS
                    : EIGHT_BUSINESS_HOURS;
        });
        when(businessTime.plusBusinessDays(any(), eq(received), eq(2L))).thenReturn(TWO_BUSINESS_DAYS);
        when(businessTime.plusBusinessDays(any(), eq(received), eq(5L))).thenReturn(FIVE_BUSINESS_DAYS);
        when(businessTime.plusBusinessDays(any(), eq(received), eq(10L))).thenReturn(TEN_BUSINESS_DAYS);
        when(businessTime.isOpen(any())).thenReturn(true);
        when(services.outages().markSev1(TICKET, "team-sev1")).thenReturn("team-repository");
        when(services.acting().user(any())).thenAnswer(call -> TicketVariables.assignee(call.getArgument(0)));
    }

    @AfterEach
    void clock() {
        ProcessTestEngine.reset();
    }

    // routing and triage

    @Test
    void aTicketIsRoutedByTheDecisionAcknowledgedAndQueuedForTriage() {
        ProcessInstance ticket = file("LIFECYCLE", "CONFIGURATION", "PROBLEM", "HIGH");

        assertThat(ticket).hasPassed("Task_RouteTicket", "Task_RecordRouting", "Task_SendAcknowledgement",
                "Task_NotifyTeam").isWaitingAt(SupportTicketDiagram.TRIAGE_TASK)
                .variables().containsEntry(TEAM, "team-lifecycle").containsEntry(PRIORITY, "HIGH");
        assertThat(task(ticket)).hasCandidateGroup("team-lifecycle");
        verify(workflow).recordRouting(TICKET, new Routing(Priority.HIGH, StaffGroup.TEAM_LIFECYCLE, Product.LIFECYCLE,
                Topic.CONFIGURATION, null));
        InOrder mails = inOrder(notifier);
        mails.verify(notifier).notify(eq(TICKET), eq("acknowledgement"), eq(CUSTOMER), any());
        mails.verify(notifier).notify(eq(TICKET), eq("new-ticket"), eq(List.of(Audience.TEAM)), any());
    }

    @Test
    void aFollowUpIsAcknowledgedAsAFollowUp() {
        file(start("LIFECYCLE", "CONFIGURATION", "QUESTION", "NORMAL").putValue(FOLLOW_UP_OF, "SD-1000"));

        verify(notifier).notify(eq(TICKET), eq("follow-up-created"), eq(CUSTOMER), any());
        verify(notifier, never()).notify(anyLong(), eq("acknowledgement"), any(), any());
    }

    @Test
    void triageRecordsTheAssessedTeamAndPriorityAndOpensTheTicket() {
        ProcessInstance ticket = file("LIFECYCLE", "CONFIGURATION", "PROBLEM", "HIGH");

        ProcessTestEngine.submit(task(ticket), withVariables(TEAM, "team-repository", PRIORITY, "NORMAL",
                PRODUCT, "REPOSITORY_MANAGER", TOPIC, "PERFORMANCE"));

        assertThat(ticket).hasPassed("Task_ApplyTriage", SupportTicketDiagram.MARK_OPEN).isWaitingAt(SupportTicketDiagram.WORK_TASK)
                .variables().containsEntry(STATUS, "OPEN");
        assertThat(task(ticket)).hasCandidateGroup("team-repository");
        verify(workflow).recordRouting(TICKET, new Routing(Priority.NORMAL, StaffGroup.TEAM_REPOSITORY,
                Product.REPOSITORY_MANAGER, Topic.PERFORMANCE, null));
        verify(workflow).changeStatus(TICKET, TicketStatus.OPEN, null);
    }

    // the agent's work

    @Test
    void aReplyIsMailedAndTheTicketReturnsToTheSameAgent() {
        ProcessInstance ticket = workedBy("alice");

        ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "REPLY", REPLY, "Restart the agent"));

        assertThat(ticket).hasPassed("Task_RecordAgentAction", "Task_SendReply").isWaitingAt(SupportTicketDiagram.WORK_TASK)
                .variables().containsEntry(AGENT_ACTION, "REPLY").containsEntry(FIRST_RESPONDED_AT, Date.from(RECEIVED))
                .doesNotContainKeys(ACTION, REPLY);
        assertThat(task(ticket)).isAssignedTo("alice");
        assertThat(task(ticket).getDueDate()).as("answered: no first-response target, no reply waiting").isNull();
        verify(workflow).recordAgentAction(TICKET, "alice",
                new TicketWorkflow.AgentInput(AgentAction.REPLY, "Restart the agent", null, null));
        verify(notifier).notify(eq(TICKET), eq("agent-reply"), eq(CUSTOMER), any());
    }

    @Test
    void aNoteIsKeptForStaffAndTheWorkGoesOnWithoutAnyMail() {
        ProcessInstance ticket = workedBy("alice");
        clearInvocations(notifier);

        ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "NOTE", NOTE, "Customer called: it is their staging server"));

        assertThat(ticket).hasPassed("Task_RecordAgentAction").isWaitingAt(SupportTicketDiagram.WORK_TASK)
                .variables().containsEntry(AGENT_ACTION, "NOTE").containsEntry(FIRST_RESPONDED_AT, null);
        assertThat(task(ticket)).isAssignedTo("alice");
        verify(workflow).recordAgentAction(TICKET, "alice",
                new TicketWorkflow.AgentInput(AgentAction.NOTE, null, "Customer called: it is their staging server", null));
        verifyNoInteractions(notifier);
    }

    @Test
    void reTriageMovesTheTicketToTheNewTeamsQueue() {
        ProcessInstance ticket = workedBy("alice");
        when(workflow.retriage(TICKET, Priority.URGENT, StaffGroup.TEAM_REPOSITORY, ticket.getId(), false, null))
                .thenReturn(new TicketWorkflow.Reroute(Priority.URGENT, "team-repository", true));

        ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "RETRIAGE", NEW_PRIORITY, "URGENT", NEW_TEAM, "team-repository"));

        assertThat(ticket).hasPassed("Task_RetriageTicket").isWaitingAt(SupportTicketDiagram.WORK_TASK)
                .variables().containsEntry(PRIORITY, "URGENT").containsEntry(TEAM, "team-repository")
                .doesNotContainKeys(NEW_PRIORITY, NEW_TEAM);
        assertThat(task(ticket)).hasCandidateGroup("team-repository");
        assertThat(task(ticket).getAssignee()).isNull();
    }

    @Test
    void solvingClosesTheTicketAndTellsTheCustomer() {
        ProcessInstance ticket = workedBy("alice");

        ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "SOLVE"));

        assertThat(ticket).hasPassed(SupportTicketDiagram.CLOSE_SOLVED, "Task_SendSolvedNotice", "EndEvent_TicketSolved",
                "EndEvent_TicketClosed").isEnded()
                .variables().containsEntry(STATUS, "CLOSED").containsEntry(CLOSE_REASON, "SOLVED");
        verify(workflow).changeStatus(TICKET, TicketStatus.CLOSED, CloseReason.SOLVED);
        verify(notifier).notify(eq(TICKET), eq("solved"), eq(CUSTOMER), any());
    }

    @Test
    void aDuplicateIsClosedAsSuch() {
        ProcessInstance ticket = workedBy("alice");

        ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "CLOSE_DUPLICATE"));

        assertThat(ticket).hasPassed(SupportTicketDiagram.CLOSE_DUPLICATE, "Task_SendDuplicateNotice", "EndEvent_ClosedAsDuplicate")
                .isEnded().variables().containsEntry(STATUS, "CLOSED").containsEntry(CLOSE_REASON, "DUPLICATE");
        verify(workflow).changeStatus(TICKET, TicketStatus.CLOSED, CloseReason.DUPLICATE);
        verify(notifier).notify(eq(TICKET), eq("closed-duplicate"), eq(CUSTOMER), any());
    }

    // pending

    @Test
    void askingForInformationMakesTheTicketPendingWithRemindersAndAutoCloseInBusinessDays() {
        ProcessInstance ticket = pending();

        assertThat(ticket).hasPassed(SupportTicketDiagram.MARK_PENDING, "Task_SendInfoRequest")
                .isWaitingAt("Timer_FirstReminder", "Timer_SecondReminder", "Timer_AutoClose")
                .variables().containsEntry(STATUS, "PENDING").containsEntry(PENDING_SINCE, Date.from(RECEIVED));
        verify(workflow).changeStatus(TICKET, TicketStatus.PENDING, null);
        verify(notifier).notify(eq(TICKET), eq("info-request"), eq(CUSTOMER), any());
        assertThat(job("Timer_FirstReminder", ticket).getDuedate()).isEqualTo(TWO_BUSINESS_DAYS);
        assertThat(job("Timer_SecondReminder", ticket).getDuedate()).isEqualTo(FIVE_BUSINESS_DAYS);
        assertThat(job("Timer_AutoClose", ticket).getDuedate()).isEqualTo(TEN_BUSINESS_DAYS);
    }

    @Test
    void aCustomerReplyReopensThePendingTicketForTheAgentDueAtTheNextReplyAndCancelsTheTimers() {
        ProcessInstance ticket = pending();
        when(services.businessTime().nextReplyDue(any(VariableScope.class))).thenReturn(NEXT_REPLY_DUE);

        runtimeService().createMessageCorrelation(SupportTicketDiagram.CUSTOMER_REPLIED)
                .processInstanceId(ticket.getId()).correlate();

        assertThat(ticket).hasPassed("BoundaryEvent_CustomerReplied", SupportTicketDiagram.REOPEN, "Task_NotifyAssigneeOfReply")
                .isWaitingAt(SupportTicketDiagram.WORK_TASK).variables().containsEntry(STATUS, "OPEN");
        assertThat(task(ticket)).isAssignedTo("alice");
        assertThat(task(ticket).getDueDate()).isEqualTo(NEXT_REPLY_DUE);
        InOrder steps = inOrder(workflow, notifier);
        steps.verify(workflow).changeStatus(TICKET, TicketStatus.PENDING, null);
        steps.verify(workflow).changeStatus(TICKET, TicketStatus.OPEN, null);
        steps.verify(notifier).notify(eq(TICKET), eq("customer-replied"), eq(ASSIGNED), any());
        assertThat(managementService().createJobQuery().processInstanceId(ticket.getId()).list())
                .extracting(job -> job.getDuedate()).containsExactly(FOUR_BUSINESS_HOURS); // only the first-response timer
    }

    @Test
    void theFirstReminderIsSentAfterTwoBusinessDays() {
        ProcessInstance ticket = pending();

        execute(job("Timer_FirstReminder", ticket));

        assertThat(ticket).hasPassed(SupportTicketDiagram.SEND_FIRST_REMINDER, "EndEvent_FirstReminderSent")
                .isWaitingAt("Timer_SecondReminder", "Timer_AutoClose");
        verify(notifier).notify(eq(TICKET), eq("reminder-1"), eq(CUSTOMER), any());
        verify(notifier, never()).notify(anyLong(), eq("reminder-2"), any(), any());
    }

    @Test
    void theSecondReminderIsSentThreeBusinessDaysLater() {
        ProcessInstance ticket = pending();
        execute(job("Timer_FirstReminder", ticket));

        execute(job("Timer_SecondReminder", ticket));

        assertThat(ticket).hasPassed(SupportTicketDiagram.SEND_SECOND_REMINDER, "EndEvent_SecondReminderSent")
                .isWaitingAt("Timer_AutoClose");
        verify(notifier).notify(eq(TICKET), eq("reminder-2"), eq(CUSTOMER), any());
    }

    @Test
    void withoutAReplyTheTicketClosesAfterTenBusinessDays() {
        ProcessInstance ticket = pending();
        execute(job("Timer_FirstReminder", ticket));
        execute(job("Timer_SecondReminder", ticket));

        execute(job("Timer_AutoClose", ticket));

        assertThat(ticket).hasPassed("EndEvent_PendingExpired", SupportTicketDiagram.CLOSE_NO_RESPONSE, "Task_SendAutoCloseNotice",
                "EndEvent_ClosedNoResponse").isEnded()
                .variables().containsEntry(STATUS, "CLOSED").containsEntry(CLOSE_REASON, "NO_RESPONSE");
        verify(workflow).changeStatus(TICKET, TicketStatus.CLOSED, CloseReason.NO_RESPONSE);
        verify(notifier).notify(eq(TICKET), eq("auto-closed"), eq(CUSTOMER), any());
    }

    // R14: the agent finishes the wait

    @Test
    void r14_whilePendingTheAgentWhoAskedHasATaskWithTheWorkFormBesideTheReminders() {
        ProcessInstance ticket = pending();

        assertThat(ticket).isWaitingAt(SupportTicketDiagram.PENDING_TASK, "Timer_FirstReminder", "Timer_SecondReminder",
                "Timer_AutoClose");
        assertThat(task(ticket)).hasDefinitionKey(SupportTicketDiagram.PENDING_TASK).hasName("Pending SD-1001: Search is slow")
                .isAssignedTo("alice");
        assertThat(taskService().createTaskQuery().taskId(task(ticket).getId()).taskCandidateGroup("team-lifecycle")
                .includeAssignedTasks().count()).as("the team's, too").isOne();
        assertThat(taskService().createTaskQuery().taskId(task(ticket).getId()).initializeFormKeys().singleResult()
                .getCamundaFormRef().getKey()).as("the same answer form").isEqualTo("work-ticket");
    }

    @Test
    void r14_solvingAPendingTicketClosesItSolvedAndCancelsTheRemindersAndTheAutoClose() {
        ProcessInstance ticket = pending();
        clearInvocations(notifier);

        ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "SOLVE"));

        assertThat(ticket).hasPassed("Task_RecordPendingAction", SupportTicketDiagram.AGENT_FINISHED_PENDING,
                        SupportTicketDiagram.CLOSE_SOLVED, "Task_SendSolvedNotice", "EndEvent_TicketSolved")
                .hasNotPassed(SupportTicketDiagram.SEND_FIRST_REMINDER, SupportTicketDiagram.CLOSE_NO_RESPONSE).isEnded()
                .variables().containsEntry(STATUS, "CLOSED").containsEntry(CLOSE_REASON, "SOLVED");
        verify(workflow).recordAgentAction(TICKET, "alice",
                new TicketWorkflow.AgentInput(AgentAction.SOLVE, null, null, null));
        verify(workflow).changeStatus(TICKET, TicketStatus.CLOSED, CloseReason.SOLVED);
        verify(notifier).notify(eq(TICKET), eq("solved"), eq(CUSTOMER), any());
        verify(notifier, never()).notify(anyLong(), eq("reminder-1"), any(), any());
        assertThat(managementService().createJobQuery().processInstanceId(ticket.getId()).count()).isZero();
    }

    @Test
    void r14_askingAgainMailsTheQuestionKeepsItPendingAndRestartsTheRemindersAndAutoCloseFromThen() {
        ProcessInstance ticket = pending();
        execute(job("Timer_FirstReminder", ticket)); // reminded once, then the customer phoned
        Instant later = Instant.parse("2026-12-04T16:00:00Z"); // Friday
        Date askedAgain = Date.from(later);
        ProcessTestEngine.now(later);
        doReturn(new TicketWorkflow.StatusChange(TicketStatus.PENDING, null, later)).when(workflow)
                .changeStatus(TICKET, TicketStatus.PENDING, null);
        BusinessTime businessTime = services.businessTime();
        when(businessTime.plusBusinessDays(any(), eq(askedAgain), eq(2L))).thenReturn(date("2026-12-08T16:00:00Z"));
        when(businessTime.plusBusinessDays(any(), eq(askedAgain), eq(5L))).thenReturn(date("2026-12-11T16:00:00Z"));
        when(businessTime.plusBusinessDays(any(), eq(askedAgain), eq(10L))).thenReturn(date("2026-12-18T16:00:00Z"));
        clearInvocations(notifier);

        ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "REQUEST_INFO", REPLY, "Which log level was set?"));

        assertThat(ticket).hasPassed(SupportTicketDiagram.AGENT_FINISHED_PENDING)
                .isWaitingAt(SupportTicketDiagram.PENDING_TASK, "Timer_FirstReminder", "Timer_SecondReminder",
                        "Timer_AutoClose")
                .variables().containsEntry(STATUS, "PENDING").containsEntry(PENDING_SINCE, askedAgain)
                .containsEntry(AGENT_ACTION, "REQUEST_INFO").doesNotContainKeys(ACTION, REPLY);
        assertThat(task(ticket)).isAssignedTo("alice");
        verify(workflow).recordAgentAction(TICKET, "alice",
                new TicketWorkflow.AgentInput(AgentAction.REQUEST_INFO, "Which log level was set?", null, null));
        verify(workflow, times(2)).changeStatus(TICKET, TicketStatus.PENDING, null);
        verify(notifier).notify(eq(TICKET), eq("info-request"), eq(CUSTOMER), any());
        verifyNoMoreInteractions(notifier);
        assertThat(job("Timer_FirstReminder", ticket).getDuedate()).as("reminded again").isEqualTo(date("2026-12-08T16:00:00Z"));
        assertThat(job("Timer_SecondReminder", ticket).getDuedate()).isEqualTo(date("2026-12-11T16:00:00Z"));
        assertThat(job("Timer_AutoClose", ticket).getDuedate()).isEqualTo(date("2026-12-18T16:00:00Z"));
        assertThat(managementService().createJobQuery().processInstanceId(ticket.getId()).count())
                .as("the new wait's three timers and the first-response timer, nothing of the old wait").isEqualTo(4);
    }

    @Test
    void r14_takingAPendingTicketBackToWorkOpensItAtTheWorkTaskMailsNobodyAndCancelsTheReminders() {
        ProcessInstance ticket = pending();
        clearInvocations(notifier);

        ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "BACK_TO_WORK"));

        assertThat(ticket).hasPassed(SupportTicketDiagram.AGENT_FINISHED_PENDING, SupportTicketDiagram.TAKE_BACK_TO_WORK)
                .hasNotPassed(SupportTicketDiagram.REOPEN).isWaitingAt(SupportTicketDiagram.WORK_TASK)
                .variables().containsEntry(STATUS, "OPEN").containsEntry(AGENT_ACTION, "BACK_TO_WORK");
        assertThat(task(ticket)).isAssignedTo("alice");
        verify(workflow).recordAgentAction(TICKET, "alice",
                new TicketWorkflow.AgentInput(AgentAction.BACK_TO_WORK, null, null, null));
        InOrder steps = inOrder(workflow);
        steps.verify(workflow).changeStatus(TICKET, TicketStatus.PENDING, null);
        steps.verify(workflow).changeStatus(TICKET, TicketStatus.OPEN, null);
        verifyNoInteractions(notifier);
        assertThat(managementService().createJobQuery().processInstanceId(ticket.getId()).list())
                .extracting(job -> job.getDuedate()).containsExactly(FOUR_BUSINESS_HOURS); // only the first-response timer
    }

    @Test
    void r14_aCustomerReplyWhileThePendingTaskIsOpenEndsTheWaitAndTheTaskDisappears() {
        ProcessInstance ticket = pending();
        String pendingTask = task(ticket).getId();
        when(services.businessTime().nextReplyDue(any(VariableScope.class))).thenReturn(NEXT_REPLY_DUE);

        runtimeService().createMessageCorrelation(SupportTicketDiagram.CUSTOMER_REPLIED)
                .processInstanceId(ticket.getId()).correlate();

        assertThat(ticket).hasPassed(SupportTicketDiagram.REOPEN).hasNotPassed("Task_RecordPendingAction")
                .isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(taskService().createTaskQuery().taskId(pendingTask).count()).as("the pending task").isZero();
        assertThat(taskService().createTaskQuery().processInstanceId(ticket.getId()).list())
                .extracting(org.camunda.bpm.engine.task.Task::getTaskDefinitionKey)
                .containsExactly(SupportTicketDiagram.WORK_TASK);
        verify(workflow, never()).recordAgentAction(anyLong(), any(),
                eq(new TicketWorkflow.AgentInput(AgentAction.BACK_TO_WORK, null, null, null)));
    }

    @Test
    void r14_thePendingTaskTakesOnlySolveAskAgainOrBackToWorkAndTheWorkTaskNotBackToWork() {
        ProcessInstance ticket = pending();
        String pendingTask = task(ticket).getId();

        assertThatThrownBy(() -> ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "REPLY", REPLY, "Any news?")))
                .isInstanceOfSatisfying(AgentRefusal.class, refused -> {
                    assertThat(refused.field()).isEqualTo(ACTION);
                    assertThat(refused.code()).isEqualTo("not-while-pending");
                    assertThat(refused.getMessage()).isEqualTo("The ticket is PENDING (the customer was asked for"
                            + " information): solve it, ask for information again, or take it back to work to REPLY"
                            + " from the Work task; one of [REQUEST_INFO, SOLVE, BACK_TO_WORK]");
                });
        assertThat(task(ticket).getId()).as("still open").isEqualTo(pendingTask);
        assertThat(ticket).isWaitingAt(SupportTicketDiagram.PENDING_TASK);

        ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "BACK_TO_WORK"));
        String work = task(ticket).getId();
        assertThatThrownBy(() -> ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "BACK_TO_WORK")))
                .isInstanceOfSatisfying(AgentRefusal.class, refused -> assertThat(refused.code()).isEqualTo("not-pending"));
        assertThat(task(ticket).getId()).isEqualTo(work);
        verify(workflow, times(1)).recordAgentAction(anyLong(), any(),
                eq(new TicketWorkflow.AgentInput(AgentAction.BACK_TO_WORK, null, null, null)));
    }

    // the customer writes while the ticket is handled

    @Test
    void aCustomerCommentIsForwardedToTheAgentWithoutInterruptingTheWork() {
        ProcessInstance ticket = workedBy("alice");
        String work = task(ticket).getId();

        runtimeService().createMessageCorrelation(SupportTicketDiagram.CUSTOMER_COMMENTED)
                .processInstanceId(ticket.getId()).correlate();

        assertThat(ticket).hasPassed("StartEvent_CustomerCommented", "Task_NotifyAssigneeOfComment",
                "EndEvent_CommentForwarded").isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(task(ticket).getId()).isEqualTo(work);
        verify(notifier).notify(eq(TICKET), eq("customer-replied"), eq(ASSIGNED), any());
    }

    // the first-response target (R11)

    @Test
    void anAnswerBeforeTheDueTimeMeetsTheFirstResponseTarget() {
        ProcessInstance ticket = workedBy("alice");
        ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "REPLY", REPLY, "Restart the agent"));
        assertThat(job(SupportTicketDiagram.FIRST_RESPONSE_TIMER, ticket).getDuedate()).isEqualTo(FOUR_BUSINESS_HOURS);

        execute(job(SupportTicketDiagram.FIRST_RESPONSE_TIMER, ticket));

        assertThat(ticket).hasPassed("Gateway_FirstResponseGiven", SupportTicketDiagram.FIRST_RESPONSE_MET)
                .hasNotPassed(SupportTicketDiagram.RECORD_FIRST_RESPONSE_BREACH).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        verify(workflow, never()).recordFirstResponseBreach(anyLong());
    }

    @Test
    void noAnswerByTheDueTimeIsABreachTheManagersHearOf() {
        ProcessInstance ticket = file("LIFECYCLE", "CONFIGURATION", "QUESTION", "NORMAL");
        assertThat(job(SupportTicketDiagram.FIRST_RESPONSE_TIMER, ticket).getDuedate()).isEqualTo(EIGHT_BUSINESS_HOURS);

        execute(job(SupportTicketDiagram.FIRST_RESPONSE_TIMER, ticket));

        assertThat(ticket).hasPassed(SupportTicketDiagram.RECORD_FIRST_RESPONSE_BREACH, "Task_NotifyManagersOfBreach", "EndEvent_TargetBreached")
                .isWaitingAt(SupportTicketDiagram.TRIAGE_TASK).variables().containsEntry(FIRST_RESPONSE_BREACHED, true);
        verify(workflow).recordFirstResponseBreach(TICKET);
        verify(notifier).notify(eq(TICKET), eq("sla-breach"), eq(List.of(Audience.MANAGERS)), any());
    }

    // a critical outage (R18-R21) goes through sev1-outage

    @Test
    void aConfirmedOutageComesBackConfirmedAndGoesStraightToWorkWithTheEngineer() {
        ProcessInstance ticket = file("REPOSITORY_MANAGER", "PERFORMANCE", "CRITICAL_OUTAGE", "HIGH");
        assertThat(ticket).isWaitingAt("CallActivity_Sev1Outage");
        verify(workflow).recordRouting(TICKET, new Routing(Priority.URGENT, StaffGroup.TEAM_REPOSITORY,
                Product.REPOSITORY_MANAGER, Topic.PERFORMANCE, null));
        ProcessInstance outage = calledProcessInstance(Sev1OutageDiagram.PROCESS_KEY, ticket);
        assertThat(outage).hasBusinessKey(NUMBER).isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);

        taskService().claim(task(outage).getId(), "sam");
        ProcessTestEngine.submit(task(outage), withVariables(OUTAGE_DECISION, "CONFIRM"));

        assertThat(ticket).hasPassed("CallActivity_Sev1Outage").hasNotPassed(SupportTicketDiagram.TRIAGE_TASK,
                "Task_SendAcknowledgement").isWaitingAt(SupportTicketDiagram.WORK_TASK)
                .variables().containsEntry(OUTAGE_CONFIRMED, true).containsEntry(TEAM, "team-sev1")
                .containsEntry(PRIORITY, "URGENT").containsEntry(STATUS, "OPEN").containsEntry(ASSIGNEE, "sam")
                .containsEntry(STANDARD_TEAM, "team-repository").containsEntry(FIRST_RESPONDED_AT, Date.from(RECEIVED))
                .containsEntry(FIRST_RESPONSE_BREACHED, false);
        assertThat(task(ticket)).isAssignedTo("sam");
        verify(services.outages()).confirm(TICKET);
        assertThat(job(SupportTicketDiagram.FIRST_RESPONSE_TIMER, ticket).getDuedate()).isEqualTo(ONE_HOUR);
    }

    @Test
    void aDowngradedOutageComesBackToTriageInTheRoutedTeamAtNormalPriority() {
        ProcessInstance ticket = file("REPOSITORY_MANAGER", "PERFORMANCE", "CRITICAL_OUTAGE", "HIGH");
        ProcessInstance outage = calledProcessInstance(Sev1OutageDiagram.PROCESS_KEY, ticket);

        ProcessTestEngine.submit(task(outage), withVariables(OUTAGE_DECISION, "NOT_AN_OUTAGE", ENGINEER_NOTE, "Only a test system"));

        assertThat(ticket).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK).variables().containsEntry(OUTAGE_CONFIRMED, false)
                .containsEntry(SEV1_DOWNGRADED, true).containsEntry(TEAM, "team-repository")
                .containsEntry(PRIORITY, "NORMAL");
        assertThat(task(ticket)).hasCandidateGroup("team-repository");
        verify(services.outages()).downgrade(TICKET, "support", "Only a test system", "team-repository");
    }

    @Test
    void aSev1HourMissedInTheOutageShowsAsABreachOfTheTicket() {
        ProcessInstance ticket = file("REPOSITORY_MANAGER", "PERFORMANCE", "CRITICAL_OUTAGE", "HIGH");
        ProcessInstance outage = calledProcessInstance(Sev1OutageDiagram.PROCESS_KEY, ticket);
        execute(job("Timer_Sev1ResponseDue", outage));

        ProcessTestEngine.submit(task(outage), withVariables(OUTAGE_DECISION, "CONFIRM"));

        assertThat(ticket).isWaitingAt(SupportTicketDiagram.WORK_TASK).variables().containsEntry(FIRST_RESPONSE_BREACHED, true);
    }

    @Test
    void anOutageAcknowledgedAtNightComesBackWithWhoAcknowledgedItThroughBothCallActivities() {
        when(services.businessTime().isOpen(any())).thenReturn(false);
        ProcessInstance ticket = file(start("REPOSITORY_MANAGER", "PERFORMANCE", "CRITICAL_OUTAGE", "HIGH")
                .putValue(EXTENDED_SUPPORT, true));
        ProcessInstance outage = calledProcessInstance(Sev1OutageDiagram.PROCESS_KEY, ticket);
        assertThat(outage).isWaitingAt("CallActivity_ExtendedSupportEscalation");
        ProcessInstance escalation = calledProcessInstance(EscalationDiagram.PROCESS_KEY, outage);
        assertThat(escalation).hasBusinessKey(NUMBER);

        taskService().claim(task(escalation).getId(), "olivia");
        ProcessTestEngine.submit(task(escalation), withVariables(OUTAGE_DECISION, "CONFIRM"));

        assertThat(ticket).isWaitingAt(SupportTicketDiagram.WORK_TASK).variables().containsEntry(ACKNOWLEDGED_BY, "olivia")
                .containsEntry(ACKNOWLEDGED_AT, Date.from(RECEIVED)).containsEntry(ASSIGNEE, "olivia")
                .containsEntry(OUTAGE_CONFIRMED, true).containsEntry(STATUS, "OPEN");
        assertThat(task(ticket)).isAssignedTo("olivia");
        verify(services.outages()).acknowledge(TICKET, "olivia");
        verify(services.outages()).confirm(TICKET);
    }

    private ProcessInstance file(String product, String topic, String concernType, String impact) {
        return file(start(product, topic, concernType, impact));
    }

    private ProcessInstance file(VariableMap variables) {
        return runtimeService().startProcessInstanceByKey(SupportTicketDiagram.PROCESS_KEY, NUMBER, variables);
    }

    /** What {@link TicketProcess#start} puts into a new ticket's process. */
    private static VariableMap start(String product, String topic, String concernType, String impact) {
        return Variables.putValue(TICKET_ID, TICKET).putValue(TICKET_NUMBER, NUMBER).putValue(SUMMARY, "Search is slow").putValue(PRODUCT, product)
                .putValue(TOPIC, topic).putValue(CONCERN_TYPE, concernType).putValue(BUSINESS_IMPACT, impact)
                .putValue(STATUS, "NEW").putValue(CLOSE_REASON, null).putValue(FOLLOW_UP_OF, null)
                .putValue(ASSIGNEE, null).putValue(RECEIVED_AT, Date.from(RECEIVED)).putValue(PENDING_SINCE, null)
                .putValue(FIRST_RESPONDED_AT, null).putValue(FIRST_RESPONSE_BREACHED, false)
                .putValue(HAS_ATTACHMENTS, true).putValue(OUTAGE_CONFIRMED, false).putValue(SEV1_DOWNGRADED, false)
                .putValue(EXTENDED_SUPPORT, false);
    }

    /** Triaged as filed, claimed by the agent: waiting at the work task. */
    private ProcessInstance workedBy(String agent) {
        ProcessInstance ticket = file("LIFECYCLE", "CONFIGURATION", "PROBLEM", "HIGH");
        taskService().claim(task(ticket).getId(), agent);
        ProcessTestEngine.submit(task(ticket), withVariables(TEAM, "team-lifecycle", PRIORITY, "HIGH"));
        assertThat(ticket).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        return ticket;
    }

    private ProcessInstance pending() {
        ProcessInstance ticket = workedBy("alice");
        ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "REQUEST_INFO", REPLY, "Which version do you run?"));
        return ticket;
    }

    private static Date date(String instant) {
        return Date.from(Instant.parse(instant));
    }
}
