package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.processes.SupportTicketDiagram;
import org.supportdesk.Api.Response;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

/**
 * A value an agent sends with a form that is none of the field's choices (a priority, a team queue, a product, a
 * topic, an action) is refused as Tasklist shows a refusal, over the engine REST API Tasklist calls: 400 with a
 * message naming the field and the values it takes, the task still open and the ticket unchanged, never a 500.
 */
@SupportDeskTest
class FormChoicesOverRestTest {

    @Autowired Api api;
    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired TicketRepository repository;

    String requester;

    @BeforeEach
    void organisation() {
        EngineTime.setNewYork("2026-12-01T10:00");
        requester = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
    }

    @Test
    void aTriagePriorityThatIsNoneOfTheChoicesIsRefusedNamingThePriorities() {
        String number = tickets.file(requester);

        Response refused = submitTriage(number, Map.of("priority", "BOGUS", "team", "team-lifecycle"));

        assertRefused(refused, "Unknown priority 'BOGUS'", "[URGENT, HIGH, NORMAL, LOW]");
        assertStillInTriageAsRouted(number);
    }

    @Test
    void aTriageTeamThatIsNoTeamQueueIsRefusedNamingTheQueues() {
        String number = tickets.file(requester);

        Response refused = submitTriage(number, Map.of("priority", "HIGH", "team", "support-managers"));

        assertRefused(refused, "Unknown team queue 'support-managers'", "team-repository, team-lifecycle");
        assertStillInTriageAsRouted(number);
    }

    @Test
    void aTriageProductThatIsNoneOfTheChoicesIsRefusedNamingTheProducts() {
        String number = tickets.file(requester);

        Response refused = submitTriage(number, Map.of("priority", "HIGH", "team", "team-lifecycle",
                "product", "TOASTER", "topic", "CONFIGURATION"));

        assertRefused(refused, "Unknown product 'TOASTER'", "[REPOSITORY_MANAGER, LIFECYCLE, FIREWALL]");
        assertStillInTriageAsRouted(number);
    }

    @Test
    void aTriageTopicThatIsNoneOfTheChoicesIsRefusedNamingTheTopics() {
        String number = tickets.file(requester);

        Response refused = submitTriage(number, Map.of("priority", "HIGH", "team", "team-lifecycle",
                "product", "LIFECYCLE", "topic", "GOSSIP"));

        assertRefused(refused, "Unknown topic 'GOSSIP'", "CONFIGURATION", "PERFORMANCE");
        assertStillInTriageAsRouted(number);
    }

    @Test
    void aTriageWithAnEmptyPriorityIsRefusedAsRequired() {
        String number = tickets.file(requester);

        Response refused = submitTriage(number, Map.of("priority", " ", "team", "team-lifecycle"));

        assertRefused(refused, "Choose the priority", "[URGENT, HIGH, NORMAL, LOW]");
        assertStillInTriageAsRouted(number);
    }

    @Test
    void aReTriageToAPriorityThatIsNoneOfTheChoicesIsRefusedAndTheTicketStaysWhereItIs() {
        String number = tickets.file(requester);
        tickets.triage(number, "HIGH", "team-lifecycle");

        Response refused = submit(number, Map.of("action", "RETRIAGE", "newPriority", "SOONER"));

        assertRefused(refused, "Unknown priority 'SOONER'", "[URGENT, HIGH, NORMAL, LOW]");
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        Ticket ticket = repository.findByNumber(number).orElseThrow();
        assertThat(ticket.priority()).isEqualTo(Priority.HIGH);
        assertThat(ticket.team()).isEqualTo("team-lifecycle");
    }

    @Test
    void aReTriageToAnUnknownTeamQueueIsRefused() {
        String number = tickets.file(requester);
        tickets.triage(number, "HIGH", "team-lifecycle");

        Response refused = submit(number, Map.of("action", "RETRIAGE", "newTeam", "team-nowhere"));

        assertRefused(refused, "Unknown team queue 'team-nowhere'", "team-general");
        assertThat(repository.findByNumber(number).orElseThrow().team()).isEqualTo("team-lifecycle");
    }

    @Test
    void aWorkFormWithAnActionThatIsNoneOfTheChoicesIsRefusedNamingTheActions() {
        String number = tickets.file(requester);
        tickets.triage(number, "HIGH", "team-lifecycle");

        Response refused = submit(number, Map.of("action", "PANIC"));

        assertRefused(refused, "Choose what to do", "REPLY", "RETRIAGE");
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
    }

    private Response submitTriage(String number, Map<String, String> values) {
        Response claimed = api.as("agent", "agent").post("/engine-rest/task/" + tickets.task(number).getId()
                + "/claim", Map.of("userId", "agent"));
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);
        return submit(number, values);
    }

    /** {@code POST /engine-rest/task/{id}/submit-form} as Tasklist sends it, signed in as the agent. */
    private Response submit(String number, Map<String, String> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return api.as("agent", "agent").post("/engine-rest/task/" + tickets.task(number).getId() + "/submit-form",
                Map.of("variables", variables));
    }

    private static void assertRefused(Response response, String... saying) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.<String>json("$.message")).contains(saying);
    }

    private void assertStillInTriageAsRouted(String number) {
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        Ticket ticket = repository.findByNumber(number).orElseThrow();
        assertThat(ticket.status()).isEqualTo(TicketStatus.NEW);
        assertThat(ticket.priority()).isEqualTo(Priority.NORMAL);
        assertThat(ticket.team()).isEqualTo("team-lifecycle");
    }
}
