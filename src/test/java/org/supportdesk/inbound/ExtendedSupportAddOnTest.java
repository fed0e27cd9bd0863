package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
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
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.EscalationDiagram;
import org.supportdesk.processes.Sev1OutageDiagram;
import org.supportdesk.ticket.Channel;
import org.supportdesk.ticket.Ticket;

/**
 * R21: Extended Support is an add-on of one licence, with a term of its own. It pages the on-call engineer for that
 * licence's product up to and including its last day (in the organisation's zone), by mail as through the API; after
 * it lapsed, or for another product, an outage takes the path of R19 on every channel and the customer is told so.
 */
@SupportDeskTest
class ExtendedSupportAddOnTest extends EmailChannel {

    /** Friday 4 December 2026, 18:00 in New York: outside business hours. */
    static final String FRIDAY_EVENING = "2026-12-04T18:00";
    static final LocalDate LICENCE_END = LocalDate.of(2099, 1, 1);

    @Autowired RuntimeService runtime;

    @Test
    void r21_anOutageMailedOnTheAddOnsLastDayPagesTheOncallEngineerForItsProduct() {
        String ella = fixtures.organization().activeLicence(Product.LIFECYCLE)
                .licence(Product.REPOSITORY_MANAGER, LICENCE_END, LocalDate.of(2026, 12, 4)).owner("ella");
        EngineTime.setNewYork(FRIDAY_EVENING);

        Ticket ticket = ticket(deliver(Smtp.mail(ella).to(Smtp.EXTENDED_SUPPORT)
                .subject("Production repository down").text("It does not start since 17:30.")).ticketId());

        assertThat(ticket.channel()).isEqualTo(Channel.EXTENDED_SUPPORT);
        assertThat(ticket.concernType()).isEqualTo(ConcernType.CRITICAL_OUTAGE);
        assertThat(ticket.product()).as("the product whose licence has the add-on").isEqualTo(Product.REPOSITORY_MANAGER);
        assertThat(escalation(ticket.number())).isWaitingAt(EscalationDiagram.ACKNOWLEDGE_TASK);
        assertThat(mailbox.to("oncall@support.example", ticket.number())).hasSize(1);
    }

    @Test
    void r21_anOutageMailedTheDayAfterTheAddOnLapsedGetsTheR19NoticeAndWaitsForTheOpening() {
        String ella = fixtures.organization().activeLicence(Product.LIFECYCLE)
                .licence(Product.REPOSITORY_MANAGER, LICENCE_END, LocalDate.of(2026, 12, 3)).owner("ella");
        EngineTime.setNewYork(FRIDAY_EVENING);

        Ticket ticket = ticket(deliver(Smtp.mail(ella).to(Smtp.EXTENDED_SUPPORT)
                .subject("Production repository down").text("It does not start since 17:30.")).ticketId());

        assertThat(ticket.concernType()).as("still an outage, not a standard ticket")
                .isEqualTo(ConcernType.CRITICAL_OUTAGE);
        assertThat(ticket.product()).as("the product whose add-on lapsed").isEqualTo(Product.REPOSITORY_MANAGER);
        assertR19(ella, ticket.number());
    }

