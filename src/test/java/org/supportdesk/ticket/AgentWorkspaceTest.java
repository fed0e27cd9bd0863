package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * Issue #13, in Tasklist: the task's due date is the first-response target (R11), re-triage from the Work task moves
 * the ticket and its target, close as duplicate names the ticket that continues, internal notes stay with staff.
 */
@SupportDeskTest
class AgentWorkspaceTest {

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired Jobs jobs;
    @Autowired Api api;
    @Autowired TicketRepository repository;
    @Autowired TicketNotes notes;
    @Autowired RuntimeService runtime;

    OrgFixture org;
    String requester;

    @BeforeEach
    void organisation() {
        EngineTime.setNewYork("2026-12-01T10:00"); // a Tuesday
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        requester = org.owner("rita");
    }

    // --- due date = first-response target (R11)

    @Test
    void triageAndWorkTasksAreDueAtTheFirstResponseTarget() {
        String number = tickets.file(requester);

        assertThat(due(tickets.task(number))).isEqualTo(EngineTime.newYork("2026-12-02T10:00"));
        assertThat(Jobs.due(target(number))).isEqualTo(EngineTime.newYork("2026-12-02T10:00"));

        tickets.triage(number, "NORMAL", "team-lifecycle");

        assertThat(tickets.task(number).getName()).isEqualTo("Work " + number + ": Policy evaluation fails");
        assertThat(due(tickets.task(number))).isEqualTo(EngineTime.newYork("2026-12-02T10:00"));
    }

    @Test
    void afterTheFirstResponseTheWorkTaskHasNoDueDate() {
        String number = triaged("NORMAL");

        tickets.work(number, "REPLY", "Looking into it.");

        assertThat(tickets.task(number).getDueDate()).isNull();
        assertThat(Jobs.due(target(number))).as("the timer still checks the target")
                .isEqualTo(EngineTime.newYork("2026-12-02T10:00"));
    }

    @Test
    void triageToHighMovesTheTargetToFourBusinessHoursAfterFiling() {
        String number = tickets.file(requester);
        EngineTime.setNewYork("2026-12-01T10:20");

        tickets.triage(number, "HIGH", "team-lifecycle");

        assertThat(Jobs.due(target(number))).isEqualTo(EngineTime.newYork("2026-12-01T14:00"));
        assertThat(due(tickets.task(number))).isEqualTo(EngineTime.newYork("2026-12-01T14:00"));
    }

    // --- re-triage from the Work task

    @Test
    void retriageToUrgentInAnotherTeamMovesTheQueueAndTheTarget() {
        String number = triaged("NORMAL");
        EngineTime.setNewYork("2026-12-01T10:30");

        retriage(number, "URGENT", "team-repository");

        Ticket ticket = ticket(number);
        assertThat(ticket.priority()).isEqualTo(Priority.URGENT);
        assertThat(ticket.team()).isEqualTo("team-repository");
        assertThat(ticket.assignee()).as("unassigned in the new queue").isNull();
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        Task work = tickets.task(number);
        assertThat(work.getAssignee()).isNull();
        assertThat(tickets.candidateGroups(number)).containsExactly("team-repository");
        // URGENT: 1 hour of wall-clock time from filing (10:00), not from the re-triage
        assertThat(Jobs.due(target(number))).isEqualTo(EngineTime.newYork("2026-12-01T11:00"));
        assertThat(due(work)).isEqualTo(EngineTime.newYork("2026-12-01T11:00"));
        assertThat(runtime.getVariable(tickets.process(number).getId(), "firstRespondedAt")).isNull();
        assertThat(mailbox.to(requester, "Re: [" + number + "]")).as("the customer is not mailed").isEmpty();
    }

