package org.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.Api;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.account.InvitationTest;
import org.supportdesk.catalog.Product;

/** The page an invitation mail links to. */
@SupportDeskTest
class InvitationPageTest {

    @Autowired TestFixtures fixtures;
    @Autowired Api api;
    @Autowired Mailbox mailbox;
    @LocalServerPort int port;

    @Test
    void theNewMemberChoosesAPasswordAndSignsIn() throws Exception {
        OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        String token = invite(org, org.owner("olga"), "nina");
        PortalHttp browser = new PortalHttp(port);
        String page = "/invitations/" + token;
        assertThat(browser.get(page).body()).contains("Welcome to Support Desk").contains(org.email("nina"));

        HttpResponse<String> set = browser.postForm(page, Map.of("password", "correct horse 1",
                "confirmation", "correct horse 1", "_csrf", browser.csrfToken(page)));

        assertThat(set.statusCode()).isEqualTo(302);
        assertThat(set.headers().firstValue("Location").orElseThrow()).endsWith("/login?welcome");
        new PortalHttp(port).signIn(org.email("nina"), "correct horse 1");
    }

    @Test
    void differentPasswordsAreRefusedOnThePage() throws Exception {
        OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        String token = invite(org, org.owner("olga"), "nina");
        PortalHttp browser = new PortalHttp(port);
        String page = "/invitations/" + token;

        HttpResponse<String> refused = browser.postForm(page, Map.of("password", "correct horse 1",
                "confirmation", "correct horse 2", "_csrf", browser.csrfToken(page)));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("The two passwords differ");
    }

    @Test
    void aUsedOrUnknownLinkIsNotFound() throws Exception {
        assertThat(new PortalHttp(port).get("/invitations/no-such-token-here-at-all").statusCode()).isEqualTo(404);
    }

    private String invite(OrgFixture org, String owner, String localPart) {
        api.as(owner).post("/api/organizations/" + org.id() + "/members",
                Map.of("email", org.email(localPart), "name", localPart));
        return InvitationTest.token(mailbox.to(org.email(localPart)).get(0).body());
    }
}
