package org.supportdesk.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.EscalationDiagram;
import org.supportdesk.processes.Sev1OutageDiagram;

/**
 * R18/R19 at closing time (issue #23): what customers, engineers, the on-call engineers and managers receive by mail
 * when an outage is filed just before business hours end, in the customer's zone (New York, US holidays).
 */
@SupportDeskTest
class Sev1AtClosingTest {

    static final String MANAGER = "manager@support.example";
    static final String ONCALL = "oncall@support.example";
    static final String BACKUP = "backup@support.example";

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired Jobs jobs;
    @Autowired RuntimeService runtime;
    @Autowired org.supportdesk.staffdesk.TicketTimeline timeline;
    @Autowired org.supportdesk.ticket.TicketRepository repository;

    @Test
    void r18_filedAt1659OnFridayWithoutExtendedSupportTheCustomerIsToldMonday0959AndNoManagerIsMailedAt1759() {
        String customer = organisation(false).owner("sam");
        EngineTime.setNewYork("2026-12-04T16:59");

        String number = tickets.file(customer, Sev1OutageTest.outage());

        assertThat(mailbox.to(customer, "SEV-1 outage received").get(0).body())
                .contains("we will respond by Monday 7 December 2026, 09:59 EST");
        assertThat(mailbox.to(ONCALL, "[" + number + "] SEV-1 outage in the queue").get(0).body())
                .as("the SEV-1 engineers' mail")
                .contains("Respond by Monday 7 December 2026, 09:59 EST").doesNotContain("within one hour");
        assertThat(Jobs.due(timer(number, Sev1OutageDiagram.RESPONSE_DUE_TIMER)))
                .isEqualTo(EngineTime.newYork("2026-12-07T09:59"));

        jobs.fire(timer(number, Sev1OutageDiagram.BUSINESS_HOURS_END));
        EngineTime.setNewYork("2026-12-04T17:59");
        jobs.executeDue();

        assertThat(sev1(number)).isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);
        assertThat(tickets.candidateGroups(number)).containsExactly("team-sev1");
        assertThat(mailbox.to(MANAGER, number)).as("no breach mail on Friday evening").isEmpty();
        assertThat(mailbox.to(ONCALL, "PAGE [" + number + "]")).as("nobody paged").isEmpty();

        jobs.fire(timer(number, Sev1OutageDiagram.RESPONSE_DUE_TIMER));

