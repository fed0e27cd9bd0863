package org.supportdesk.staffdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.TicketNotes;

/**
 * The staff workspace's pages: search, the ticket read whole with internal notes set apart, adding a note; what each
 * staff login's menu and links lead to, and the staff 403 page.
 */
@SupportDeskTest
class StaffPagesTest {

    static final String EVIL = "<script>alert('x')</script><b>bold</b>";

    @Autowired WebApplicationContext context;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired TicketNotes notes;
    @Autowired Api api;

    MockMvc mvc;
    OrgFixture org;
    String rita;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        EngineTime.setNewYork("2026-12-01T10:00");
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        rita = org.owner("rita");
    }

    static RequestPostProcessor agent() {
        return httpBasic("agent", "agent");
    }

    @Test
    void onlyStaffSeeThePages() throws Exception {
        String number = tickets.file(rita);
        assertThat(status(get("/staff"), null)).isEqualTo(401);
        assertThat(status(get("/staff/tickets/" + number), httpBasic(rita, TestFixtures.PASSWORD))).isEqualTo(401);
        assertThat(status(get("/staff/tickets/" + number), user(rita).roles("CUSTOMER"))).isEqualTo(403);
        MvcResult page = mvc.perform(get("/staff").with(agent())).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getHeader("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(status(get("/staff"), httpBasic("manager", "manager"))).isEqualTo(200);
    }

    @Test
    void theSearchPageListsMatchesWithLinksAndEscapesCustomerText() throws Exception {
        Map<String, Object> request = Tickets.request();
        request.put("summary", "Broken " + EVIL);
        String number = tickets.file(rita, request);

        MvcResult result = mvc.perform(get("/staff").param("q", "broken").param("organization", org.id())
                .with(agent())).andReturn();
        String body = result.getResponse().getContentAsString();
        Document page = Jsoup.parse(body);

        assertThat(page.select("table.results tbody tr")).hasSize(1);
        assertThat(page.select("a.ticket-link").attr("href")).isEqualTo("/staff/tickets/" + number);
        assertThat(page.select("table.results td").get(1).text()).isEqualTo("Broken " + EVIL);
        assertThat(body).doesNotContain("<script>alert").contains("&lt;script&gt;");
        assertThat(page.select("input#q").val()).isEqualTo("broken");
    }

    @Test
    void badFiltersAreShownOnThePage() throws Exception {
        MvcResult result = mvc.perform(get("/staff").param("status", "LOST").param("from", "soon").with(agent()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        Document page = Jsoup.parse(result.getResponse().getContentAsString());
        assertThat(page.select("#search-errors li").eachText())
                .containsExactly("status must be one of NEW, OPEN, PENDING, CLOSED", "from must be a date (YYYY-MM-DD)");
        assertThat(page.select("input#from").val()).isEqualTo("soon");
    }

    @Test
    void theTicketPageShowsConversationNotesApartTimelineAndLinks() throws Exception {
        Map<String, Object> request = Tickets.request();
        request.put("description", "It fails: " + EVIL);
        String number = tickets.fileWithFile(rita, request, "server.log", "ERROR boom".getBytes());
        tickets.triage(number, "HIGH", "team-lifecycle");
        notes.add(number, "agent", "Staff only " + EVIL);
        Document working = Jsoup.parse(mvc.perform(get("/staff/tickets/" + number).with(agent())).andReturn()
                .getResponse().getContentAsString());
        assertThat(working.select("#tasklist-link").attr("href"))
                .isEqualTo("/camunda/app/tasklist/default/#/?task=" + tickets.task(number).getId());
        assertThat(working.select("#tasklist-link").text()).isEqualTo("Open task in Tasklist: " + tickets.task(number).getName());
        EngineTime.setNewYork("2026-12-01T11:00");
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");

        String body = mvc.perform(get("/staff/tickets/" + number).with(agent())).andReturn().getResponse()
                .getContentAsString();
        Document page = Jsoup.parse(body);

        assertThat(body).doesNotContain("<script>alert");
        assertThat(page.select("#description").text()).isEqualTo("It fails: " + EVIL);
        assertThat(page.select("li.internal-note")).hasSize(1);
        assertThat(page.select("li.internal-note .internal-label").text()).isEqualTo("Internal note · staff only");
        assertThat(page.select("li.internal-note .text").text()).isEqualTo("Staff only " + EVIL);
        assertThat(page.select("li.from-support .text").text()).isEqualTo("Which version do you run?");
        assertThat(page.select("#attachments a").attr("href")).startsWith("/api/staff/tickets/" + number + "/attachments/");
        // PENDING (R14): the agent's task is the one that finishes the wait
        assertThat(page.select("#tasklist-link").attr("href"))
                .isEqualTo("/camunda/app/tasklist/default/#/?task=" + tickets.task(number).getId());
        assertThat(page.select("#tasklist-link").text()).startsWith("Open task in Tasklist: Pending " + number);
        assertThat(page.select("#timeline li").eachText()).anyMatch(t -> t.contains("Status PENDING"))
                .anyMatch(t -> t.contains("Internal note"));
        assertThat(page.select("#add-note form input[name=_csrf]")).hasSize(1);
    }

    @Test
    void aNoteIsAddedWithACsrfTokenAndABlankOneRefused() throws Exception {
        String number = tickets.file(rita);
        long id = Long.parseLong(number.substring(3));

        assertThat(status(post("/staff/tickets/" + number + "/notes").param("body", "No token"), agent()))
                .isEqualTo(403);
        MvcResult blank = mvc.perform(post("/staff/tickets/" + number + "/notes").param("body", "  ")
                .with(agent()).with(csrf())).andReturn();
        assertThat(blank.getResponse().getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(blank.getResponse().getContentAsString()).select("#note-error").text())
                .isEqualTo("body is required");
        assertThat(notes.of(id)).isEmpty();

        MvcResult added = mvc.perform(post("/staff/tickets/" + number + "/notes").param("body", "Call them.")
                .with(agent()).with(csrf())).andReturn();
        assertThat(added.getResponse().getStatus()).isEqualTo(302);
        assertThat(added.getResponse().getRedirectedUrl()).startsWith("/staff/tickets/" + number + "#note-");
        assertThat(notes.of(id)).extracting(n -> n.body()).containsExactly("Call them.");
        assertThat(notes.of(id).get(0).author()).isEqualTo("agent");
    }

    @Test
    void aNoteFormSentFromAnotherSitesPageIsRefusedEvenWithAValidCsrfTokenAndTheDesksOwnIsAdded() throws Exception {
        String number = tickets.file(rita);
        long id = Long.parseLong(number.substring(3));
        String notesOf = "/staff/tickets/" + number + "/notes";

        for (String[] header : new String[][]{{"Origin", "https://evil.example"}, {"Origin", "null"},
                {"Referer", "https://evil.example/form.html"}}) {
            MvcResult refused = mvc.perform(post(notesOf).param("body", "From " + header[1])
                    .header(header[0], header[1]).with(agent()).with(csrf())).andReturn();
            assertThat(refused.getResponse().getStatus()).as(header[0] + ": " + header[1]).isEqualTo(403);
            assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
            assertThat(refused.getResponse().getContentAsString()).contains("urn:support-desk:problem:cross-site-request");
        }
        assertThat(notes.of(id)).isEmpty();

        // MockMvc's requests are addressed to http://localhost (port 80); the desk's portal-url is http://localhost:8080
        for (String origin : new String[]{"http://localhost", "http://localhost:8080"}) {
            MvcResult added = mvc.perform(post(notesOf).param("body", "From " + origin).header("Origin", origin)
                    .with(agent()).with(csrf())).andReturn();
            assertThat(added.getResponse().getStatus()).as(origin).isEqualTo(302);
        }
        MvcResult referred = mvc.perform(post(notesOf).param("body", "From its own page")
                .header("Referer", "http://localhost/staff/tickets/" + number).with(agent()).with(csrf())).andReturn();
        assertThat(referred.getResponse().getStatus()).isEqualTo(302);
        assertThat(notes.of(id)).extracting(n -> n.body())
                .containsExactly("From http://localhost", "From http://localhost:8080", "From its own page");
    }

    @Test
    void agentsAndOnCallEngineersSeeNoDashboardOrCockpitLinkAndManagersAndAdministratorsSeeBoth() throws Exception {
        String number = tickets.file(rita);
        for (String login : new String[]{"agent", "oncall", "backup"}) {
            for (String path : new String[]{"/staff", "/staff/tickets/" + number}) {
                String body = page(path, httpBasic(login, login));
                Document page = Jsoup.parse(body);
                assertThat(page.select("nav.main-nav a").eachText()).as(login + " " + path)
                        .containsExactly("Search tickets", "Tasklist");
                assertThat(body).as(login + " " + path).doesNotContain("/staff/dashboard", "/camunda/app/cockpit");
            }
        }
        for (String[] login : new String[][]{{"manager", "manager"}, {"demo", "demo"}}) {
            Document page = Jsoup.parse(page("/staff", httpBasic(login[0], login[1])));
            assertThat(page.select("nav.main-nav a").eachText()).as(login[0])
                    .containsExactly("Search tickets", "Dashboard", "Tasklist", "Cockpit");
            assertThat(page.select("nav.main-nav a").eachAttr("href")).as(login[0])
                    .containsExactly("/staff", "/staff/dashboard", "/camunda/app/tasklist/default/",
                            "/camunda/app/cockpit/default/");
        }
    }

    @Test
    void theTicketPageShowsTheCockpitLinkToManagersOnly() throws Exception {
        String number = tickets.file(rita);
        String cockpit = "/camunda/app/cockpit/default/#/process-instance/" + tickets.process(number).getId();

        Document managers = Jsoup.parse(page("/staff/tickets/" + number, httpBasic("manager", "manager")));
        Document agents = Jsoup.parse(page("/staff/tickets/" + number, agent()));

        assertThat(managers.select("#cockpit-link").attr("href")).isEqualTo(cockpit);
        assertThat(managers.select("#cockpit-link").text()).isEqualTo("Process instance in Cockpit");
        assertThat(agents.select("#cockpit-link")).isEmpty();
        assertThat(agents.select("a[href*=cockpit]")).isEmpty();
        assertThat(agents.select("#tasklist-link").attr("href")).startsWith("/camunda/app/tasklist/default/#/?task=");
    }

    @Test
    void anAnalystOpeningTheStaffPagesGetsAStaffPageThatSendsThemToCockpit() {
        Api.Response refused = api.as("analyst", "analyst").get("/staff");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("text/html");
        Document page = Jsoup.parse(refused.body());
        assertThat(page.select("header.staff-bar")).hasSize(1);
        assertThat(page.select("h1").text()).isEqualTo("Not allowed");
        assertThat(page.select("#detail").text()).isEqualTo("The staff pages are for the people who work tickets: "
                + "support agents, managers and on-call engineers (groups support-agents, support-managers, oncall, "
                + "oncall-backup, and the team queues). Process analysts work in Cockpit. Ask a manager to add you to "
                + "your team's group if you work tickets.");
        assertThat(page.select("#way-back").attr("href")).isEqualTo("/camunda/app/cockpit/default/");
        assertThat(page.select("nav.main-nav a").eachText()).containsExactly("Cockpit");
    }

    @Test
    void aNoteFormWithoutItsTokenIsAnsweredWithAStaffPageThatSaysToReloadIt() {
        String number = tickets.file(rita);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);

        ResponseEntity<String> refused = api.as("agent", "agent").template().exchange(
                "/staff/tickets/" + number + "/notes", HttpMethod.POST,
                new HttpEntity<>("body=From+an+old+page", headers), String.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        Document page = Jsoup.parse(refused.getBody());
        assertThat(page.select("#detail").text()).startsWith("This form could not be sent: it carried no valid "
                + "security token").contains("Nothing was changed. Go back, reload the page and send it again.");
        assertThat(page.select("#way-back").attr("href")).isEqualTo("/staff");
        assertThat(notes.of(Long.parseLong(number.substring(3)))).isEmpty();
    }

    @Test
    void anUnknownTicketIsAPageNotAProblem() throws Exception {
        MvcResult missing = mvc.perform(get("/staff/tickets/SD-999999999").with(agent())).andReturn();
        assertThat(missing.getResponse().getStatus()).isEqualTo(404);
        assertThat(Jsoup.parse(missing.getResponse().getContentAsString()).select(".notice").text())
                .isEqualTo("Ticket SD-999999999 was not found.");
    }

    private String page(String path, RequestPostProcessor who) throws Exception {
        MvcResult result = mvc.perform(get(path).with(who)).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private int status(org.springframework.test.web.servlet.RequestBuilder request, RequestPostProcessor who)
            throws Exception {
        if (who != null) {
            ((org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder) request).with(who);
        }
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }
}
