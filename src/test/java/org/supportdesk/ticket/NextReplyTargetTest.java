package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * R11 next reply: after the first response, a customer's reply that returns the ticket to support makes the Work task
 * due at the reply's time plus the priority's target of {@code response-targets.dmn} (NORMAL 8 and HIGH 4 business
 * hours, URGENT 1 hour on the clock), in the organisation's business time (New York, US holidays), until an agent
 * answers.
 */
@SupportDeskTest
class NextReplyTargetTest {

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;

    String requester;

    @BeforeEach
    void organisation() {
        requester = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("nora");
    }

    // a reply to a PENDING ticket (R15)

    @Test
    void aReplyToAPendingNormalTicketOnFridayAfternoonIsDueEightBusinessHoursLaterOnMonday() {
        String number = pending("NORMAL", "2026-12-04T10:00"); // a Friday

        reply(number, "2026-12-04T15:00");

        assertThat(due(number)).as("2 hours on Friday, 6 on Monday").isEqualTo(EngineTime.newYork("2026-12-07T15:00"));
        assertThat(tickets.task(number).getAssignee()).isEqualTo(Tickets.AGENT);
    }

    @Test
    void aReplyToAPendingHighTicketAtNightIsDueFourBusinessHoursAfterTheNextOpening() {
        String number = pending("HIGH", "2026-12-01T10:00");

        reply(number, "2026-12-01T20:00"); // Tuesday evening

        assertThat(due(number)).isEqualTo(EngineTime.newYork("2026-12-02T13:00"));
    }

    @Test
    void aReplyToAPendingUrgentTicketOnASaturdayNightIsDueOneHourLaterOnTheClock() {
        String number = pending("URGENT", "2026-12-04T10:00");

        reply(number, "2026-12-05T03:00");

        assertThat(due(number)).isEqualTo(EngineTime.newYork("2026-12-05T04:00"));
    }

    // a comment on an OPEN ticket

    @Test
    void aCommentOnAnAnsweredOpenTicketMakesTheOpenWorkTaskDue() {
        String number = answered("2026-12-01T10:00");
        String work = tickets.task(number).getId();
        assertThat(tickets.task(number).getDueDate()).as("nothing due after the first response").isNull();

        reply(number, "2026-12-01T16:00");

        assertThat(tickets.task(number).getId()).as("the same Work task").isEqualTo(work);
        assertThat(due(number)).as("1 hour on Tuesday, 7 on Wednesday")
                .isEqualTo(EngineTime.newYork("2026-12-02T16:00"));
    }

    @Test
    void aFurtherCommentWhileTheCustomerWaitsLeavesTheDueTimeOfTheFirst() {
        String number = answered("2026-12-01T10:00");
        reply(number, "2026-12-01T16:00");

        reply(number, "2026-12-02T09:30");

        assertThat(due(number)).isEqualTo(EngineTime.newYork("2026-12-02T16:00"));
    }

    @Test
    void aCommentBeforeTheFirstResponseLeavesTheFirstResponseTargetAndStartsNoClock() {
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(requester);
        tickets.triage(number, "NORMAL", "team-lifecycle");

        reply(number, "2026-12-01T11:00");

        assertThat(due(number)).as("8 business hours from filing").isEqualTo(EngineTime.newYork("2026-12-02T10:00"));
        EngineTime.setNewYork("2026-12-01T12:00");
        tickets.work(number, "REPLY", "Looking into it.");
        assertThat(tickets.task(number).getDueDate()).as("the first response answered it").isNull();
    }

    // until an agent answers

    @Test
    void aNoteLeavesTheCustomerWaitingAndTheAgentsAnswerEndsIt() {
        String number = pending("NORMAL", "2026-12-01T10:00");
        reply(number, "2026-12-01T11:00");

        EngineTime.setNewYork("2026-12-01T12:00");
        tickets.complete(number, Map.of("action", "NOTE", "note", "Asked the developers."));

        assertThat(due(number)).as("a note answers nobody").isEqualTo(EngineTime.newYork("2026-12-02T11:00"));

        EngineTime.setNewYork("2026-12-01T13:00");
        tickets.work(number, "REPLY", "Fixed in 1.2.4.");

        assertThat(tickets.task(number).getDueDate()).as("answered: nothing due").isNull();
    }

    @Test
    void aRetriageWhileTheCustomerWaitsMovesTheDueTimeToTheNewPriorityFromTheReply() {
        String number = pending("NORMAL", "2026-12-01T10:00");
        reply(number, "2026-12-01T11:00");
        assertThat(due(number)).isEqualTo(EngineTime.newYork("2026-12-02T11:00"));

        EngineTime.setNewYork("2026-12-01T12:00");
        tickets.complete(number, Map.of("action", "RETRIAGE", "newPriority", "HIGH", "newTeam", "team-lifecycle"));

        assertThat(due(number)).as("4 business hours from the reply").isEqualTo(EngineTime.newYork("2026-12-01T15:00"));
    }

    @Test
    void askingAgainAndTheCustomersNextReplyStartAFreshClock() {
        String number = pending("NORMAL", "2026-12-01T10:00");
        reply(number, "2026-12-01T11:00");
        EngineTime.setNewYork("2026-12-01T12:00");
        tickets.work(number, "REQUEST_INFO", "And the log file, please?");

        reply(number, "2026-12-03T14:00");

        assertThat(due(number)).isEqualTo(EngineTime.newYork("2026-12-04T14:00"));
    }

    /** Filed and triaged at 09:30 New York on {@code when}'s day, and the agent asks for information at {@code when}. */
    private String pending(String priority, String when) {
        EngineTime.setNewYork(when.substring(0, 11) + "09:30");
        String number = tickets.file(requester);
        tickets.triage(number, priority, "team-lifecycle");
        EngineTime.setNewYork(when);
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        return number;
    }

    /** Filed, triaged and answered (the first response) at {@code when}; the Work task waits with the agent. */
    private String answered(String when) {
        EngineTime.setNewYork(when);
        String number = tickets.file(requester);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "REPLY", "Restart the evaluation service.");
        return number;
    }

    private void reply(String number, String when) {
        EngineTime.setNewYork(when);
        assertThat(tickets.reply(requester, number, "We run 1.2.3.").status()).isEqualTo(201);
    }

    private Instant due(String number) {
        Task task = tickets.task(number);
        assertThat(task.getTaskDefinitionKey()).isEqualTo(SupportTicketDiagram.WORK_TASK);
        assertThat(task.getDueDate()).as("due date of %s", task.getName()).isNotNull();
        return task.getDueDate().toInstant();
    }
}
