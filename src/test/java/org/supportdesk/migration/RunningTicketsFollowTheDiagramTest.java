package org.supportdesk.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * Issue #15: an analyst deploys a changed {@code support-ticket}; the tickets already running follow it when their
 * activities map (timers recomputed from the new diagram), and those that cannot stay on their version and are listed
 * with the reason. Each test removes its deployment afterwards (the instances on it with it), so the shipped diagram
 * is the latest again for the other tests.
 */
@SupportDeskTest
class RunningTicketsFollowTheDiagramTest {

    static final String PROCESS = SupportTicketDiagram.PROCESS_KEY;

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Jobs jobs;
    @Autowired Api api;
    @Autowired RepositoryService repository;
        @Autowired InstanceMigrations migrations;
    @Autowired org.camunda.bpm.engine.FormService formService;

    String rita;

    @BeforeEach
    void organisation() {
        rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita"); // New York, US holidays
    }

    @Test
    void threePendingTicketsFollowAFirstReminderChangedToThreeBusinessDaysAndNewTicketsUseItToo() throws Exception {
        EngineTime.setNewYork("2027-05-03T10:00"); // a Monday
        List<String> pending = List.of(pendingTicket(), pendingTicket(), pendingTicket()); // pending since 11:00
        for (String number : pending) {
            assertThat(Jobs.due(reminder(number))).isEqualTo(EngineTime.newYork("2027-05-05T11:00"));
        }

        String deployment = deploy(bpmn -> bpmn.replace("pendingSince, 2)}", "pendingSince, 3)}"));
        try {
            ProcessDefinition changed = latest();
            List<InstanceMigrations.Started> started = migrations.migrateToLatest();
            assertThat(started).filteredOn(s -> s.processKey().equals(PROCESS)).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.toVersion()).isEqualTo(changed.getVersion()));
            started.stream().filter(s -> s.batchId() != null).forEach(s -> jobs.runBatch(s.batchId()));

            for (String number : pending) {
                assertThat(tickets.process(number).getProcessDefinitionId()).isEqualTo(changed.getId());
                assertThat(Jobs.due(reminder(number))).as("3 business days after pending began")
                        .isEqualTo(EngineTime.newYork("2027-05-06T11:00"));
            }
            assertThat(migrations.behind()).extracting(InstanceMigrations.Behind::businessKey)
                    .doesNotContainAnyElementsOf(pending);

