package org.supportdesk.outage;

import org.supportdesk.catalog.ConcernType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.processes.Sev1OutageDiagram;
import org.supportdesk.processes.SupportTicketDiagram;

/** R18–R20: the SEV-1 path in and out of business hours, without Extended Support. */
@SupportDeskTest
class Sev1OutageTest {

    static final List<String> ONCALL_GROUPS = List.of("oncall", "team-sev1");

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired Jobs jobs;
    @Autowired Api api;
    @Autowired TicketRepository repository;
    @Autowired RuntimeService runtime;
    @Autowired org.supportdesk.dashboard.Dashboard dashboard;

    @Test
    void outageInBusinessHoursGoesStraightToTheSev1Queue() {
        String customer = standardOrganisation().owner("sam");
        EngineTime.setNewYork("2026-12-01T10:00");

        String number = tickets.file(customer, outage());

        assertThat(sev1(number)).isWaitingAt(Sev1OutageDiagram.ASSESS_TASK).hasPassed(Sev1OutageDiagram.SEND_SEV1_RECEIVED);
        assertThat(tickets.candidateGroups(number)).containsExactly("team-sev1");
        assertThat(tickets.task(number).getName()).as("the task carries the ticket")
                .isEqualTo("Assess outage " + number + ": " + outage().get("summary"));
        Ticket ticket = ticket(number);
        assertThat(ticket.priority()).isEqualTo(Priority.URGENT);
        assertThat(ticket.team()).isEqualTo("team-sev1");
        assertThat(mailbox.to(customer, "SEV-1 outage received")).hasSize(1);
        assertThat(mailbox.to("oncall@support.example", number)).extracting(Mailbox.Mail::subject)
                .contains("[" + number + "] SEV-1 outage in the queue: Repository down");
    }

    @Test
    void theResponseTargetIsOneHour() {
        String customer = standardOrganisation().owner("sam");
        EngineTime.setNewYork("2026-12-01T10:00");

        String number = tickets.file(customer, outage());

        assertThat(Jobs.due(jobs.timer(sev1(number).getId(), "Timer_Sev1ResponseDue")))
                .isEqualTo(EngineTime.newYork("2026-12-01T11:00"));
    }