        assertThat(mailbox.to(MANAGER, number)).extracting(Mailbox.Mail::subject).as("Monday 09:59")
                .containsExactly("[" + number + "] SEV-1 outage unanswered for an hour: Repository down");
    }

    @Test
    void r19_filedAt1659OnFridayWithExtendedSupportTheOnCallEngineerIsPagedAtClosingAndEvery30Minutes() {
        String customer = organisation(true).owner("ella");
        EngineTime.setNewYork("2026-12-04T16:59");

        String number = tickets.file(customer, Sev1OutageTest.outage());

        assertThat(mailbox.to(customer, "SEV-1 outage received").get(0).body())
                .contains("we will respond by Friday 4 December 2026, 17:59 EST");
        assertThat(mailbox.to(ONCALL, "PAGE [" + number + "]")).isEmpty();

        jobs.fire(timer(number, Sev1OutageDiagram.BUSINESS_HOURS_END));

        assertThat(EngineTime.now()).isEqualTo(EngineTime.newYork("2026-12-04T17:00"));
        assertThat(mailbox.to(ONCALL, "PAGE [" + number + "]")).hasSize(1);
        assertThat(mailbox.to(customer, "on-call engineer paged")).hasSize(1);
        assertThat(timer(number, Sev1OutageDiagram.RESPONSE_DUE_TIMER)).as("the queue's target left with it").isNull();
        assertThat(timeline.of(repository.findByNumber(number).orElseThrow()))
                .extracting(org.supportdesk.staffdesk.TicketTimeline.Event::text).as("the staff timeline")
                .containsSubsequence("SEV-1: customer told it was received",
                        "SEV-1: business hours ended before the assessment; handed to the on-call engineer",
                        "SEV-1: on-call engineer paged");
        Job cycle = jobs.timer(escalation(number).getId(), "Timer_PagingCycle");
        assertThat(Jobs.due(cycle)).isEqualTo(EngineTime.newYork("2026-12-04T17:30"));

        jobs.fire(cycle);
        EngineTime.setNewYork("2026-12-04T17:59");
        jobs.executeDue();

        assertThat(mailbox.to(BACKUP, "[" + number + "] SEV-1 outage still not acknowledged")).hasSize(1);
        assertThat(mailbox.to(MANAGER, "[" + number + "]")).extracting(Mailbox.Mail::subject).as("no breach mail")
                .singleElement().asString().startsWith("PAGE [" + number + "] SEV-1 outage still not acknowledged");
    }

    @Test
    void r18_filedAt1630BeforeAHolidayWithoutExtendedSupportTheCustomerIsToldTheNextBusinessDay() {
        String customer = organisation(false).owner("sam");
        EngineTime.setNewYork("2026-12-24T16:30"); // Christmas Day, a Friday, is a US holiday

        String number = tickets.file(customer, Sev1OutageTest.outage());

        assertThat(mailbox.to(customer, "SEV-1 outage received").get(0).body())
                .contains("we will respond by Monday 28 December 2026, 09:30 EST");
        jobs.fire(timer(number, Sev1OutageDiagram.BUSINESS_HOURS_END));
        EngineTime.setNewYork("2026-12-24T17:30");
        jobs.executeDue();

        assertThat(sev1(number)).isWaitingAt(Sev1OutageDiagram.ASSESS_TASK);
        assertThat(mailbox.to(MANAGER, number)).isEmpty();
        assertThat(mailbox.to(ONCALL, "PAGE [" + number + "]")).isEmpty();
    }

    @Test
    void r19_filedAt1630BeforeAHolidayWithExtendedSupportTheOnCallEngineerIsPagedAtClosing() {
        String customer = organisation(true).owner("ella");
        EngineTime.setNewYork("2026-12-24T16:30");
        String number = tickets.file(customer, Sev1OutageTest.outage());

        jobs.fire(timer(number, Sev1OutageDiagram.BUSINESS_HOURS_END));

        assertThat(EngineTime.now()).isEqualTo(EngineTime.newYork("2026-12-24T17:00"));
        assertThat(escalation(number)).isWaitingAt(EscalationDiagram.ACKNOWLEDGE_TASK).task().hasCandidateGroup("oncall");
        assertThat(mailbox.to(ONCALL, "PAGE [" + number + "]")).hasSize(1);
        assertThat(mailbox.to(MANAGER, "unanswered for an hour")).extracting(Mailbox.Mail::subject)
                .noneMatch(subject -> subject.contains(number));
    }

    @Test
    void r18_filedAt0859OnMondayWithoutExtendedSupportTheHourCountsFromTheOpening() {
        String customer = organisation(false).owner("sam");
        EngineTime.setNewYork("2026-12-07T08:59");

        String number = tickets.file(customer, Sev1OutageTest.outage());

        assertThat(mailbox.to(customer, "outside business hours").get(0).body())
                .contains("Monday 7 December 2026, 09:00 EST")
                .contains("we will respond by Monday 7 December 2026, 10:00 EST");
        jobs.fire(timer(number, Sev1OutageDiagram.NEXT_OPENING_TIMER));
        assertThat(Jobs.due(timer(number, Sev1OutageDiagram.RESPONSE_DUE_TIMER)))
                .isEqualTo(EngineTime.newYork("2026-12-07T10:00"));
        assertThat(mailbox.to(ONCALL, "PAGE [" + number + "]")).isEmpty();
    }

    @Test
    void r19_filedAt0859OnMondayWithExtendedSupportTheOnCallEngineerIsPagedAtOnce() {
        String customer = organisation(true).owner("ella");
        EngineTime.setNewYork("2026-12-07T08:59");

        String number = tickets.file(customer, Sev1OutageTest.outage());

        assertThat(mailbox.to(ONCALL, "PAGE [" + number + "]")).hasSize(1);
        assertThat(mailbox.to(customer, "on-call engineer paged")).hasSize(1);
        assertThat(mailbox.to(customer, "outside business hours")).isEmpty();
    }

    private TestFixtures.OrgFixture organisation(boolean extendedSupport) {
        return fixtures.organization().licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), extendedSupport);
    }

    private Job timer(String number, String activityId) {
        return jobs.timer(sev1(number).getId(), activityId);
    }

    private ProcessInstance sev1(String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(Sev1OutageDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(number).singleResult();
    }

    private ProcessInstance escalation(String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(EscalationDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(number).singleResult();
    }
}
