package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * R11: first-response targets (HIGH 4 and NORMAL 8 business hours, from {@code response-targets.dmn}) and their breach;
 * SEV-1 has its own (Sev1OutageTest).
 */
@SupportDeskTest
class FirstResponseTargetTest {

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired Jobs jobs;
    @Autowired TicketRepository repository;
    @Autowired RuntimeService runtime;
    @Autowired org.camunda.bpm.engine.RepositoryService repositoryService;

    String requester;

    @BeforeEach
    void organisation() {
        requester = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("fiona");
    }

    @Test
    void normalTicketIsDueEightBusinessHoursAfterFiling() {
        EngineTime.setNewYork("2026-12-01T10:00");

        String number = tickets.file(requester);

        assertThat(Jobs.due(target(number))).isEqualTo(EngineTime.newYork("2026-12-02T10:00"));
    }

    @Test
    void fridayAfternoonTargetRunsOnIntoMonday() {
        EngineTime.setNewYork("2026-12-04T16:00");

        String number = tickets.file(requester);

        assertThat(Jobs.due(target(number))).isEqualTo(EngineTime.newYork("2026-12-07T16:00"));
    }

    @Test
    void higherImpactTicketIsDueInFourBusinessHours() {
        EngineTime.setNewYork("2026-12-01T15:00");
        Map<String, Object> request = Tickets.request();
        request.put("businessImpact", "HIGH");
        request.put("businessImpactStatement", "Releases are blocked.");

        String number = tickets.file(requester, request);

        assertThat(Jobs.due(target(number))).isEqualTo(EngineTime.newYork("2026-12-02T11:00"));
    }

    @Test
    void aChangedRowOfTheResponseTargetsTableGivesTheNewDueDate() throws Exception {
        String table = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("processes",
                "response-targets.dmn")), java.nio.charset.StandardCharsets.UTF_8);
        String changed = table.replace("<outputEntry id=\"Rule_Normal_Hours\">\n          <text>8</text>",
                "<outputEntry id=\"Rule_Normal_Hours\">\n          <text>6</text>");
        assertThat(changed).as("the NORMAL row's target in the table").isNotEqualTo(table);
        // as an analyst deploys it (the latest version counts), undone after the test for the other tests
        String deployment = repositoryService.createDeployment().name("analyst: NORMAL target 6 hours")
                .addString("response-targets.dmn", changed).deploy().getId();
        try {
            EngineTime.setNewYork("2026-12-01T10:00");

            String number = tickets.file(requester);

            assertThat(Jobs.due(target(number))).isEqualTo(EngineTime.newYork("2026-12-01T16:00"));
        } finally {
            repositoryService.deleteDeployment(deployment, true);
        }
        EngineTime.setNewYork("2026-12-01T10:00");
        assertThat(Jobs.due(target(tickets.file(requester)))).as("the table as shipped again")
                .isEqualTo(EngineTime.newYork("2026-12-02T10:00"));
    }

    @Test
    void missedTargetIsRecordedAndManagersAreTold() {
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(requester);
        tickets.triage(number, "NORMAL", "team-lifecycle");

        jobs.fire(target(number));

        assertThat(tickets.process(number)).hasPassed(SupportTicketDiagram.RECORD_FIRST_RESPONSE_BREACH, "Task_NotifyManagersOfBreach")
                .isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(runtime.getVariable(tickets.process(number).getId(), "firstResponseBreached")).isEqualTo(true);
        assertThat(repository.findByNumber(number).orElseThrow().firstResponseBreached()).isTrue();
        assertThat(mailbox.to("manager@support.example", number)).extracting(Mailbox.Mail::subject)
                .containsExactly("[" + number + "] First-response target missed (NORMAL): Policy evaluation fails");
    }

    @Test
    void r11_aNormalTicketRaisedToUrgentAtTriageTwoHoursAfterFilingRecordsNoBreachAtOnce() {
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(requester);
        EngineTime.setNewYork("2026-12-01T12:00"); // URGENT from filing was 11:00; NORMAL is due tomorrow 10:00

        tickets.triage(number, "URGENT", "team-lifecycle");
        jobs.executeDue();

        assertThat(repository.findByNumber(number).orElseThrow().firstResponseBreached()).isFalse();
        assertThat(mailbox.to("manager@support.example", number)).isEmpty();
        // the URGENT hour counts from the triage that set it
        assertThat(Jobs.due(target(number))).isEqualTo(EngineTime.newYork("2026-12-01T13:00"));
        assertThat(tickets.task(number).getDueDate().toInstant()).isEqualTo(EngineTime.newYork("2026-12-01T13:00"));

        jobs.fire(target(number));

        assertThat(repository.findByNumber(number).orElseThrow().firstResponseBreached())
                .as("missed from the triage on").isTrue();
        assertThat(mailbox.to("manager@support.example", number)).extracting(Mailbox.Mail::subject)
                .containsExactly("[" + number + "] First-response target missed (URGENT): Policy evaluation fails");
    }

    @Test
    void r11_aTicketWhoseOriginalTargetHadAlreadyPassedRecordsTheBreachAtOnceWhenRaisedToUrgent() {
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(requester);
        EngineTime.setNewYork("2026-12-02T10:30"); // the NORMAL target (10:00 today) passed unanswered

        tickets.triage(number, "URGENT", "team-lifecycle");
        jobs.executeDue();

        assertThat(repository.findByNumber(number).orElseThrow().firstResponseBreached()).isTrue();
        assertThat(mailbox.to("manager@support.example", number)).hasSize(1);
    }

    @Test
    void r11_aRaisedPriorityNeverMovesTheTargetLaterThanTheOneInForce() {
        EngineTime.setNewYork("2026-12-01T16:30"); // NORMAL: 8 business hours, due Wednesday 16:30
        String number = tickets.file(requester);
        EngineTime.setNewYork("2026-12-02T16:10"); // HIGH from filing (Wednesday 12:30) passed

        tickets.triage(number, "HIGH", "team-lifecycle");

        // HIGH from the triage would be Thursday 12:10, later than the NORMAL target it replaces
        assertThat(Jobs.due(target(number))).isEqualTo(EngineTime.newYork("2026-12-02T16:30"));
    }

    @Test
    void answeredInTimeMeetsTheTarget() {
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(requester);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "REPLY", "Looking into it.");

        jobs.fire(target(number));

        assertThat(tickets.process(number)).hasPassed(SupportTicketDiagram.FIRST_RESPONSE_MET).hasNotPassed(SupportTicketDiagram.RECORD_FIRST_RESPONSE_BREACH);
        assertThat(repository.findByNumber(number).orElseThrow().firstResponseBreached()).isFalse();
        assertThat(mailbox.to("manager@support.example", number)).isEmpty();
    }

    @Test
    void closingTheTicketEndsTheWatch() {
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(requester);
        String processId = tickets.process(number).getId();
        tickets.triage(number, "NORMAL", "team-lifecycle");

        tickets.work(number, "SOLVE", "Done.");

        assertThat(jobs.timer(processId, SupportTicketDiagram.FIRST_RESPONSE_TIMER)).isNull();
    }

    private org.camunda.bpm.engine.runtime.Job target(String number) {
        return jobs.timer(tickets.process(number).getId(), SupportTicketDiagram.FIRST_RESPONSE_TIMER);
    }
}