    @Test
    void r11_retriageToUrgentAfterItsHourFromFilingIsDueAnHourAfterTheRetriageNotBreachedAtOnce() {
        String number = triaged("NORMAL");
        EngineTime.setNewYork("2026-12-01T11:30");

        retriage(number, "URGENT", "team-lifecycle");
        jobs.executeDue();

        assertThat(ticket(number).firstResponseBreached()).isFalse();
        assertThat(Jobs.due(target(number))).isEqualTo(EngineTime.newYork("2026-12-01T12:30"));
        assertThat(due(tickets.task(number))).isEqualTo(EngineTime.newYork("2026-12-01T12:30"));
        assertThat(tickets.task(number).getAssignee()).as("same team: stays with the agent").isEqualTo("agent");
    }

    @Test
    void r11_retriagedTargetIsBreachedAtOnceWhenTheTargetInForceHadPassedToo() {
        String number = triaged("NORMAL");
        EngineTime.setNewYork("2026-12-02T10:30"); // the NORMAL target, 10:00, passed unanswered

        retriage(number, "URGENT", "team-lifecycle");
        jobs.executeDue();

        assertThat(ticket(number).firstResponseBreached()).isTrue();
        assertThat(tickets.task(number).getAssignee()).as("same team: stays with the agent").isEqualTo("agent");
    }

    @Test
    void retriageAfterTheFirstResponseLeavesTheTarget() {
        String number = triaged("NORMAL");
        tickets.work(number, "REPLY", "Looking into it.");

        retriage(number, "URGENT", "team-lifecycle");

        assertThat(ticket(number).priority()).isEqualTo(Priority.URGENT);
        assertThat(Jobs.due(target(number))).isEqualTo(EngineTime.newYork("2026-12-02T10:00"));
        assertThat(tickets.task(number).getDueDate()).isNull();
    }

    @Test
    void retriageRefusesAnUnknownTeamAndNoChange() {
        String number = triaged("NORMAL");

        assertThatThrownBy(() -> retriage(number, "HIGH", "team-nobody")).hasMessageContaining("team-nobody");
        assertThatThrownBy(() -> retriage(number, "NORMAL", "team-lifecycle"))
                .hasMessageContaining("choose another priority or team");
        assertThat(ticket(number).priority()).isEqualTo(Priority.NORMAL);
        assertThat(Jobs.due(target(number))).isEqualTo(EngineTime.newYork("2026-12-02T10:00"));
    }

    // --- close as duplicate

    @Test
    void duplicateNamesTheTicketThatContinuesAndCopiesItsPeople() {
        String dan = org.contact("dan");
        String erin = org.member("erin", false, false);
        String kept = tickets.file(requester);
        Map<String, Object> request = Tickets.request();
        request.put("cc", List.of(erin));
        String duplicate = tickets.file(dan, request);
        tickets.triage(duplicate, "NORMAL", "team-lifecycle");

        tickets.complete(duplicate, Map.of("action", "CLOSE_DUPLICATE", "duplicateOf", " " + kept.toLowerCase() + " "));

        assertThat(ticket(duplicate).closeReason()).isEqualTo(CloseReason.DUPLICATE);
        assertThat(repository.cc(ticket(kept).id())).containsExactlyInAnyOrder(dan, erin);
        Mailbox.Mail mail = mailbox.to(dan, "Closed as a duplicate").get(0);
        assertThat(mail.body()).contains("It continues in " + kept);
        Api.Response keptView = api.as(requester).get("/api/tickets/" + kept);
        assertThat(keptView.<List<String>>json("$.duplicates")).containsExactly(duplicate);
        Api.Response duplicateView = api.as(dan).get("/api/tickets/" + duplicate);
        assertThat(duplicateView.<String>json("$.duplicateOf")).isEqualTo(kept);
        assertThat(api.as(dan).get("/api/tickets/" + kept).status()).as("now a CC of the kept ticket").isEqualTo(200);
    }

