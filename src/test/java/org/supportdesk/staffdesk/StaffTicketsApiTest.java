package org.supportdesk.staffdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.Api.Response;
import org.supportdesk.EngineTime;
import org.supportdesk.RawHttp;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.TicketNotes;

/** The staff JSON (issue #13): search with every filter, a ticket read whole, internal notes; staff only. */
@SupportDeskTest
class StaffTicketsApiTest {

    @Autowired Api api;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired TicketNotes notes;
    @Autowired StaffDesk desk;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;
    @org.springframework.boot.test.web.server.LocalServerPort int port;

    OrgFixture org;
    String rita;
    String carl;

    @BeforeEach
    void setUp() {
        EngineTime.setNewYork("2026-12-01T10:00");
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        rita = org.owner("rita");
        carl = org.contact("carl");
    }

    Api.Caller agent() {
        return api.as("agent", "agent");
    }

    String file(String requester, String summary, String description) {
        Map<String, Object> request = Tickets.request();
        request.put("summary", summary);
        request.put("description", description);
        return tickets.file(requester, request);
    }

    @Test
    void searchFindsWordsInSummaryDescriptionAndConversation() {
        String slow = file(rita, "Search is slow", "Searching components takes 30 s since Monday.");
        String broken = file(carl, "Policy evaluation fails", "The Zebra policy throws an error.");
        tickets.triage(broken, "HIGH", "team-lifecycle");
        tickets.work(broken, "REQUEST_INFO", "Which version do you run?");
        tickets.reply(carl, broken, "We run the Quokka release.");

        assertThat(numbers("q=slow&organization=" + org.id())).containsExactly(slow);
        assertThat(numbers("q=ZEBRA&organization=" + org.id())).containsExactly(broken);
        assertThat(numbers("q=quokka&organization=" + org.id())).containsExactly(broken);
        assertThat(numbers("q=version&organization=" + org.id())).containsExactly(broken);
        assertThat(numbers("q=search+monday&organization=" + org.id())).containsExactly(slow);
        assertThat(numbers("q=search+zebra&organization=" + org.id())).isEmpty();
        assertThat(numbers("organization=" + org.id())).containsExactly(broken, slow);
        assertThat(numbers("q=" + slow)).containsExactly(slow);
        assertThat(numbers("number=" + broken)).containsExactly(broken);
    }

    @Test
    void wordsInManyTicketsFindTheSame() {
        String slow = file(rita, "Search is slow", "Searching components takes 30 s since Monday.");
        String broken = file(carl, "Policy evaluation fails", "The Zebra policy throws an error, since Monday.");
        desk.rareWord = 0; // every word as common as in a big history: no candidates first, a lookup per ticket
        try {
            assertThat(numbers("q=search+monday&organization=" + org.id())).containsExactly(slow);
            assertThat(numbers("q=monday&organization=" + org.id())).containsExactly(broken, slow);
            assertThat(numbers("q=monday+zebra+policy&organization=" + org.id())).containsExactly(broken);
            assertThat(numbers("q=search+zebra&organization=" + org.id())).isEmpty();
        } finally {
            desk.rareWord = StaffDesk.RARE_WORD;
        }
    }

    @Test
    void searchFiltersByOrganisationRequesterStatusTeamAssigneePriorityAndDate() {
        String first = file(rita, "First", "One.");
        EngineTime.setNewYork("2026-12-03T10:00");
        String second = file(carl, "Second", "Two.");
        tickets.triage(second, "HIGH", "team-general");
        String o = "organization=" + org.id();

        assertThat(numbers(o + "&requester=" + carl)).containsExactly(second);
        assertThat(numbers(o + "&status=OPEN")).containsExactly(second);
        assertThat(numbers(o + "&status=new")).containsExactly(first);
        assertThat(numbers(o + "&team=team-general")).containsExactly(second);
        assertThat(numbers(o + "&assignee=agent")).containsExactly(second);
        assertThat(numbers(o + "&priority=HIGH")).containsExactly(second);
        assertThat(numbers(o + "&from=2026-12-02")).containsExactly(second);
        assertThat(numbers(o + "&to=2026-12-02")).containsExactly(first);
        assertThat(numbers(o + "&from=2026-12-01&to=2026-12-03")).containsExactly(second, first);
    }