            EngineTime.setNewYork("2027-05-03T10:00");
            String later = pendingTicket();
            assertThat(tickets.process(later).getProcessDefinitionId()).isEqualTo(changed.getId());
            assertThat(Jobs.due(reminder(later))).isEqualTo(EngineTime.newYork("2027-05-06T11:00"));
            String fresh = tickets.file(rita);
            assertThat(formService.getDeployedTaskForm(tickets.task(fresh).getId()))
                    .as("the diagram deployed alone finds its form").isNotNull();
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    @Test
    void ticketsWaitingInAnActivityTheNewVersionDoesNotHaveStayAndAreListedWithTheReason() throws Exception {
        EngineTime.setNewYork("2027-05-10T10:00");
        String working = tickets.file(rita);
        tickets.triage(working, "NORMAL", "team-lifecycle"); // waits at Task_WorkTicket
        String pending = pendingTicket();
        String before = tickets.process(working).getProcessDefinitionId();

        String deployment = deploy(bpmn -> bpmn.replace(SupportTicketDiagram.WORK_TASK, "Task_AnswerTicket"));
        try {
            List<InstanceMigrations.Started> started = migrations.migrateToLatest();
            started.stream().filter(s -> s.batchId() != null).forEach(s -> jobs.runBatch(s.batchId()));

            assertThat(tickets.process(working).getProcessDefinitionId()).as("stays").isEqualTo(before);
            assertThat(tickets.process(pending).getProcessDefinitionId()).as("follows").isEqualTo(latest().getId());
            Api.Response listed = api.as("agent", "agent").get("/api/staff/migrations");
            assertThat(listed.status()).isEqualTo(200);
            String mine = "$[?(@.businessKey == '" + working + "')]";
            assertThat(listed.<List<String>>json(mine + ".reason")).singleElement().asString()
                    .contains("Waits at Task_WorkTicket", "version " + latest().getVersion() + " does not have");
            assertThat(listed.<List<Integer>>json(mine + ".latestVersion")).containsExactly(latest().getVersion());
            assertThat(listed.body()).doesNotContain("\"businessKey\":\"" + pending + "\"");
            assertThat(api.as("analyst", "analyst").get("/api/staff/migrations").status()).isEqualTo(200);
            assertThat(api.anonymous().get("/api/staff/migrations").status()).isEqualTo(401);

            assertThat(migrations.migrateToLatest()).as("once per pair of versions")
                    .noneMatch(s -> s.processKey().equals(PROCESS));
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    @Test
    void r14_ticketsPendingOnAVersionWithoutThePendingTaskGetItWhenTheyFollowAndKeepTheirReminders() throws Exception {
        String old = deploy(RunningTicketsFollowTheDiagramTest::withoutThePendingTask);
        String shipped = null;
        try {
            EngineTime.setNewYork("2027-05-03T10:00"); // a Monday
            String pending = pendingTicket();
            String working = tickets.file(rita);
            tickets.triage(working, "NORMAL", "team-lifecycle");
            assertThat(tickets.task(pending)).as("before R14: no task while PENDING").isNull();
            java.time.Instant reminded = Jobs.due(reminder(pending));

            shipped = deployAsShipped();
            List<InstanceMigrations.Started> started = migrations.migrateToLatest();
            started.stream().filter(s -> s.batchId() != null).forEach(s -> jobs.runBatch(s.batchId()));

            assertThat(tickets.process(pending).getProcessDefinitionId()).isEqualTo(latest().getId());
            assertThat(tickets.process(working).getProcessDefinitionId()).isEqualTo(latest().getId());
            assertThat(tickets.task(pending).getTaskDefinitionKey()).isEqualTo(SupportTicketDiagram.PENDING_TASK);
            assertThat(tickets.task(pending).getAssignee()).as("the agent who asked").isEqualTo(Tickets.AGENT);
            assertThat(tickets.task(working).getTaskDefinitionKey()).isEqualTo(SupportTicketDiagram.WORK_TASK);
            assertThat(Jobs.due(reminder(pending))).as("the reminder keeps its date").isEqualTo(reminded);
            assertThat(migrations.behind()).extracting(InstanceMigrations.Behind::businessKey)
                    .doesNotContain(pending, working);

            tickets.work(pending, "SOLVE", "Solved on the phone.");
            assertThat(tickets.process(pending)).isNull();
            assertThat(api.as("agent", "agent").get("/api/staff/tickets/" + pending).<String>json("$.closeReason"))
                    .isEqualTo("SOLVED");
        } finally {
            if (shipped != null) {
                repository.deleteDeployment(shipped, true);
            }
            repository.deleteDeployment(old, true);
        }
    }

    /** {@code support-ticket} as it was before R14: nothing for the agent while the ticket is PENDING. */
    private static String withoutThePendingTask(String bpmn) {
        return bpmn.replaceAll("(?s)\\s*<bpmn:userTask id=\"Task_FinishPending\".*?</bpmn:userTask>", "")
                .replaceAll("(?s)\\s*<bpmn:serviceTask id=\"Task_RecordPendingAction\".*?</bpmn:serviceTask>", "")
                .replaceAll("(?s)\\s*<bpmn:endEvent id=\"EndEvent_AgentFinishedPending\".*?</bpmn:endEvent>", "")
                .replaceAll("\\s*<bpmn:outgoing>Flow_Timers_FinishPending</bpmn:outgoing>", "")
                .replaceAll("\\s*<bpmn:sequenceFlow id=\"Flow_(Timers_FinishPending|FinishPending_Record|RecordPending_End)\"[^>]*/>", "")
                .replaceAll("(?s)\\s*<bpmndi:BPMNShape id=\"(Task_FinishPending|Task_RecordPendingAction|EndEvent_AgentFinishedPending)_di\".*?</bpmndi:BPMNShape>", "")
                .replaceAll("(?s)\\s*<bpmndi:BPMNEdge id=\"Flow_(Timers_FinishPending|FinishPending_Record|RecordPending_End)_di\".*?</bpmndi:BPMNEdge>", "");
    }

    /** The shipped diagram deployed once more, as the next release deploys it: a new version. */
    private String deployAsShipped() throws Exception {
        return repository.createDeployment().name("release")
                .addString(PROCESS + ".bpmn", Files.readString(Path.of("processes", PROCESS + ".bpmn"),
                        StandardCharsets.UTF_8)).deploy().getId();
    }

    private String pendingTicket() {
        String number = tickets.file(rita);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        EngineTime.setNewYork(EngineTime.now().atZone(EngineTime.NEW_YORK).toLocalDate() + "T11:00");
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        return number;
    }

    private Job reminder(String number) {
        return jobs.timer(tickets.process(number).getId(), "Timer_FirstReminder");
    }

    /** As an analyst deploys from Modeler: the shipped diagram, changed. */
    private String deploy(UnaryOperator<String> change) throws Exception {
        String shipped = Files.readString(Path.of("processes", PROCESS + ".bpmn"), StandardCharsets.UTF_8);
        String changed = change.apply(shipped);
        assertThat(changed).as("the change applies").isNotEqualTo(shipped);
        return repository.createDeployment().name("analyst").addString(PROCESS + ".bpmn", changed).deploy().getId();
    }

    private ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS).latestVersion().singleResult();
    }
}
