package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.Api.Response;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

/** My Activities: the three lists and a ticket's details, for the caller's organisation only (R17; Q4). */
@SupportDeskTest
class TicketViewsApiTest {

    private static final String PROBLEM = "urn:support-desk:problem:";

    @Autowired Api api;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;

    OrgFixture org;
    String rita;
    String carl;
    String dora;
    String otto;

    @BeforeEach
    void twoOrganisations() {
        EngineTime.setNewYork("2026-12-01T10:00"); // a Tuesday, in business hours
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        rita = org.owner("rita");
        carl = org.contact("carl");
        dora = org.contact("dora");
        otto = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("otto");
    }

    @Test
    void eachViewListsItsTicketsAndNeverAnotherOrganisations() {
        String byRita = fileAt("2026-12-01T10:00", rita, List.of());
        String byCarlCcRita = fileAt("2026-12-01T10:01", carl, List.of(rita));
        String byDoraCcCarl = fileAt("2026-12-01T10:02", dora, List.of(carl));
        String byOtto = fileAt("2026-12-01T10:03", otto, List.of());

        assertThat(numbers(rita, "view=mine")).containsExactly(byRita);
        assertThat(numbers(rita, "view=cc")).containsExactly(byCarlCcRita);
        assertThat(numbers(rita, "view=organization")).containsExactly(byDoraCcCarl, byCarlCcRita, byRita);
        assertThat(numbers(carl, "view=mine")).containsExactly(byCarlCcRita);
        assertThat(numbers(carl, "view=cc")).containsExactly(byDoraCcCarl);
        assertThat(numbers(otto, "view=organization")).containsExactly(byOtto);
        assertThat(numbers(otto, "view=cc")).isEmpty();
    }

