package org.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Member;
import org.supportdesk.catalog.Product;

/** Q4: customer text is shown as text on every page; markup in it never reaches the browser as markup. */
@SupportDeskTest
class EscapingTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

    @Autowired WebApplicationContext context;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired AccountRepository accounts;

    MockMvc mvc;
    String rita;
    String carl;

    @BeforeEach
    void setUp() {
        mvc = Portal.mvc(context);
        EngineTime.setNewYork("2026-12-01T10:00");
        OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        rita = org.owner("rita");
        carl = org.email("carl");
        accounts.insertMember(new Member(carl, org.id(), "Carl \"><script>alert(2)</script>", false, true), null,
                EngineTime.now());
    }

    @Test
    void aScriptInTheSummaryIsTextOnEveryPage() throws Exception {
        Map<String, Object> request = Tickets.request();
        request.put("summary", SCRIPT);
        request.put("description", SCRIPT + "\n<img src=x onerror=alert(3)>");
        request.put("stepsToReproduce", SCRIPT);
        request.put("desiredOutcome", SCRIPT);
        request.put("businessImpact", "HIGH");
        request.put("businessImpactStatement", SCRIPT);
        request.put("cc", List.of(carl));
        String number = tickets.fileWithFile(rita, request, SCRIPT + ".log", "x".getBytes());
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "REQUEST_INFO", SCRIPT);
        tickets.reply(rita, number, SCRIPT);
        tickets.work(number, "SOLVE", SCRIPT);
        String followUp = redirectTarget(post("/tickets/" + number + "/follow-ups").param("description", SCRIPT));

        for (String path : List.of("/activities?view=mine", "/activities?view=organization", "/tickets/" + number,
                "/tickets/" + followUp, "/organization", "/requests/new")) {
            String html = page(path, rita);
            assertThat(html).as(path).doesNotContain("<script>alert").doesNotContain("<img src=x")
                    .doesNotContain("\"><script>");
            if (!path.startsWith("/organization") && !path.startsWith("/requests")) {
                assertThat(html).as(path).contains(ESCAPED);
            }
        }
        assertThat(page("/tickets/" + number, rita)).contains("&lt;img src=x onerror=alert(3)&gt;");
        assertThat(page("/activities?view=cc", carl)).contains(ESCAPED).doesNotContain("<script>alert");
    }

    @Test
    void aRefusedFormShowsWhatWasTypedAsText() throws Exception {
        MvcResult result = mvc.perform(multipart("/requests").param("product", "LIFECYCLE")
                .param("topic", "CONFIGURATION").param("concernType", "PROBLEM")
                .param("summary", SCRIPT).param("description", "").param("cc", SCRIPT)
                .with(Portal.as(rita)).with(csrf())).andReturn();

        String html = Portal.body(result);
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(html).doesNotContain("<script>alert").contains(ESCAPED);
    }

    @Test
    void theSignInPageShowsATypedAddressAsText() throws Exception {
        org.springframework.mock.web.MockHttpSession session = new org.springframework.mock.web.MockHttpSession();
        mvc.perform(post("/login").param("email", "\"><script>alert(4)</script>").param("password", "x").with(csrf())
                .session(session));

        String html = Portal.body(mvc.perform(get("/login").session(session)).andReturn());

        assertThat(html).doesNotContain("<script>alert(4)").contains("&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;");
    }

    private String page(String path, String email) throws Exception {
        return Portal.body(mvc.perform(get(path).with(Portal.as(email))).andReturn());
    }

    private String redirectTarget(MockHttpServletRequestBuilder request) throws Exception {
        String url = mvc.perform(request.with(Portal.as(rita)).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        return url.substring("/tickets/".length());
    }
}