    @Test
    void resultsArePaged() {
        for (int i = 0; i < 5; i++) {
            file(rita, "Paged " + i, "Paging.");
        }
        Response page2 = agent().get("/api/staff/tickets?organization=" + org.id() + "&size=2&page=2");

        assertThat(page2.status()).isEqualTo(200);
        assertThat((Integer) page2.json("$.total")).isEqualTo(5);
        assertThat((List<String>) page2.json("$.items[*].summary")).containsExactly("Paged 2", "Paged 1");
        assertThat((String) page2.json("$.items[0].requesterEmail")).isEqualTo(rita);
    }

    @Test
    void badFilterValuesAreAProblemWithFieldErrors() {
        Response refused = agent().get("/api/staff/tickets?status=LOST&priority=x&from=yesterday&to=2026-13-01"
                + "&page=0&size=1000&number=ABC");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat((String) refused.json("$.type")).isEqualTo("urn:support-desk:problem:invalid-fields");
        assertThat((List<String>) refused.json("$.errors[*].field"))
                .containsExactlyInAnyOrder("number", "status", "priority", "from", "to", "page", "size");
        assertThat((List<String>) refused.json("$.errors[*].code")).contains("not-one-of", "not-a-date",
                "not-between", "not-a-ticket-number");
        assertThat(refused.body()).doesNotContain("Exception", "java.");
        Response tooLong = agent().get("/api/staff/tickets?q=" + "a".repeat(201));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat((String) tooLong.json("$.errors[0].code")).isEqualTo("too-long");
    }

    @Test
    void onlyStaffMaySearchOrRead() {
        String number = file(rita, "Mine", "Secret.");
        assertThat(api.anonymous().get("/api/staff/tickets").status()).isEqualTo(401);
        assertThat(api.as(rita).get("/api/staff/tickets").status()).isEqualTo(401);
        assertThat(api.as(rita).get("/api/staff/tickets/" + number).status()).isEqualTo(401);
        assertThat(api.as(rita).post("/api/staff/tickets/" + number + "/notes", Map.of("body", "x")).status())
                .isEqualTo(401);
        assertThat(notes.of(Long.parseLong(number.substring(3)))).isEmpty();
        assertThat(api.as("manager", "manager").get("/api/staff/tickets?q=" + number).status()).isEqualTo(200);
    }

    @Test
    void theTicketComesWholeWithNotesLinksTimelineAndTask() {
        String number = tickets.fileWithFile(rita, Tickets.request(), "server.log", "ERROR boom".getBytes());
        tickets.triage(number, "HIGH", "team-lifecycle");
        agent().post("/api/staff/tickets/" + number + "/notes", Map.of("body", "Customer is on an old build."));

        Response whole = agent().get("/api/staff/tickets/" + number);

        assertThat(whole.status()).isEqualTo(200);
        assertThat((String) whole.json("$.status")).isEqualTo("OPEN");
        assertThat((String) whole.json("$.assignee")).isEqualTo("agent");
        assertThat((List<String>) whole.json("$.notes[*].body")).containsExactly("Customer is on an old build.");
        assertThat((String) whole.json("$.notes[0].author.email")).isEqualTo("agent");
        assertThat((List<String>) whole.json("$.attachments[*].name")).containsExactly("server.log");
        assertThat((String) whole.json("$.attachments[0].url")).startsWith("/api/staff/tickets/" + number + "/attachments/");
        assertThat((String) whole.json("$.openTask.name")).isEqualTo(tickets.task(number).getName());
        assertThat((String) whole.json("$.openTask.tasklistUrl"))
                .isEqualTo("/camunda/app/tasklist/default/#/?task=" + tickets.task(number).getId());
        assertThat((String) whole.json("$.process.cockpitUrl"))
                .isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + tickets.process(number).getId());
        assertThat((List<String>) whole.json("$.timeline[*].kind")).contains("filed", "routing", "status", "note");