    @Test
    void anHourWithoutAssessmentEscalatesToTheManagers() {
        String customer = standardOrganisation().owner("sam");
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(customer, outage());

        jobs.fire(jobs.timer(sev1(number).getId(), "Timer_Sev1ResponseDue"));

        assertThat(sev1(number)).hasPassed("Task_EscalateToManagers").isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);
        assertThat(mailbox.to("manager@support.example", number)).extracting(Mailbox.Mail::subject)
                .contains("[" + number + "] SEV-1 outage unanswered for an hour: Repository down");
        assertThat(ticket(number).firstResponseBreached()).isTrue();
    }

    @Test
    void missingLogsAreAskedForAtOnce() {
        String customer = standardOrganisation().owner("sam");
        EngineTime.setNewYork("2026-12-01T10:00");

        String number = tickets.file(customer, outage());

        assertThat(sev1(number)).hasPassed(Sev1OutageDiagram.REQUEST_STARTUP_LOGS);
        assertThat(mailbox.to(customer, "please send the start-up logs")).hasSize(1);
    }

    @Test
    void attachedLogsAreNotAskedForAgain() {
        String customer = standardOrganisation().owner("sam");
        EngineTime.setNewYork("2026-12-01T10:00");

        String number = tickets.fileWithFile(customer, outage(), "startup.log.gz", new byte[]{1, 2, 3});

        assertThat(sev1(number)).hasNotPassed(Sev1OutageDiagram.REQUEST_STARTUP_LOGS);
        assertThat(mailbox.to(customer, "start-up logs")).isEmpty();
    }

    @Test
    void theEngineerCanAskForTheLogsAgain() {
        String customer = standardOrganisation().owner("sam");
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(customer, outage());

        assess(number, "REQUEST_LOGS", "We need nexus.log from the data directory.");

        assertThat(sev1(number)).isWaitingAt(Sev1OutageDiagram.ASSESS_TASK).hasPassed(Sev1OutageDiagram.REQUEST_LOGS_AGAIN);
        assertThat(mailbox.to(customer, "start-up logs")).last().extracting(Mailbox.Mail::body).asString()
                .contains("We need nexus.log from the data directory.");
    }

    @Test
    void confirmedOutageIsWorkedAtOnceByTheEngineer() {
        String customer = standardOrganisation().owner("sam");
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(customer, outage());

        assess(number, "CONFIRM", null);

        assertThat(sev1History(number)).isEqualTo(1);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK).hasNotPassed(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(tickets.task(number).getAssignee()).isEqualTo("oncall");
        assertThat(tickets.candidateGroups(number)).containsExactly("team-sev1");
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket(number).priority()).isEqualTo(Priority.URGENT);
    }

    @Test
    void notAProductionOutageLowersUrgencyAndReturnsToTheStandardQueue() {
        OrgFixture org = standardOrganisation();
        String customer = org.owner("sam");
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(customer, outage());

        assess(number, "NOT_AN_OUTAGE", "The test instance is down; production runs fine.");

        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(tickets.candidateGroups(number)).containsExactly("team-repository");
        Ticket ticket = ticket(number);
        assertThat(ticket.priority()).isEqualTo(Priority.NORMAL);
        assertThat(ticket.team()).isEqualTo("team-repository");
        Mailbox.Mail notice = mailbox.to(customer, "Urgency lowered").get(0);
        assertThat(notice.body()).contains("The test instance is down; production runs fine.");
        assertThat(runtime.getVariable(tickets.process(number).getId(), "sev1Downgraded")).isEqualTo(true);
    }

    @Test
    void downgradesAreCountedForTheOrganisationsOwners() {
        OrgFixture org = standardOrganisation();
        String customer = org.owner("sam");
        String member = org.contact("mia");
        EngineTime.setNewYork("2026-12-01T10:00");
        assess(tickets.file(customer, outage()), "NOT_AN_OUTAGE", "Staging only.");
        assess(tickets.file(customer, outage()), "NOT_AN_OUTAGE", "Staging again.");

        assertThat(api.as(customer).get("/api/organizations/" + org.id()).<Integer>json("$.sev1Downgrades")).isEqualTo(2);
        assertThat(api.as(member).get("/api/organizations/" + org.id()).body()).doesNotContain("sev1Downgrades");
    }

    @Test
    void managersSeeTheDowngradeCountsOfAllOrganisations() {
        OrgFixture org = standardOrganisation();
        EngineTime.setNewYork("2026-12-01T10:00");
        assess(tickets.file(org.owner("sam"), outage()), "NOT_AN_OUTAGE", "Staging only.");

        Api.Response organisations = api.as("manager", "manager").get("/api/staff/organizations");

        assertThat(organisations.<List<Integer>>json("$[?(@.id=='" + org.id() + "')].sev1Downgrades"))
                .containsExactly(1);
        assertThat(dashboard.sev1Downgrades().rows()).as("the managers' dashboard")
                .contains(List.of(org.id(), "Org " + org.id(), "1"));
        assertThat(api.as(org.owner("olga")).get("/api/staff/organizations").status()).isEqualTo(401);
    }

    @Test
    void downgradeNeedsAReason() {
        String customer = standardOrganisation().owner("sam");
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(customer, outage());

        assertThatThrownBy(() -> assess(number, "NOT_AN_OUTAGE", " ")).hasMessageContaining("Say why");
        assertThat(sev1(number)).isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);
    }

    @Test
    void outsideHoursWithoutExtendedSupportTheCustomerIsToldWhenWorkStarts() {
        String customer = standardOrganisation().owner("sam");
        EngineTime.setNewYork("2026-12-04T18:00"); // Friday evening

        String number = tickets.file(customer, outage());

        assertThat(sev1(number)).isWaitingAt("Timer_NextOpening");
        assertThat(Jobs.due(jobs.timer(sev1(number).getId(), "Timer_NextOpening")))
                .isEqualTo(EngineTime.newYork("2026-12-07T09:00"));
        Mailbox.Mail notice = mailbox.to(customer, "outside business hours").get(0);
        assertThat(notice.body()).contains("Monday 7 December 2026, 09:00 EST").contains("Extended Support");
    }

    @Test
    void atTheNextOpeningTheOutageEntersTheSev1Queue() {
        String customer = standardOrganisation().owner("sam");
        EngineTime.setNewYork("2026-12-04T18:00");
        String number = tickets.file(customer, outage());

        jobs.fire(jobs.timer(sev1(number).getId(), "Timer_NextOpening"));

        assertThat(sev1(number)).isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);
        assertThat(Jobs.due(jobs.timer(sev1(number).getId(), "Timer_Sev1ResponseDue")))
                .isEqualTo(EngineTime.newYork("2026-12-07T10:00"));
    }

    @Test
    void aHolidayMondayPushesTheStartToTuesday() {
        String customer = standardOrganisation().owner("sam");
        EngineTime.setNewYork("2027-01-15T18:00"); // Friday before Martin Luther King Jr. Day

        String number = tickets.file(customer, outage());

        assertThat(Jobs.due(jobs.timer(sev1(number).getId(), "Timer_NextOpening")))
                .isEqualTo(EngineTime.newYork("2027-01-19T09:00"));
    }

    @Test
    void berlinIsClosedWhileNewYorkIsOpen() {
        String customer = fixtures.organization("Europe/Berlin", "DE").activeLicence(Product.REPOSITORY_MANAGER)
                .owner("sven");
        EngineTime.setNewYork("2026-12-01T12:00"); // 18:00 in Berlin

        String number = tickets.file(customer, outage());

        assertThat(sev1(number)).isWaitingAt("Timer_NextOpening");
        assertThat(Jobs.due(jobs.timer(sev1(number).getId(), "Timer_NextOpening")))
                .isEqualTo(EngineTime.at("2026-12-02T09:00", EngineTime.BERLIN));
        assertThat(mailbox.to(customer, "outside business hours").get(0).body())
                .contains("Wednesday 2 December 2026, 09:00 CET");
    }

    @Test
    void customerCanAddInformationWhileTheOutageIsAssessed() {
        String customer = standardOrganisation().owner("sam");
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(customer, outage());

        assertThat(tickets.reply(customer, number, "Restarting did not help.").status()).isEqualTo(201);

        assertThat(mailbox.to("oncall@support.example", number)).extracting(Mailbox.Mail::body)
                .anyMatch(body -> body.contains("Restarting did not help."));
    }

    @Test
    void aFollowUpOfADowngradedOutageIsAStandardTicketNotCountedAgain() {
        OrgFixture org = standardOrganisation();
        String customer = org.owner("sam");
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(customer, outage());
        assess(number, "NOT_AN_OUTAGE", "Staging only.");
        tickets.triage(number, "NORMAL", "team-repository");
        tickets.work(number, "SOLVE", "Staging restarted.");

        Api.Response followUp = api.as(customer).post("/api/tickets/" + number + "/follow-ups",
                Map.of("description", "Staging is down again."));

        assertThat(followUp.status()).isEqualTo(201);
        String next = followUp.json("$.number");
        assertThat(ticket(next).concernType()).isEqualTo(ConcernType.PROBLEM);
        assertThat(ticket(next).priority()).isEqualTo(Priority.NORMAL);
        assertThat(tickets.process(next)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(sev1(next)).as("no SEV-1 process").isNull();
        assertThat(mailbox.to(customer, next)).extracting(Mailbox.Mail::subject)
                .anyMatch(subject -> subject.contains("Follow-up to " + number + " created"));
        assertThat(api.as(customer).get("/api/organizations/" + org.id()).<Integer>json("$.sev1Downgrades")).isOne();
    }

    @Test
    void aFollowUpIsAnOutageOnlyWhenTheCustomerDeclaresANewOne() {
        OrgFixture org = standardOrganisation();
        String customer = org.owner("sam");
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(customer, outage());
        assess(number, "CONFIRM", "Confirmed.");
        tickets.completeAs("oncall", ONCALL_GROUPS, number, Map.of("action", "SOLVE", "reply", "Fixed the disk."));

        Api.Response followUp = api.as(customer).post("/api/tickets/" + number + "/follow-ups",
                Map.of("description", "It is down again, production stopped.", "newOutage", true));

        String next = followUp.json("$.number");
        assertThat(ticket(next).concernType()).isEqualTo(ConcernType.CRITICAL_OUTAGE);
        assertThat(ticket(next).priority()).isEqualTo(Priority.URGENT);
        assertThat(sev1(next)).isNotNull();
    }

    private OrgFixture standardOrganisation() {
        return fixtures.organization().licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), false);
    }

    static Map<String, Object> outage() {
        Map<String, Object> request = Tickets.request();
        request.put("product", "REPOSITORY_MANAGER");
        request.put("topic", "INSTALLATION_UPGRADE");
        request.put("concernType", "CRITICAL_OUTAGE");
        request.put("summary", "Repository down");
        request.put("description", "The repository does not start after the upgrade.");
        return request;
    }

    private void assess(String number, String decision, String note) {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("outageDecision", decision);
        values.put("engineerNote", note);
        tickets.completeAs("oncall", ONCALL_GROUPS, number, values);
    }

    private ProcessInstance sev1(String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(Sev1OutageDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(number).singleResult();
    }

    private long sev1History(String number) {
        return org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService()
                .createHistoricActivityInstanceQuery().activityId("EndEvent_OutageConfirmed")
                .processInstanceId(org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService()
                        .createHistoricProcessInstanceQuery().processDefinitionKey(Sev1OutageDiagram.PROCESS_KEY)
                        .processInstanceBusinessKey(number).singleResult().getId())
                .count();
    }

    private Ticket ticket(String number) {
        return repository.findByNumber(number).orElseThrow();
    }
}
