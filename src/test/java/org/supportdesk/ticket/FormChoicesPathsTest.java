package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.supportdesk.ticket.TicketVariables.ACTION;
import static org.supportdesk.ticket.TicketVariables.ASSIGNEE;
import static org.supportdesk.ticket.TicketVariables.CLOSE_REASON;
import static org.supportdesk.ticket.TicketVariables.EXTENDED_SUPPORT;
import static org.supportdesk.ticket.TicketVariables.FIRST_RESPONDED_AT;
import static org.supportdesk.ticket.TicketVariables.FIRST_RESPONSE_BREACHED;
import static org.supportdesk.ticket.TicketVariables.FOLLOW_UP_OF;
import static org.supportdesk.ticket.TicketVariables.HAS_ATTACHMENTS;
import static org.supportdesk.ticket.TicketVariables.OUTAGE_CONFIRMED;
import static org.supportdesk.ticket.TicketVariables.PENDING_SINCE;
import static org.supportdesk.ticket.TicketVariables.SEV1_DOWNGRADED;
import static org.supportdesk.ticket.TicketVariables.STATUS;
import static org.supportdesk.ticket.TicketVariables.BUSINESS_IMPACT;
import static org.supportdesk.ticket.TicketVariables.CONCERN_TYPE;
import static org.supportdesk.ticket.TicketVariables.NEW_PRIORITY;
import static org.supportdesk.ticket.TicketVariables.NEW_TEAM;
import static org.supportdesk.ticket.TicketVariables.PRIORITY;
import static org.supportdesk.ticket.TicketVariables.PRODUCT;
import static org.supportdesk.ticket.TicketVariables.RECEIVED_AT;
import static org.supportdesk.ticket.TicketVariables.SUMMARY;
import static org.supportdesk.ticket.TicketVariables.TEAM;
import static org.supportdesk.ticket.TicketVariables.TICKET_ID;
import static org.supportdesk.ticket.TicketVariables.TICKET_NUMBER;
import static org.supportdesk.ticket.TicketVariables.TOPIC;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportdesk.processes.SupportTicketDiagram;
import org.supportdesk.ProcessTestEngine;
import org.supportdesk.catalog.Product;
import org.supportdesk.staff.StaffGroup;

/**
 * The steps after the triage and work forms read what the agent chose as the workflow API's types
 * ({@link FormChoices}): a value that is none of a field's choices is refused to the agent, naming the field and its
 * choices, before anything is recorded; the task stays open. The real delegates over mocked services, no Spring.
 */
class FormChoicesPathsTest {

    static final long TICKET = 1001;
    static final String NUMBER = "SD-1001";
    static final Instant RECEIVED = Instant.parse("2026-12-01T15:00:00Z");

    TicketWorkflow workflow;

    @BeforeEach
    void engine() {
        ProcessTestEngine.Services services = ProcessTestEngine.withMockedServices(RECEIVED);
        workflow = services.workflow();
        when(services.businessTime().firstResponseDue(any(org.camunda.bpm.engine.delegate.VariableScope.class)))
                .thenReturn(Date.from(RECEIVED.plusSeconds(8 * 3600)));
        when(services.acting().user(any())).thenAnswer(call -> TicketVariables.assignee(call.getArgument(0)));
    }

    @AfterEach
    void clock() {
        ProcessTestEngine.reset();
    }

    @Test
    void routingRecordsTheDecisionsTeamAndPriorityAsTypes() {
        filed();

        verify(workflow).recordRouting(TICKET, new Routing(Priority.NORMAL, StaffGroup.TEAM_LIFECYCLE,
                Product.LIFECYCLE, Topic.CONFIGURATION, null));
    }

    @Test
    void aTriagePriorityThatIsNoneOfTheChoicesIsRefusedNamingTheFieldAndThePriorities() {
        ProcessInstance ticket = filed();

        assertRefused(ticket, Map.of(PRIORITY, "BOGUS", TEAM, "team-lifecycle"), PRIORITY, "not-one-of",
                "Unknown priority 'BOGUS'; choose one of [URGENT, HIGH, NORMAL, LOW]");
        assertThat(ticket).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        verify(workflow, times(1)).recordRouting(anyLong(), any());
        verify(workflow, never()).changeStatus(anyLong(), any(), any());
    }

    @Test
    void anEmptyTriagePriorityIsRefusedAsRequired() {
        ProcessInstance ticket = filed();

        assertRefused(ticket, Map.of(PRIORITY, "", TEAM, "team-lifecycle"), PRIORITY, "required",
                "Choose the priority: one of [URGENT, HIGH, NORMAL, LOW]");
    }

    @Test
    void aStaffGroupThatIsNoTeamQueueIsRefusedAsTheTriageTeam() {
        ProcessInstance ticket = filed();

        assertRefused(ticket, Map.of(PRIORITY, "HIGH", TEAM, "support-managers"), TEAM, "not-one-of",
                "Unknown team queue 'support-managers'; choose one of [team-repository, team-lifecycle,"
                        + " team-general, team-accounts, team-sev1]");
        verify(workflow, never()).changeStatus(anyLong(), any(), any());
    }

    @Test
    void aTriageProductThatIsNoneOfTheChoicesIsRefused() {
        ProcessInstance ticket = filed();

        assertRefused(ticket, Map.of(PRIORITY, "HIGH", TEAM, "team-lifecycle", PRODUCT, "TOASTER"), PRODUCT,
                "not-one-of", "Unknown product 'TOASTER'; choose one of [REPOSITORY_MANAGER, LIFECYCLE, FIREWALL]");
    }