        tickets.work(number, "SOLVE", "Fixed in 3.70.");
        String followUp = api.as(rita).post("/api/tickets/" + number + "/follow-ups",
                Map.of("description", "It is back.")).json("$.number");
        assertThat((List<String>) agent().get("/api/staff/tickets/" + number).json("$.links.followUps"))
                .containsExactly(followUp);
        assertThat((String) agent().get("/api/staff/tickets/" + followUp).json("$.links.original")).isEqualTo(number);
        assertThat(agent().get("/api/staff/tickets/" + number).body()).doesNotContain("tasklistUrl");
    }

    @Test
    void aNoteIsCreatedAndABlankOneRefused() {
        String number = file(rita, "Noted", "Text.");

        Response created = agent().post("/api/staff/tickets/" + number + "/notes", Map.of("body", "  Call them.  "));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().getLocation().toString()).startsWith("/api/staff/tickets/" + number + "/notes/");
        assertThat((String) created.json("$.body")).isEqualTo("Call them.");

        Response blank = agent().post("/api/staff/tickets/" + number + "/notes", Map.of("body", "   "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat((String) blank.json("$.errors[0].field")).isEqualTo("body");
        assertThat((String) blank.json("$.errors[0].code")).isEqualTo("required");
        assertThat(agent().post("/api/staff/tickets/" + number + "/notes", "{}").status()).isEqualTo(400);
        assertThat(agent().post("/api/staff/tickets/SD-999999999/notes", Map.of("body", "x")).status())
                .isEqualTo(404);
        assertThat(notes.of(Long.parseLong(number.substring(3)))).hasSize(1);
    }

    @Test
    void aPageOfAnotherSiteCannotAddANoteWithTheLoginAnAgentsBrowserStored() throws Exception {
        String number = file(rita, "Noted from afar", "Text.");
        String notesOf = "/api/staff/tickets/" + number + "/notes";
        byte[] note = "{\"body\": \"Close it, says evil.example\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        RawHttp.Response refused = new RawHttp("127.0.0.1", port).send("POST", notesOf, note,
                RawHttp.basic("agent", "agent"), "Content-Type: text/plain", "Origin: https://evil.example");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(com.jayway.jsonpath.JsonPath.<String>read(refused.body(), "$.title"))
                .isEqualTo("Request from another site");
        assertThat(notes.of(Long.parseLong(number.substring(3)))).isEmpty();

        RawHttp.Response added = new RawHttp("127.0.0.1", port).send("POST", notesOf, note,
                RawHttp.basic("agent", "agent"), "Content-Type: application/json", "Origin: http://localhost:" + port);

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(notes.of(Long.parseLong(number.substring(3)))).hasSize(1);
    }

    @Test
    void aNoteAddedHereIsPartOfTheTicketAtOnceAndOfNoProcessVariable() {
        String number = file(rita, "Noted for the form", "Text.");
        tickets.triage(number, "NORMAL", "team-lifecycle");

        assertThat(agent().post("/api/staff/tickets/" + number + "/notes", Map.of("body", "Called them: 3.70.1."))
                .status()).isEqualTo(201);

        assertThat(agent().get("/api/staff/tickets/" + number).body()).contains("Called them: 3.70.1.");
        assertThat(runtime.getVariables(tickets.process(number).getId()).values())
                .noneMatch(value -> String.valueOf(value).contains("Called them"));
    }

    @SuppressWarnings("unchecked")
    List<String> numbers(String query) {
        Response response = agent().get("/api/staff/tickets?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> numbers = response.json("$.items[*].number");
        assertThat(((Number) response.json("$.total")).longValue()).isEqualTo(numbers.size());
        return numbers;
    }
}
