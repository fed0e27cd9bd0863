package org.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.Api;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.catalog.Product;

/**
 * The portal's own account pages over real HTTP with real sessions: a changed or reset password ends the member's
 * other sessions, the session that changed it goes on; a removed member's session ends on its next page.
 */
@SupportDeskTest
class PasswordPagesTest {

    @LocalServerPort int port;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired Api api;
    @Autowired org.supportdesk.account.AccountRepository accounts;
    @Autowired org.springframework.security.crypto.password.PasswordEncoder passwords;

    OrgFixture org;
    String pia;

    @BeforeEach
    void member() {
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        pia = org.contact("pia");
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsButNotThisOne() throws Exception {
        PortalHttp laptop = new PortalHttp(port).signIn(pia, TestFixtures.PASSWORD);
        PortalHttp phone = new PortalHttp(port).signIn(pia, TestFixtures.PASSWORD);

        HttpResponse<String> changed = laptop.postForm("/account/password", Map.of("currentPassword",
                TestFixtures.PASSWORD, "newPassword", "a much longer one 1", "confirmation", "a much longer one 1",
                "_csrf", laptop.csrfToken("/account")));

        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(laptop.get("/activities").statusCode()).isEqualTo(200);
        HttpResponse<String> phonePage = phone.get("/activities");
        assertThat(phonePage.statusCode()).isEqualTo(302);
        assertThat(phonePage.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        new PortalHttp(port).signIn(pia, "a much longer one 1");
    }

    @Test
    void aWrongCurrentPasswordIsSaidOnThePageAndChangesNothing() throws Exception {
        PortalHttp browser = new PortalHttp(port).signIn(pia, TestFixtures.PASSWORD);

        HttpResponse<String> refused = browser.postForm("/account/password", Map.of("currentPassword", "nope",
                "newPassword", "a much longer one 1", "confirmation", "a much longer one 1",
                "_csrf", browser.csrfToken("/account")));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(refused.body()).select("#password-error").text())
                .contains("currentPassword is not your current password");
        new PortalHttp(port).signIn(pia, TestFixtures.PASSWORD);
    }

    @Test
    void guessingTheCurrentPasswordInASessionIsThrottledLikeASignIn() throws Exception {
        PortalHttp someonesSession = new PortalHttp(port).signIn(pia, TestFixtures.PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThat(change(someonesSession, "guess " + i).statusCode()).isEqualTo(400);
        }

        HttpResponse<String> refused = change(someonesSession, TestFixtures.PASSWORD);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("30");
        assertThat(Jsoup.parse(refused.body()).select("#password-error").text()).contains("Wait 30 seconds");
        assertThat(passwords.matches(TestFixtures.PASSWORD, accounts.passwordHash(pia).orElseThrow()))
                .as("the password is unchanged").isTrue();
    }

    private static HttpResponse<String> change(PortalHttp browser, String current) throws Exception {
        return browser.postForm("/account/password", Map.of("currentPassword", current, "newPassword",
                "a much longer one 1", "confirmation", "a much longer one 1", "_csrf", browser.csrfToken("/account")));
    }

    @Test
    void aForgottenPasswordIsResetThroughTheLinkAndOldSessionsEnd() throws Exception {
        PortalHttp oldSession = new PortalHttp(port).signIn(pia, TestFixtures.PASSWORD);
        PortalHttp browser = new PortalHttp(port);

        HttpResponse<String> asked = browser.postForm("/password-reset", Map.of("email", pia,
                "_csrf", browser.csrfToken("/password-reset")));
        assertThat(Jsoup.parse(asked.body()).select("#reset-sent").text()).contains("If " + pia + " belongs");
        String link = link(mailbox.to(pia, "new Support Desk password").get(0).body());
        assertThat(Jsoup.parse(browser.get(link).body()).select(".lead").text()).contains(pia);

        HttpResponse<String> reset = browser.postForm(link, Map.of("password", "a brand new secret",
                "confirmation", "a brand new secret", "_csrf", browser.csrfToken(link)));

        assertThat(reset.headers().firstValue("Location").orElseThrow()).endsWith("/login?reset");
        assertThat(oldSession.get("/activities").statusCode()).isEqualTo(302);
        new PortalHttp(port).signIn(pia, "a brand new secret");
    }

    @Test
    void theResetFormSaysTheSameForAnUnknownAddress() throws Exception {
        PortalHttp browser = new PortalHttp(port);

        HttpResponse<String> asked = browser.postForm("/password-reset", Map.of("email", org.email("ghost"),
                "_csrf", browser.csrfToken("/password-reset")));

        assertThat(Jsoup.parse(asked.body()).select("#reset-sent").text()).contains("If " + org.email("ghost")
                + " belongs");
        assertThat(mailbox.to(org.email("ghost"))).isEmpty();
    }

    @Test
    void aRemovedMembersSessionEndsOnItsNextPage() throws Exception {
        String olga = org.owner("olga");
        PortalHttp piasBrowser = new PortalHttp(port).signIn(pia, TestFixtures.PASSWORD);
        PortalHttp olgasBrowser = new PortalHttp(port).signIn(olga, TestFixtures.PASSWORD);

        HttpResponse<String> removed = olgasBrowser.postForm("/organization/members/remove", Map.of("email", pia,
                "_csrf", olgasBrowser.csrfToken("/organization")));

        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(piasBrowser.get("/activities").statusCode()).isEqualTo(302);
        assertThat(Jsoup.parse(olgasBrowser.get("/organization").body()).select("table.members").text())
                .doesNotContain(pia).contains(olga);
    }

    @Test
    void aThrottledSignInIsA429PageThatSaysHowLongToWait() throws Exception {
        PortalHttp browser = new PortalHttp(port);
        for (int i = 0; i < 5; i++) {
            browser.postForm("/login", Map.of("email", pia, "password", "guess " + i,
                    "_csrf", browser.csrfToken("/login")));
        }

        HttpResponse<String> refused = browser.postForm("/login", Map.of("email", pia, "password",
                TestFixtures.PASSWORD, "_csrf", browser.csrfToken("/login")));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("30");
        assertThat(Jsoup.parse(refused.body()).select("#sign-in-error").text()).startsWith("Too many failed sign-ins.")
                .contains("wait 30 seconds");
        assertThat(Jsoup.parse(refused.body()).select("input#email").val()).isEqualTo(pia);
    }

    private static String link(String mailBody) {
        Matcher matcher = Pattern.compile("http://localhost:8080(/password-reset/[A-Za-z0-9_-]+)").matcher(mailBody);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
