package org.supportdesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.Api;
import org.supportdesk.RawHttp;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.catalog.Product;

import com.jayway.jsonpath.JsonPath;

/**
 * A browser sends the HTTP Basic login it stored for the desk with any page's forms and scripts: changes that another
 * site's page sends are refused; the desk's own pages, and clients that send neither Origin nor Referer, go ahead.
 * The staff API's and the staff pages' tests of the same are in {@code inbound/EmailSenderVerificationTest},
 * {@code inbound/InboundRetryTest}, {@code staffdesk/StaffTicketsApiTest} and {@code staffdesk/StaffPagesTest}.
 */
@SupportDeskTest
class CrossSiteRequestsTest {

    @LocalServerPort int port;
    @Autowired TestFixtures fixtures;
    @Autowired Api api;

    OrgFixture org;
    String olga;
    String erin;

    @BeforeEach
    void organisation() {
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        olga = org.owner("olga");
        erin = org.member("erin", false, false);
    }

    @Test
    void aPageOfAnotherSiteCannotChangeAnOrganisationWithTheLoginACustomersBrowserStored() throws Exception {
        RawHttp.Response remove = olgasBrowser().send("DELETE", members() + "/" + erin, null,
                RawHttp.basic(olga, TestFixtures.PASSWORD), "Origin: https://evil.example");
        RawHttp.Response designate = olgasBrowser().send("PUT", contacts() + "/" + erin, new byte[0],
                RawHttp.basic(olga, TestFixtures.PASSWORD), "Origin: null");
        RawHttp.Response invite = olgasBrowser().send("POST", members(),
                "{\"email\": \"gina@evil.example\", \"name\": \"Gina\"}".getBytes(StandardCharsets.UTF_8),
                RawHttp.basic(olga, TestFixtures.PASSWORD), "Content-Type: application/json",
                "Referer: https://evil.example/join.html");

        for (RawHttp.Response refused : List.of(remove, designate, invite)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(JsonPath.<String>read(refused.body(), "$.type"))
                    .isEqualTo("urn:support-desk:problem:cross-site-request");
            assertThat(JsonPath.<String>read(refused.body(), "$.detail")).contains("nothing was changed",
                    "Make the change on the desk's own pages");
        }
        assertThat(api.as(olga).get(members()).<List<String>>json("$[*].email")).containsExactlyInAnyOrder(olga, erin);
        assertThat(api.as(olga).get("/api/organizations/" + org.id()).<List<String>>json("$.authorizedContacts"))
                .containsExactly(olga);
    }

    @Test
    void theCustomerApiTakesChangesFromTheDesksOwnPagesAndFromScriptsThatSendNeitherHeader() throws Exception {
        RawHttp.Response designate = olgasBrowser().send("PUT", contacts() + "/" + erin, new byte[0],
                RawHttp.basic(olga, TestFixtures.PASSWORD), "Origin: http://localhost:" + port);
        assertThat(designate.status()).as(designate.body()).isEqualTo(204);
        RawHttp.Response revoke = olgasBrowser().send("DELETE", contacts() + "/" + erin, null,
                RawHttp.basic(olga, TestFixtures.PASSWORD), "Referer: http://localhost:8080/organization");
        assertThat(revoke.status()).as(revoke.body()).isEqualTo(204);
        RawHttp.Response remove = olgasBrowser().send("DELETE", members() + "/" + erin, null,
                RawHttp.basic(olga, TestFixtures.PASSWORD));
        assertThat(remove.status()).as(remove.body()).isEqualTo(204);

        assertThat(api.as(olga).get(members()).<List<String>>json("$[*].email")).containsExactly(olga);
    }

    @Test
    void anotherSitesPageMayStillSendReadingRequests() throws Exception {
        RawHttp.Response me = olgasBrowser().get("/api/me", RawHttp.basic(olga, TestFixtures.PASSWORD),
                "Origin: https://evil.example");

        // what the page may read of the answer is up to the browser's same-origin policy: the desk allows no CORS
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void staffAndCustomersAreAskedForTheirLoginInRealmsOfTheirOwn() throws Exception {
        RawHttp.Response staffApi = olgasBrowser().get("/api/staff/tickets");
        RawHttp.Response staffPages = olgasBrowser().get("/staff");
        RawHttp.Response customerApi = olgasBrowser().get("/api/me");
        RawHttp.Response customerLoginOnStaffApi = olgasBrowser().get("/api/staff/tickets",
                RawHttp.basic(olga, TestFixtures.PASSWORD));

        assertThat(List.of(staffApi, staffPages, customerApi, customerLoginOnStaffApi))
                .extracting(RawHttp.Response::status).containsOnly(401);
        assertThat(staffApi.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Support Desk staff\"");
        assertThat(staffPages.header("WWW-Authenticate")).isEqualTo(staffApi.header("WWW-Authenticate"));
        assertThat(customerLoginOnStaffApi.header("WWW-Authenticate")).isEqualTo(staffApi.header("WWW-Authenticate"));
        assertThat(customerApi.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Support Desk customers\"");
        assertThat(JsonPath.<String>read(staffApi.body(), "$.detail"))
                .isEqualTo("Sign in with your staff login (HTTP Basic).");
        assertThat(JsonPath.<String>read(customerApi.body(), "$.detail")).contains("email address and password");
    }

    /** HTTP with every header under the test's control: the owner's browser, or a script. */
    private RawHttp olgasBrowser() {
        return new RawHttp("127.0.0.1", port);
    }

    private String members() {
        return "/api/organizations/" + org.id() + "/members";
    }

    private String contacts() {
        return "/api/organizations/" + org.id() + "/authorized-contacts";
    }
}