    @Test
    void aTriageTopicThatIsNoneOfTheChoicesIsRefused() {
        ProcessInstance ticket = filed();

        assertRefused(ticket, Map.of(PRIORITY, "HIGH", TEAM, "team-lifecycle", TOPIC, "GOSSIP"), TOPIC,
                "not-one-of", "Unknown topic 'GOSSIP'");
    }

    @Test
    void aValidTriageRecordsTheTypedRoutingWithWhoTriaged() {
        ProcessInstance ticket = filed();
        taskService().claim(task(ticket).getId(), "alice");

        ProcessTestEngine.submit(task(ticket), withVariables(PRIORITY, "URGENT", TEAM, "team-repository",
                PRODUCT, "REPOSITORY_MANAGER", TOPIC, "PERFORMANCE"));

        assertThat(ticket).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        verify(workflow).recordRouting(TICKET, new Routing(Priority.URGENT, StaffGroup.TEAM_REPOSITORY,
                Product.REPOSITORY_MANAGER, Topic.PERFORMANCE, null));
        verify(workflow).changeStatus(TICKET, TicketStatus.OPEN, null);
    }

    @Test
    void aReTriageToAPriorityThatIsNoneOfTheChoicesIsRefusedBeforeAnythingMoves() {
        ProcessInstance ticket = workedBy("alice");

        assertRefused(ticket, Map.of(ACTION, "RETRIAGE", NEW_PRIORITY, "SOONER"), NEW_PRIORITY, "not-one-of",
                "Unknown priority 'SOONER'; choose one of [URGENT, HIGH, NORMAL, LOW]");
        verify(workflow, never()).retriage(anyLong(), any(), any(), any(), anyBoolean(), any());
        assertThat(ticket).isWaitingAt(SupportTicketDiagram.WORK_TASK);
    }

    @Test
    void aReTriageToAnUnknownTeamQueueIsRefused() {
        ProcessInstance ticket = workedBy("alice");

        assertRefused(ticket, Map.of(ACTION, "RETRIAGE", NEW_TEAM, "team-nowhere"), NEW_TEAM, "not-one-of",
                "Unknown team queue 'team-nowhere'");
        verify(workflow, never()).retriage(anyLong(), any(), any(), any(), anyBoolean(), any());
    }

    @Test
    void aReTriageThatLeavesThePriorityEmptyKeepsItAndMovesOnlyTheTeam() {
        ProcessInstance ticket = workedBy("alice");
        when(workflow.retriage(eq(TICKET), any(), any(), any(), anyBoolean(), any()))
                .thenReturn(new TicketWorkflow.Reroute(Priority.HIGH, "team-general", true));

        ProcessTestEngine.submit(task(ticket), withVariables(ACTION, "RETRIAGE", NEW_PRIORITY, "",
                NEW_TEAM, "team-general"));

        verify(workflow).retriage(TICKET, null, StaffGroup.TEAM_GENERAL, ticket.getId(), false, null);
        assertThat(task(ticket)).hasCandidateGroup("team-general");
    }

    @Test
    void aWorkFormActionThatIsNoneOfTheChoicesIsRefusedNamingTheActions() {
        ProcessInstance ticket = workedBy("alice");

        assertRefused(ticket, Map.of(ACTION, "PANIC"), ACTION, "not-one-of",
                "Choose what to do: one of [REPLY, REQUEST_INFO, SOLVE, CLOSE_DUPLICATE, NOTE, RETRIAGE]");
        verify(workflow, never()).recordAgentAction(anyLong(), any(), any());
    }

    private static void assertRefused(ProcessInstance ticket, Map<String, Object> values, String field, String code,
                                      String message) {
        String taskId = task(ticket).getId();
        assertThatThrownBy(() -> ProcessTestEngine.submit(task(ticket), values))
                .isInstanceOfSatisfying(AgentRefusal.class, refused -> {
                    assertThat(refused.field()).isEqualTo(field);
                    assertThat(refused.code()).isEqualTo(code);
                    assertThat(refused.getMessage()).contains(message);
                });
        assertThat(task(ticket).getId()).as("the task is still open").isEqualTo(taskId);
    }

    /** A web ticket routed by the decision to the Lifecycle team at NORMAL: waiting at triage. */
    private static ProcessInstance filed() {
        ProcessInstance ticket = runtimeService().startProcessInstanceByKey(SupportTicketDiagram.PROCESS_KEY, NUMBER,
                Variables.putValue(TICKET_ID, TICKET).putValue(TICKET_NUMBER, NUMBER).putValue(SUMMARY, "Slow")
                        .putValue(PRODUCT, "LIFECYCLE").putValue(TOPIC, "CONFIGURATION")
                        .putValue(CONCERN_TYPE, "PROBLEM").putValue(BUSINESS_IMPACT, "NORMAL")
                        .putValue(STATUS, "NEW").putValue(CLOSE_REASON, null).putValue(FOLLOW_UP_OF, null)
                        .putValue(ASSIGNEE, null).putValue(RECEIVED_AT, Date.from(RECEIVED))
                        .putValue(PENDING_SINCE, null).putValue(FIRST_RESPONDED_AT, null)
                        .putValue(FIRST_RESPONSE_BREACHED, false).putValue(HAS_ATTACHMENTS, false)
                        .putValue(OUTAGE_CONFIRMED, false).putValue(SEV1_DOWNGRADED, false)
                        .putValue(EXTENDED_SUPPORT, false));
        assertThat(ticket).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        return ticket;
    }

    private static ProcessInstance workedBy(String agent) {
        ProcessInstance ticket = filed();
        taskService().claim(task(ticket).getId(), agent);
        ProcessTestEngine.submit(task(ticket), withVariables(TEAM, "team-lifecycle", PRIORITY, "HIGH"));
        assertThat(ticket).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        return ticket;
    }
}
