package org.supportdesk.outage;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.supportdesk.dashboard.Dashboard;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.processes.EscalationDiagram;
import org.supportdesk.processes.SupportTicketDiagram;

/** R19 and R21: 24x7 paging for Extended Support customers, and the Extended Support channel. */
@SupportDeskTest
class ExtendedSupportTest {

    static final List<String> ONCALL_GROUPS = List.of("oncall", "team-sev1");

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired Jobs jobs;
    @Autowired Api api;
    @Autowired TicketRepository repository;
    @Autowired RuntimeService runtime;
    @Autowired Dashboard dashboard;

    @Test
    void outageOutsideHoursPagesTheOncallEngineerAtOnce() {
        String customer = extendedSupportOrganisation().owner("ella");
        EngineTime.setNewYork("2026-12-04T18:00"); // Friday evening
        Dashboard.Now before = dashboard.now(dashboard.filter(null, null, null));

        String number = tickets.file(customer, Sev1OutageTest.outage());

        Dashboard.Now now = dashboard.now(dashboard.filter(null, null, null));
        assertThat(now.sev1Running() - before.sev1Running()).as("the managers' dashboard: SEV-1 running").isEqualTo(1);
        assertThat(now.unacknowledgedPages() - before.unacknowledgedPages()).as("pages not acknowledged").isEqualTo(1);

        assertThat(escalation(number)).isWaitingAt(EscalationDiagram.ACKNOWLEDGE_TASK).task().hasCandidateGroup("oncall");
        assertThat(escalation(number)).task().hasName("Acknowledge outage " + number + ": "
                + Sev1OutageTest.outage().get("summary"));
        assertThat(mailbox.to("oncall@support.example", number)).extracting(Mailbox.Mail::subject)
                .containsExactly("PAGE [" + number + "] SEV-1 outage, Extended Support: Org " + orgOf(customer));
        assertThat(mailbox.to(customer, "on-call engineer paged")).hasSize(1);
    }

    @Test
    void unacknowledgedPagesEscalateEveryThirtyMinutes() {
        String customer = extendedSupportOrganisation().owner("ella");
        EngineTime.setNewYork("2026-12-04T18:00");
        String number = tickets.file(customer, Sev1OutageTest.outage());
        String escalation = escalation(number).getId();

        assertThat(Jobs.due(cycle(escalation))).isEqualTo(EngineTime.newYork("2026-12-04T18:30"));
        jobs.fire(cycle(escalation));
        assertThat(Jobs.due(cycle(escalation))).isEqualTo(EngineTime.newYork("2026-12-04T19:00"));
        jobs.fire(cycle(escalation));
        assertThat(Jobs.due(cycle(escalation))).isEqualTo(EngineTime.newYork("2026-12-04T19:30"));
        jobs.fire(cycle(escalation));

        assertThat(Jobs.due(cycle(escalation))).isEqualTo(EngineTime.newYork("2026-12-04T20:00"));
        assertThat(mailbox.to("backup@support.example", "[" + number + "] SEV-1 outage still not acknowledged")).hasSize(3);
        assertThat(mailbox.to("manager@support.example", "[" + number + "] SEV-1 outage still not acknowledged")).hasSize(3);
        assertThat(mailbox.to("oncall@support.example", number)).hasSize(4);
        assertThat(escalation(number)).isWaitingAt(EscalationDiagram.ACKNOWLEDGE_TASK);
    }

    @Test
    void acknowledgementStopsThePagingAndTheEngineerWorksTheOutage() {
        String customer = extendedSupportOrganisation().owner("ella");
        EngineTime.setNewYork("2026-12-04T18:00");
        String number = tickets.file(customer, Sev1OutageTest.outage());
        String escalation = escalation(number).getId();
        jobs.fire(cycle(escalation));

        EngineTime.setNewYork("2026-12-04T18:40");
        long pages = dashboard.now(dashboard.filter(null, null, null)).unacknowledgedPages();
        acknowledge(number, "CONFIRM", null);
        assertThat(dashboard.now(dashboard.filter(null, null, null)).unacknowledgedPages())
                .as("the managers' dashboard: one page fewer to acknowledge").isEqualTo(pages - 1);

        assertThat(cycle(escalation)).isNull();
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(tickets.task(number).getAssignee()).isEqualTo("oncall");
        assertThat(repository.findByNumber(number).orElseThrow().priority()).isEqualTo(Priority.URGENT);
    }