    @Test
    void r21_anOutageThroughTheApiAfterTheAddOnLapsedGetsTheSameNoticeAndPathAsByMail() {
        String ella = fixtures.organization()
                .licence(Product.REPOSITORY_MANAGER, LICENCE_END, LocalDate.of(2026, 12, 3)).owner("ella");
        EngineTime.setNewYork(FRIDAY_EVENING);

        Api.Response response = api.as(ella).post("/api/extended-support/requests", outage("REPOSITORY_MANAGER"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.<String>json("$.notice"))
                .startsWith("Your organisation has no active Extended Support for REPOSITORY_MANAGER")
                .contains("Extended Support gives 24x7 help with production outages that happen outside business"
                        + " hours (09:00–17:00 your local time, working days)");
        assertR19(ella, response.json("$.number"));
    }

    @Test
    void r21_anOutageThroughTheApiWhileTheAddOnIsActivePagesAndNeedsNoNotice() {
        String ella = fixtures.organization()
                .licence(Product.REPOSITORY_MANAGER, LICENCE_END, LocalDate.of(2026, 12, 4)).owner("ella");
        EngineTime.setNewYork(FRIDAY_EVENING);

        Api.Response response = api.as(ella).post("/api/extended-support/requests", outage("REPOSITORY_MANAGER"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).doesNotContain("notice");
        assertThat(escalation(response.json("$.number"))).isWaitingAt(EscalationDiagram.ACKNOWLEDGE_TASK);
    }

    @Test
    void r21_anOutageOfASecondProductWithoutTheAddOnIsNotPagedOnAnyChannel() {
        OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE)
                .licence(Product.REPOSITORY_MANAGER, LICENCE_END, true);
        String ella = org.owner("ella");
        EngineTime.setNewYork(FRIDAY_EVENING);

        Api.Response response = api.as(ella).post("/api/extended-support/requests", outage("LIFECYCLE"));
        String web = tickets.file(ella, outage("LIFECYCLE"));

        assertThat(response.<String>json("$.notice"))
                .startsWith("Your organisation has no active Extended Support for LIFECYCLE");
        assertThat(escalation(response.json("$.number"))).isNull();
        assertThat(escalation(web)).as("the web form's outage for the same product").isNull();
        assertThat(sev1(web)).isWaitingAt("Timer_NextOpening");
        assertThat(mailbox.to("oncall@support.example")).as("nobody paged for either")
                .noneMatch(m -> m.subject().contains(web) || m.subject().contains(response.json("$.number")));
    }

    @Test
    void r21_mailFromAnOrganisationThatNeverHadTheAddOnIsAnOutageWorkedInBusinessHours() {
        String nora = fixtures.organization().licence(Product.REPOSITORY_MANAGER, LICENCE_END, false).owner("nora");
        EngineTime.setNewYork(FRIDAY_EVENING);

        Ticket ticket = ticket(deliver(Smtp.mail(nora).to(Smtp.EXTENDED_SUPPORT)
                .subject("Production repository down")).ticketId());

        assertThat(ticket.concernType()).isEqualTo(ConcernType.CRITICAL_OUTAGE);
        assertThat(ticket.product()).as("its only product").isEqualTo(Product.REPOSITORY_MANAGER);
        assertR19(nora, ticket.number());
    }

    /** R19: nobody is paged; the customer is told when work starts and how Extended Support works; then the queue. */
    private void assertR19(String customer, String number) {
        assertThat(escalation(number)).isNull();
        assertThat(mailbox.to("oncall@support.example", number)).isEmpty();
        assertThat(sev1(number)).hasPassed(Sev1OutageDiagram.SEND_OUT_OF_HOURS_NOTICE).isWaitingAt("Timer_NextOpening");
        assertThat(Jobs.due(jobs.timer(sev1(number).getId(), "Timer_NextOpening")))
                .isEqualTo(EngineTime.newYork("2026-12-07T09:00"));
        Mailbox.Mail notice = mailbox.to(customer, "outside business hours").get(0);
        assertThat(notice.subject()).contains(number);
        assertThat(notice.body()).contains("Monday 7 December 2026, 09:00 EST")
                .contains("Extended Support gives 24x7 help with production outages that happen outside business"
                        + " hours (09:00–17:00 your local time, working days)");
    }

    private static Map<String, Object> outage(String product) {
        Map<String, Object> request = new HashMap<>(Tickets.request());
        request.put("product", product);
        request.put("topic", "INSTALLATION_UPGRADE");
        request.put("concernType", "CRITICAL_OUTAGE");
        request.put("summary", "Production down");
        request.put("description", "The server does not start after the upgrade.");
        return request;
    }

    private ProcessInstance escalation(String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(EscalationDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(number).singleResult();
    }

    private ProcessInstance sev1(String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(Sev1OutageDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(number).singleResult();
    }
}
