package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.catalog.Product;
import org.supportdesk.staff.StaffDirectory;
import org.supportdesk.staff.StaffGroup;

/**
 * The workflow API takes what the diagram's steps decided as types ({@link Routing}, {@link TicketStatus},
 * {@link CloseReason}): the service over a mocked ticket table, no engine, no Spring.
 */
class TypedWorkflowTest {

    static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    static final long TICKET = 1001;

    TicketRepository tickets;
    TicketWorkflow workflow;

    @BeforeEach
    void workflow() {
        tickets = mock(TicketRepository.class);
        workflow = new TicketWorkflow(tickets, mock(TicketProcess.class), mock(StaffDirectory.class),
                Clock.fixed(NOW, ZoneOffset.UTC), mock(TicketNotes.class), mock(BusinessTime.class),
                mock(NextReply.class), new Duplicates(tickets));
    }

    @Test
    void aRoutingIsRecordedWithItsPriorityTeamQueueAndWhoDecided() {
        workflow.recordRouting(TICKET, new Routing(Priority.HIGH, StaffGroup.TEAM_LIFECYCLE, "alice"));

        verify(tickets).updateRouting(TICKET, Priority.HIGH, "team-lifecycle", "alice", NOW);
        verify(tickets, never()).updateClassification(anyLong(), any(), any());
    }

    @Test
    void triageThatSettlesTheProductAndTopicOfAMailedRequestRecordsBoth() {
        workflow.recordRouting(TICKET, new Routing(Priority.NORMAL, StaffGroup.TEAM_REPOSITORY,
                Product.REPOSITORY_MANAGER, Topic.PERFORMANCE, "alice"));

        verify(tickets).updateClassification(TICKET, Product.REPOSITORY_MANAGER, Topic.PERFORMANCE);
    }

    @Test
    void aRoutingCannotNameAStaffGroupThatIsNoTeamQueue() {
        assertThatThrownBy(() -> new Routing(Priority.HIGH, StaffGroup.SUPPORT_MANAGERS, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("support-managers");
    }

    @Test
    void closingRecordsWhyAndOtherStatusesCarryNoReason() {
        assertThat(workflow.changeStatus(TICKET, TicketStatus.CLOSED, CloseReason.SOLVED))
                .isEqualTo(new TicketWorkflow.StatusChange(TicketStatus.CLOSED, CloseReason.SOLVED, NOW));
        assertThat(workflow.changeStatus(TICKET, TicketStatus.PENDING, null))
                .isEqualTo(new TicketWorkflow.StatusChange(TicketStatus.PENDING, null, NOW));

        verify(tickets).updateStatus(TICKET, TicketStatus.CLOSED, CloseReason.SOLVED, NOW);
        verify(tickets).updateStatus(TICKET, TicketStatus.PENDING, null, NOW);
    }

    @Test
    void aReTriageThatNamesOnlyATeamKeepsThePriorityAndMovesTheTicketToTheQueueUnassigned() {
        when(tickets.find(TICKET)).thenReturn(Optional.of(ticket(Priority.HIGH, "team-lifecycle")));

        TicketWorkflow.Reroute reroute = workflow.retriage(TICKET, null, StaffGroup.TEAM_GENERAL, "process", true,
                "alice");

        assertThat(reroute).isEqualTo(new TicketWorkflow.Reroute(Priority.HIGH, "team-general", true));
        verify(tickets).updateRouting(TICKET, Priority.HIGH, "team-general", "alice", NOW);
        verify(tickets).updateAssignee(TICKET, null);
    }

    @Test
    void aReTriageThatChangesNothingIsRefusedToTheAgent() {
        when(tickets.find(TICKET)).thenReturn(Optional.of(ticket(Priority.HIGH, "team-lifecycle")));

        assertThatThrownBy(() -> workflow.retriage(TICKET, Priority.HIGH, StaffGroup.TEAM_LIFECYCLE, "process",
                true, "alice")).isInstanceOfSatisfying(AgentRefusal.class, refused -> {
                    assertThat(refused.field()).isEqualTo(TicketVariables.NEW_PRIORITY);
                    assertThat(refused.code()).isEqualTo("unchanged");
                });
        verify(tickets, never()).updateRouting(anyLong(), any(), any(), any(), any());
    }

    private static Ticket ticket(Priority priority, String team) {
        return new Ticket(TICKET, "acme", "rita@acme.example", "Rita", Channel.WEB, Product.LIFECYCLE,
                Topic.CONFIGURATION, ConcernType.PROBLEM, "Slow", "It is slow.", null, null, BusinessImpact.NORMAL,
                null, TicketStatus.OPEN, null, priority, team, "alice", null, false, NOW, NOW, null, null);
    }
}