    @Test
    void myRequestsIsTheDefaultView() {
        String mine = fileAt("2026-12-01T10:00", rita, List.of());
        fileAt("2026-12-01T10:01", carl, List.of());

        Response response = api.as(rita).get("/api/tickets");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.<List<String>>json("$.items[*].number")).containsExactly(mine);
        assertThat(response.<String>json("$.items[0].requester.email")).isEqualTo(rita);
    }

    @Test
    void newestActivityComesFirst() {
        String a = fileAt("2026-12-01T10:00", rita, List.of());
        String b = fileAt("2026-12-01T10:05", rita, List.of());
        assertThat(numbers(rita, "view=mine")).containsExactly(b, a);

        EngineTime.setNewYork("2026-12-01T10:10");
        assertThat(tickets.reply(rita, a, "More details: it fails on every policy.").status()).isEqualTo(201);

        Response list = api.as(rita).get("/api/tickets?view=mine");
        assertThat(list.<List<String>>json("$.items[*].number")).containsExactly(a, b);
        assertThat(list.<String>json("$.items[0].lastActivityAt")).isEqualTo("2026-12-01T15:10:00Z");
        assertThat(list.<String>json("$.items[0].createdAt")).isEqualTo("2026-12-01T15:00:00Z");
    }

    @Test
    void statusFiltersTheList() {
        String solved = fileAt("2026-12-01T10:00", rita, List.of());
        String waiting = fileAt("2026-12-01T10:05", rita, List.of());
        tickets.triage(solved, "NORMAL", "team-lifecycle");
        tickets.work(solved, "SOLVE", "Fixed in 1.2.");

        assertThat(numbers(rita, "view=mine&status=CLOSED")).containsExactly(solved);
        assertThat(numbers(rita, "view=organization&status=NEW")).containsExactly(waiting);
        assertThat(numbers(rita, "view=mine&status=PENDING")).isEmpty();
        Response closed = api.as(rita).get("/api/tickets?view=mine&status=CLOSED");
        assertThat(closed.<String>json("$.items[0].status")).isEqualTo("CLOSED");
        assertThat(closed.<Integer>json("$.total")).isEqualTo(1);
    }

    @Test
    void listsArePaged() {
        String[] filed = new String[5];
        for (int i = 0; i < 5; i++) {
            filed[i] = fileAt("2026-12-01T10:0" + i, rita, List.of());
        }

        Response first = api.as(rita).get("/api/tickets?view=mine&page=0&size=2");
        Response second = api.as(rita).get("/api/tickets?view=mine&page=1&size=2");
        Response last = api.as(rita).get("/api/tickets?view=mine&page=2&size=2");
        Response beyond = api.as(rita).get("/api/tickets?view=mine&page=3&size=2");

        assertThat(first.<List<String>>json("$.items[*].number")).containsExactly(filed[4], filed[3]);
        assertThat(second.<List<String>>json("$.items[*].number")).containsExactly(filed[2], filed[1]);
        assertThat(last.<List<String>>json("$.items[*].number")).containsExactly(filed[0]);
        assertThat(beyond.<List<String>>json("$.items")).isEmpty();
        for (Response page : List.of(first, second, last, beyond)) {
            assertThat(page.<Integer>json("$.total")).isEqualTo(5);
            assertThat(page.<Integer>json("$.size")).isEqualTo(2);
        }
        assertThat(second.<Integer>json("$.page")).isEqualTo(1);
    }

    @Test
    void badListParametersAreNamed() {
        Response response = api.as(rita).get("/api/tickets?view=everyone&status=SOLVED&page=-1&size=0");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "invalid-fields");
        assertThat(response.<List<String>>json("$.errors[*].field"))
                .containsExactlyInAnyOrder("view", "status", "page", "size");
        assertThat(api.as(rita).get("/api/tickets?size=101").<List<String>>json("$.errors[*].field"))
                .containsExactly("size");
    }

    @Test
    void nonNumericPageIsABadRequestNamingThePage() {
        Response response = api.as(rita).get("/api/tickets?page=first");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>json("$.detail")).contains("page");
    }

    @Test
    void anotherOrganisationsTicketDoesNotExist() {
        String ottos = fileAt("2026-12-01T10:00", otto, List.of());

        Response response = api.as(rita).get("/api/tickets/" + ottos);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "not-found");
        assertThat(response.body()).doesNotContain("Policy evaluation fails").doesNotContain(otto);
        assertThat(api.as(otto).get("/api/tickets/" + ottos).status()).isEqualTo(200);
    }

    @Test
    void unknownOrMalformedNumbersAreNotFound() {
        for (String number : List.of("SD-999999999", "SD-abc", "ticket-1", "SD-1234567890123456789012")) {
            Response response = api.as(rita).get("/api/tickets/" + number);

            assertThat(response.status()).as(number).isEqualTo(404);
            assertThat(response.contentType()).as(number).startsWith("application/problem+json");
            assertThat(response.<String>json("$.type")).as(number).isEqualTo(PROBLEM + "not-found");
        }
    }

    @Test
    void detailsShowTheConversationWithAgentsByNameOnly() {
        String number = fileAt("2026-12-01T10:00", rita, List.of(carl));
        tickets.triage(number, "NORMAL", "team-lifecycle");
        EngineTime.setNewYork("2026-12-01T11:00");
        tickets.work(number, "REPLY", "Please try the new policy engine.");
        EngineTime.setNewYork("2026-12-01T11:30");
        assertThat(tickets.reply(carl, number, "That worked, thanks.").status()).isEqualTo(201);

        Response details = api.as(rita).get("/api/tickets/" + number);

        assertThat(details.status()).isEqualTo(200);
        assertThat(details.<String>json("$.status")).isEqualTo("OPEN");
        assertThat(details.<List<String>>json("$.conversation[*].authorType")).containsExactly("AGENT", "CUSTOMER");
        assertThat(details.<List<String>>json("$.conversation[*].body"))
                .containsExactly("Please try the new policy engine.", "That worked, thanks.");
        assertThat(details.<Map<String, Object>>json("$.conversation[0].author"))
                .containsOnlyKeys("name").containsEntry("name", "Alex Agent");
        assertThat(details.<String>json("$.conversation[0].createdAt")).isEqualTo("2026-12-01T16:00:00Z");
        assertThat(details.<String>json("$.conversation[1].author.email")).isEqualTo(carl);
        assertThat(details.body()).doesNotContain("\"" + Tickets.AGENT + "\"");
    }

    private String fileAt(String newYorkTime, String requester, List<String> cc) {
        EngineTime.setNewYork(newYorkTime);
        Map<String, Object> request = Tickets.request();
        request.put("cc", cc);
        return tickets.file(requester, request);
    }

    private List<String> numbers(String caller, String query) {
        Response response = api.as(caller).get("/api/tickets?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json("$.items[*].number");
    }
}