    @Test
    void duplicateRefusesItselfAnotherOrganisationAClosedTicketAndNothing() {
        String duplicate = triaged("NORMAL");
        String stranger = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("olga");
        String foreign = tickets.file(stranger);
        String closed = triaged("NORMAL");
        tickets.work(closed, "SOLVE", null);

        assertThatThrownBy(() -> closeAsDuplicateOf(duplicate, duplicate)).hasMessageContaining("that is this ticket");
        assertThatThrownBy(() -> closeAsDuplicateOf(duplicate, foreign))
                .hasMessageContaining("no such ticket of this organisation");
        assertThatThrownBy(() -> closeAsDuplicateOf(duplicate, closed)).hasMessageContaining("that ticket is closed");
        assertThatThrownBy(() -> closeAsDuplicateOf(duplicate, "")).hasMessageContaining("Name the ticket");
        assertThat(tickets.process(duplicate)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(ticket(duplicate).status()).isEqualTo(TicketStatus.OPEN);
    }

    // --- internal notes

    @Test
    void anInternalNoteIsKeptForStaffAndMailsNobody() {
        String number = triaged("NORMAL");
        int mailsBefore = mailbox.to(requester).size();
        int agentMailsBefore = mailbox.to("agent@support.example").size();
        Map<String, Object> form = new HashMap<>();
        form.put("action", "NOTE");
        form.put("note", "Customer runs the cache on NFS; ask Sam before answering.");

        tickets.complete(number, form);

        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK).task().isAssignedTo("agent");
        Ticket ticket = ticket(number);
        assertThat(notes.of(ticket.id())).extracting(TicketNote::body)
                .containsExactly("Customer runs the cache on NFS; ask Sam before answering.");
        assertThat(mailbox.to(requester)).hasSize(mailsBefore);
        assertThat(mailbox.to("agent@support.example")).hasSize(agentMailsBefore);
        String processId = tickets.process(number).getId();
        assertThat(runtime.getVariables(processId).values()).as("the note lives in its table only")
                .noneMatch(value -> String.valueOf(value).contains("ask Sam"));
        assertThat(runtime.getVariable(processId, "firstRespondedAt")).as("a note is no first response").isNull();
        assertThat(repository.messages(ticket.id())).isEmpty();
        Api.Response view = api.as(requester).get("/api/tickets/" + number);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body()).doesNotContain("ask Sam").doesNotContain("internal note");

        tickets.work(number, "REPLY", "Which version do you run?");
        assertThat(mailbox.to(requester, "Re: [" + number + "]")).singleElement()
                .satisfies(mail -> assertThat(mail.body()).doesNotContain("ask Sam"));
    }

    @Test
    void anAnswerWrittenBesideANoteOrARetriageIsRefusedRatherThanLost() {
        String number = triaged("NORMAL");

        assertThatThrownBy(() -> tickets.complete(number, Map.of("action", "NOTE", "note", "Ask Sam.",
                "reply", "Which version do you run?")))
                .hasMessageContaining("Your answer to the customer would not be sent with NOTE");
        assertThatThrownBy(() -> tickets.complete(number, Map.of("action", "RETRIAGE", "newPriority", "HIGH",
                "reply", "Which version do you run?")))
                .hasMessageContaining("choose REPLY (or another action that mails it), or clear the answer");
        assertThat(notes.of(ticket(number).id())).isEmpty();
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
    }

    @Test
    void anEmptyNoteIsRefused() {
        String number = triaged("NORMAL");

        assertThatThrownBy(() -> tickets.complete(number, Map.of("action", "NOTE")))
                .hasMessageContaining("Write the internal note");
    }

    private void retriage(String number, String priority, String team) {
        tickets.complete(number, Map.of("action", "RETRIAGE", "newPriority", priority, "newTeam", team));
    }

    private void closeAsDuplicateOf(String number, String kept) {
        tickets.complete(number, Map.of("action", "CLOSE_DUPLICATE", "duplicateOf", kept));
    }

    private String triaged(String priority) {
        String number = tickets.file(requester);
        tickets.triage(number, priority, "team-lifecycle");
        return number;
    }

    private Ticket ticket(String number) {
        return repository.findByNumber(number).orElseThrow();
    }

    private org.camunda.bpm.engine.runtime.Job target(String number) {
        return jobs.timer(tickets.process(number).getId(), SupportTicketDiagram.FIRST_RESPONSE_TIMER);
    }

    private static Instant due(Task task) {
        assertThat(task.getDueDate()).as("due date of %s", task.getName()).isNotNull();
        return task.getDueDate().toInstant();
    }
}
