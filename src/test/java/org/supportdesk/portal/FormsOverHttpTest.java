package org.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketView;

/**
 * The portal's forms over real HTTP, for what only the real server does. An upload over the server's multipart
 * limits (1 MB per file, 2 MB per request in tests) cannot be read at all, CSRF token included: the portal sends the
 * person back to the form, which states the limits, and nothing is stored. Refused forms and unknown pages get
 * HTML pages that say what to do.
 */
@SupportDeskTest
class FormsOverHttpTest {

    @LocalServerPort int port;
    @Autowired TestFixtures fixtures;
    @Autowired TicketRepository tickets;
    @Autowired Tickets ticketHelper;

    String rita;
    String orgId;

    @BeforeEach
    void setUp() {
        EngineTime.setNewYork("2026-12-01T10:00");
        TestFixtures.OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        orgId = org.id();
        rita = org.owner("rita");
    }

    @Test
    void anOversizeRequestGoesBackToTheFormWithTheLimits() throws Exception {
        PortalHttp browser = new PortalHttp(port).signIn(rita, TestFixtures.PASSWORD);
        String token = browser.csrfToken("/requests/new");

        HttpResponse<String> response = browser.postMultipart("/requests", fields(token), "files", "heap.hprof",
                new byte[3 * 1024 * 1024]);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/requests/new?tooLarge");
        Document form = Jsoup.parse(browser.get("/requests/new?tooLarge").body());
        assertThat(form.select("#files-error").text()).contains("at most 1.0 MiB per file and 2.0 MiB per request");
        assertThat(tickets.page(TicketView.MINE, rita, orgId, null, 0, 10).total()).isZero();
    }

    @Test
    void aFileOverThePerFileLimitGoesBackToTheFormToo() throws Exception {
        PortalHttp browser = new PortalHttp(port).signIn(rita, TestFixtures.PASSWORD);
        String token = browser.csrfToken("/requests/new");

        HttpResponse<String> response = browser.postMultipart("/requests", fields(token), "files", "big.log",
                new byte[1024 * 1024 + 100_000]);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/requests/new?tooLarge");
    }

    @Test
    void anOversizeReplyGoesBackToTheTicket() throws Exception {
        String number = ticketHelper.file(rita);
        PortalHttp browser = new PortalHttp(port).signIn(rita, TestFixtures.PASSWORD);
        String token = browser.csrfToken("/tickets/" + number);

        HttpResponse<String> response = browser.postMultipart("/tickets/" + number + "/replies",
                Map.of("_csrf", token, "body", "Here is the dump."), "files", "heap.hprof", new byte[3 * 1024 * 1024]);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/tickets/" + number + "?tooLarge#reply");
        Document page = Jsoup.parse(browser.get("/tickets/" + number + "?tooLarge").body());
        assertThat(page.select("#reply-error").text()).contains("Your reply was not sent")
                .contains("1.0 MiB per file and 2.0 MiB per request");
    }

    @Test
    void r8_anOversizeFollowUpGoesBackToTheFollowUpFormWithTheLimits() throws Exception {
        String number = ticketHelper.file(rita);
        ticketHelper.triage(number, "NORMAL", "team-lifecycle");
        ticketHelper.work(number, "SOLVE", "Restart the server.");
        PortalHttp browser = new PortalHttp(port).signIn(rita, TestFixtures.PASSWORD);
        String token = browser.csrfToken("/tickets/" + number);

        HttpResponse<String> response = browser.postMultipart("/tickets/" + number + "/follow-ups",
                Map.of("_csrf", token, "description", "Here is the dump."), "files", "heap.hprof",
                new byte[3 * 1024 * 1024]);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location"))
                .hasValue("/tickets/" + number + "?tooLarge=follow-up#follow-up");
        Document page = Jsoup.parse(browser.get("/tickets/" + number + "?tooLarge=follow-up").body());
        assertThat(page.select("#follow-up-error").text()).contains("Your follow-up was not created")
                .contains("1.0 MiB per file and 2.0 MiB per request");
        assertThat(page.select("#reply-error")).isEmpty();
        assertThat(tickets.followUps(tickets.findByNumber(number).orElseThrow().id())).isEmpty();
    }

    @Test
    void aSmallUploadOverRealHttpIsFiled() throws Exception {
        PortalHttp browser = new PortalHttp(port).signIn(rita, TestFixtures.PASSWORD);
        String token = browser.csrfToken("/requests/new");

        HttpResponse<String> response = browser.postMultipart("/requests", fields(token), "files", "small.log",
                "ERROR at start-up".getBytes());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).matches(".*/tickets/SD-\\d+");
    }

    @Test
    void aFormWithoutItsTokenGetsAPageThatSaysWhatToDo() throws Exception {
        PortalHttp browser = new PortalHttp(port).signIn(rita, TestFixtures.PASSWORD);

        HttpResponse<String> response = browser.postMultipart("/requests", fields("forged"), "files", "a.log",
                "x".getBytes());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(Jsoup.parse(response.body()).select(".notice.error").text())
                .contains("This form has expired or did not come from this site");
        assertThat(tickets.page(TicketView.MINE, rita, orgId, null, 0, 10).total()).isZero();
    }

    @Test
    void anUnknownPageIsAnHtmlNotFoundPage() throws Exception {
        PortalHttp browser = new PortalHttp(port).signIn(rita, TestFixtures.PASSWORD);

        HttpResponse<String> response = browser.get("/tickets/SD-1/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(response.body()).select("h1").text()).isEqualTo("Page not found");
    }

    @Test
    void anotherOrganisationsTicketIsAnHtmlNotFoundPage() throws Exception {
        String number = ticketHelper.file(rita);
        String otto = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("otto");

        HttpResponse<String> response = new PortalHttp(port).signIn(otto, TestFixtures.PASSWORD).get("/tickets/" + number);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(response.body()).select(".notice.error").text()).isEqualTo("Ticket " + number + " was not found.");
    }

    private static Map<String, String> fields(String token) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", token);
        fields.put("product", "LIFECYCLE");
        fields.put("topic", "CONFIGURATION");
        fields.put("concernType", "PROBLEM");
        fields.put("summary", "Heap dump attached");
        fields.put("description", "The server ran out of memory.");
        fields.put("businessImpact", "NORMAL");
        return fields;
    }
}