    @Test
    void theBackupOnCallPagedAfterThirtyMinutesAcknowledgesAndWorksTheOutage() {
        String customer = extendedSupportOrganisation().owner("ella");
        EngineTime.setNewYork("2026-12-04T18:00");
        String number = tickets.file(customer, Sev1OutageTest.outage());
        String escalation = escalation(number).getId();
        jobs.fire(cycle(escalation));

        assertThat(escalation(number)).task().hasCandidateGroup("oncall-backup").hasCandidateGroup("support-managers");
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("outageDecision", "CONFIRM");
        values.put("engineerNote", null);
        tickets.completeAs("backup", List.of("oncall-backup", "team-sev1"), number, values);

        assertThat(cycle(escalation)).isNull();
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(tickets.task(number).getAssignee()).isEqualTo("backup");
    }

    @Test
    void notAnOutageOutsideHoursBecomesAStandardTicketForBusinessHours() {
        OrgFixture org = extendedSupportOrganisation();
        String customer = org.owner("ella");
        EngineTime.setNewYork("2026-12-04T18:00");
        String number = tickets.file(customer, Sev1OutageTest.outage());

        acknowledge(number, "NOT_AN_OUTAGE", "Only the staging server is affected.");

        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(tickets.candidateGroups(number)).containsExactly("team-repository");
        assertThat(repository.findByNumber(number).orElseThrow().priority()).isEqualTo(Priority.NORMAL);
        assertThat(mailbox.to(customer, "Urgency lowered").get(0).body()).contains("Only the staging server");
        assertThat(api.as(customer).get("/api/organizations/" + org.id()).<Integer>json("$.sev1Downgrades")).isEqualTo(1);
    }

    @Test
    void inBusinessHoursAnExtendedSupportOutageUsesTheSev1Queue() {
        String customer = extendedSupportOrganisation().owner("ella");
        EngineTime.setNewYork("2026-12-01T10:00");

        String number = tickets.file(customer, Sev1OutageTest.outage());

        assertThat(escalation(number)).isNull();
        assertThat(tickets.candidateGroups(number)).containsExactly("team-sev1");
    }

    @Test
    void nonOutageThroughTheExtendedSupportChannelIsAStandardTicket() {
        String customer = extendedSupportOrganisation().owner("ella");
        EngineTime.setNewYork("2026-12-04T18:00");
        Map<String, Object> question = Tickets.request();
        question.put("product", "REPOSITORY_MANAGER");

        Api.Response response = api.as(customer).post("/api/extended-support/requests", question);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.<String>json("$.channel")).isEqualTo("EXTENDED_SUPPORT");
        assertThat(response.<String>json("$.notice")).contains("production outages only");
        String number = response.json("$.number");
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(mailbox.to("oncall@support.example", number)).isEmpty();
    }

    @Test
    void organisationWithoutTheAddOnIsToldAndItsRequestStillFiled() {
        String customer = fixtures.organization().licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), false)
                .owner("nora");
        EngineTime.setNewYork("2026-12-04T18:00");

        Api.Response response = api.as(customer).post("/api/extended-support/requests", Sev1OutageTest.outage());

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.<String>json("$.notice")).contains("no active Extended Support").contains("business hours");
        String number = response.json("$.number");
        assertThat(escalation(number)).isNull();
        assertThat(mailbox.to(customer, "outside business hours")).hasSize(1);
    }

    @Test
    void extendedSupportRequestInTheChannelPagesLikeTheWebForm() {
        String customer = extendedSupportOrganisation().owner("ella");
        EngineTime.setNewYork("2026-12-05T03:00"); // Saturday night

        Api.Response response = api.as(customer).post("/api/extended-support/requests", Sev1OutageTest.outage());

        assertThat(response.body()).doesNotContain("notice");
        assertThat(escalation(response.json("$.number"))).isWaitingAt(EscalationDiagram.ACKNOWLEDGE_TASK);
    }

    private OrgFixture extendedSupportOrganisation() {
        return fixtures.organization().licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), true);
    }

    private void acknowledge(String number, String decision, String note) {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("outageDecision", decision);
        values.put("engineerNote", note);
        tickets.completeAs("oncall", ONCALL_GROUPS, number, values);
    }

    private ProcessInstance escalation(String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(EscalationDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(number).singleResult();
    }

    private org.camunda.bpm.engine.runtime.Job cycle(String escalationId) {
        return jobs.timer(escalationId, "Timer_PagingCycle");
    }

    private static String orgOf(String email) {
        return email.substring(email.indexOf('@') + 1, email.indexOf('.', email.indexOf('@')));
    }
}
