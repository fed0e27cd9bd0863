package org.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

/** My Activities: three lists, a status filter and pages, newest activity first, one organisation only (R17). */
@SupportDeskTest
class ActivitiesPageTest {

    @Autowired WebApplicationContext context;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;

    MockMvc mvc;
    String rita;
    String carl;
    String otto;

    @BeforeEach
    void setUp() {
        mvc = Portal.mvc(context);
        EngineTime.setNewYork("2026-12-01T10:00");
        OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        rita = org.owner("rita");
        carl = org.contact("carl");
        otto = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("otto");
    }

    @Test
    void theTabsListMineCcAndTheOrganisationsAndNeverAnotherOrganisations() throws Exception {
        String byRita = fileAt("10:00", rita, List.of());
        String byCarlCcRita = fileAt("10:01", carl, List.of(rita));
        String byOtto = fileAt("10:02", otto, List.of());

        assertThat(numbers(rita, "mine", "")).containsExactly(byRita);
        assertThat(numbers(rita, "cc", "")).containsExactly(byCarlCcRita);
        assertThat(numbers(rita, "organization", "")).containsExactly(byCarlCcRita, byRita);
        assertThat(numbers(otto, "organization", "")).containsExactly(byOtto);

        Document page = page(rita, "/activities?view=cc");
        assertThat(page.select(".tabs a").eachText()).containsExactly("My requests", "Requests I'm CC'd on",
                "Organisation requests");
        assertThat(page.select(".tabs a[aria-current=page]").text()).isEqualTo("Requests I'm CC'd on");
        assertThat(page.select("tr#row-" + byCarlCcRita + " td").eachText()).contains(byCarlCcRita,
                "Policy evaluation fails", "New", "Normal", "Lifecycle", "carl");
    }

    @Test
    void myRequestsIsTheStartPage() throws Exception {
        String mine = fileAt("10:00", rita, List.of());

        Document page = page(rita, "/activities");

        assertThat(page.select(".tabs a[aria-current=page]").text()).isEqualTo("My requests");
        assertThat(page.select("tbody tr td:first-child a").eachText()).containsExactly(mine);
        assertThat(page.select("tbody tr td:first-child a").attr("href")).isEqualTo("/tickets/" + mine);
    }

    @Test
    void theStatusFilterKeepsOnlyThatStatus() throws Exception {
        String open = fileAt("10:00", rita, List.of());
        tickets.triage(open, "NORMAL", "team-lifecycle");
        String fresh = fileAt("10:05", rita, List.of());

        assertThat(numbers(rita, "mine", "OPEN")).containsExactly(open);
        assertThat(numbers(rita, "mine", "NEW")).containsExactly(fresh);
        assertThat(numbers(rita, "mine", "CLOSED")).isEmpty();
        Document page = page(rita, "/activities?view=mine&status=CLOSED");
        assertThat(page.select("#status option[selected]").val()).isEqualTo("CLOSED");
        assertThat(page.select(".empty").text()).isEqualTo("No requests with this status.");
    }

    @Test
    void pagesGoFromNewestToOldestActivity() throws Exception {
        String first = fileAt("10:00", rita, List.of());
        String second = fileAt("10:01", rita, List.of());
        String third = fileAt("10:02", rita, List.of());

        Document one = page(rita, "/activities?size=2");
        assertThat(one.select("tbody tr td:first-child a").eachText()).containsExactly(third, second);
        assertThat(one.select(".pager").text()).contains("Page 1 of 2 (3 requests)");
        assertThat(one.select(".pager a[rel=next]").attr("href")).isEqualTo("/activities?view=mine&status=&page=2&size=2");
        Document two = page(rita, "/activities?size=2&page=2");
        assertThat(two.select("tbody tr td:first-child a").eachText()).containsExactly(first);

        EngineTime.setNewYork("2026-12-01T11:00");
        tickets.reply(rita, first, "Any news?");
        assertThat(page(rita, "/activities?size=2").select("tbody tr td:first-child a").eachText())
                .containsExactly(first, third);
    }

    @Test
    void anUnknownViewOrStatusIsABadRequestPage() throws Exception {
        Document page = Portal.html(mvc.perform(get("/activities?view=everyone").with(Portal.as(rita)))
                .andExpect(status().isBadRequest()).andReturn());
        assertThat(page.select(".notice.error").text()).isEqualTo("There is no such view: everyone.");
        mvc.perform(get("/activities?status=LOST").with(Portal.as(rita))).andExpect(status().isBadRequest());
        mvc.perform(get("/activities?page=0").with(Portal.as(rita))).andExpect(status().isBadRequest());
        mvc.perform(get("/activities?page=x").with(Portal.as(rita))).andExpect(status().isBadRequest());
    }

    @Test
    void anEmptyListSaysSo() throws Exception {
        assertThat(page(carl, "/activities").select(".empty").text()).isEqualTo("You have not filed any requests yet.");
    }

    private List<String> numbers(String email, String view, String status) throws Exception {
        return page(email, "/activities?view=" + view + "&status=" + status).select("tbody tr td:first-child a").eachText();
    }

    private Document page(String email, String path) throws Exception {
        return Portal.html(mvc.perform(get(path).with(Portal.as(email))).andExpect(status().isOk()).andReturn());
    }

    private String fileAt(String time, String requester, List<String> cc) {
        EngineTime.setNewYork("2026-12-01T" + time);
        Map<String, Object> request = Tickets.request();
        request.put("cc", cc);
        return tickets.file(requester, request);
    }
}
