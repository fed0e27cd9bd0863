package org.supportdesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.supportdesk.RawHttp;
import org.supportdesk.RecordingSleeper;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.catalog.Product;
import org.supportdesk.engine.AsSystem;
import org.supportdesk.login.LoginThrottle;
import org.supportdesk.login.Realm;
import org.supportdesk.login.TooManyFailedLogins;

import com.jayway.jsonpath.JsonPath;

/**
 * Every password check is throttled per account and client address, and nobody can lock another person out: real
 * HTTP from different loopback addresses (127.0.0.x), as different people on the internet would call.
 */
@SupportDeskTest
class ThrottledSignInTest {

    @LocalServerPort int port;
    @Autowired TestFixtures fixtures;
    @Autowired IdentityService identity;
    @Autowired AsSystem asSystem;
    @Autowired JdbcClient jdbc;
    @Autowired RecordingSleeper sleeper;
    @Autowired LoginThrottle throttle;
    @Autowired Problems problems;

    String cara;

    @BeforeEach
    void customer() {
        cara = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("cara");
    }

    @Test
    void thirtyWrongPasswordsForACustomerGet429sAndTheRightOneFromAnotherAddressWorksAtOnce() throws Exception {
        RawHttp attacker = new RawHttp("127.0.0.3", port);
        List<Integer> statuses = new ArrayList<>();
        RawHttp.Response last = null;
        for (int i = 0; i < 30; i++) {
            last = attacker.get("/api/me", RawHttp.basic(cara, "guess-" + i));
            statuses.add(last.status());
        }

        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 30)).containsOnly(429);
        assertThat(last.header("Retry-After")).isEqualTo("30");
        assertThat(last.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(last.body(), "$.type")).endsWith("too-many-failed-sign-ins");
        // even the right password is refused from the guessing address, unread
        assertThat(attacker.get("/api/me", RawHttp.basic(cara, TestFixtures.PASSWORD)).status()).isEqualTo(429);

        RawHttp owner = new RawHttp("127.0.0.4", port);
        RawHttp.Response me = owner.get("/api/me", RawHttp.basic(cara, TestFixtures.PASSWORD));
        assertThat(me.status()).isEqualTo(200);
        assertThat(JsonPath.<String>read(me.body(), "$.email")).isEqualTo(cara);
        assertThat(portalSignIn(owner, cara, TestFixtures.PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void thirtyWrongPasswordsForOncallGet429sAndOncallWorksAtOnceOnApiEngineRestAndTasklist() throws Exception {
        RawHttp attacker = new RawHttp("127.0.0.5", port);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            RawHttp.Response response = i % 2 == 0
                    ? attacker.get("/engine-rest/task", RawHttp.basic("oncall", "guess-" + i))
                    : webappLogin(attacker, "oncall", "guess-" + i, "tasklist");
            statuses.add(response.status());
        }

        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 30)).containsOnly(429);
        // Camunda's own lock never saw more than the first five: it is off, and the throttle stands in front of it
        assertThat(asSystem.call(() -> identity.checkPassword("oncall", "oncall"))).isTrue();

        RawHttp oncall = new RawHttp("127.0.0.6", port);
        assertThat(oncall.get("/engine-rest/task", RawHttp.basic("oncall", "oncall")).status()).isEqualTo(200);
        assertThat(oncall.get("/api/staff/inbound-mail", RawHttp.basic("oncall", "oncall")).status()).isEqualTo(200);
        assertThat(webappLogin(oncall, "oncall", "oncall", "tasklist").status()).isEqualTo(200);
    }

    @Test
    void aHundredWrongPasswordsForOncallFromTwentyAddressesSlowNewAddressesDownOnApiEngineRestAndTasklistButLetOncallIn()
            throws Exception {
        for (int address = 0; address < 20; address++) {
            RawHttp attacker = new RawHttp("127.0.0." + (20 + address), port);
            for (int i = 0; i < 5; i++) {
                RawHttp.Response response = switch (i % 3) {
                    case 0 -> attacker.get("/engine-rest/task", RawHttp.basic("oncall", "guess-" + i));
                    case 1 -> webappLogin(attacker, "oncall", "guess-" + i, "tasklist");
                    default -> attacker.get("/api/staff/inbound-mail", RawHttp.basic("oncall", "guess-" + i));
                };
                assertThat(response.status()).isEqualTo(401);
            }
        }
        assertThat(sleeper.waits()).as("up to the limit nobody waits").isEmpty();

        RawHttp hotel = new RawHttp("127.0.0.50", port);
        assertThat(hotel.get("/api/staff/inbound-mail", RawHttp.basic("oncall", "oncall")).status()).isEqualTo(200);
        assertThat(new RawHttp("127.0.0.51", port).get("/engine-rest/task", RawHttp.basic("oncall", "oncall")).status())
                .isEqualTo(200);
        assertThat(webappLogin(new RawHttp("127.0.0.52", port), "oncall", "oncall", "tasklist").status())
                .isEqualTo(200);
        assertThat(new RawHttp("127.0.0.53", port).get("/engine-rest/task", RawHttp.basic("oncall", "guess")).status())
                .isEqualTo(401);
        assertThat(new RawHttp("127.0.0.54", port).get("/engine-rest/task", RawHttp.basic("oncall", "oncall")).status())
                .isEqualTo(200);
        assertThat(hotel.get("/engine-rest/task", RawHttp.basic("oncall", "oncall")).status()).isEqualTo(200);

        assertThat(sleeper.waits()).as("each new address waited, once it signed in its address is known")
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                        Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aHundredWrongPasswordsForACustomerFromManyAddressesSlowTheirPortalSignInFromANewAddressButLetThemIn()
            throws Exception {
        for (int i = 0; i < 100; i++) { // as the API counts them, without a hundred bcrypt checks
            throttle.failed(Realm.CUSTOMER, cara, "198.51.100." + i);
        }

        RawHttp.Response signedIn = portalSignIn(new RawHttp("127.0.0.90", port), cara, TestFixtures.PASSWORD);

        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).doesNotContain("/login");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aSignInThatFindsNoPlaceToWaitIsA429WhoseProblemSaysWhyAndWhatToDo() throws Exception {
        org.springframework.mock.web.MockHttpServletResponse response =
                new org.springframework.mock.web.MockHttpServletResponse();

        problems.tooManyFailedLogins(response, TooManyFailedLogins.busy(Duration.ofSeconds(30)));

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isEqualTo("30");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        String body = response.getContentAsString();
        assertThat(JsonPath.<String>read(body, "$.type")).endsWith(":too-many-failed-sign-ins");
        assertThat(JsonPath.<String>read(body, "$.detail")).contains("sign-ins from new addresses wait",
                "Try again in 30 seconds", "from an address you signed in from before there is no wait",
                "the password was not checked");
    }

    @Test
    void aForwardedForHeaderDoesNotMakeAGuesserSomeoneElse() throws Exception {
        RawHttp attacker = new RawHttp("127.0.0.7", port);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(attacker.get("/api/me", RawHttp.basic(cara, "guess-" + i),
                    "X-Forwarded-For: 198.51.100." + i).status());
        }

        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 8)).containsOnly(429);
    }

    @Test
    void sprayingOnePasswordOverManyAccountsFromOneAddressIsStopped() throws Exception {
        RawHttp sprayer = new RawHttp("127.0.0.8", port);
        for (int i = 0; i < 50; i++) {
            sprayer.get("/api/me", RawHttp.basic("someone" + i + "@org.example", "Summer2026!"));
        }

        assertThat(sprayer.get("/api/me", RawHttp.basic(cara, TestFixtures.PASSWORD)).status()).isEqualTo(429);
        assertThat(new RawHttp("127.0.0.9", port).get("/api/me", RawHttp.basic(cara, TestFixtures.PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void theCountsAreRowsInTheDatabaseThatEveryNodeReads() throws Exception {
        RawHttp attacker = new RawHttp("127.0.0.10", port);
        for (int i = 0; i < 3; i++) {
            attacker.get("/api/me", RawHttp.basic(cara, "guess-" + i));
        }

        assertThat(jdbc.sql("select failures from login_failure where throttle_key = ?")
                .param("pair:customer:" + cara + "|127.0.0.10").query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select failures from login_failure where throttle_key = ?")
                .param("address:127.0.0.10").query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void theRightPasswordStartsThePairAfresh() throws Exception {
        RawHttp client = new RawHttp("127.0.0.11", port);
        for (int i = 0; i < 4; i++) {
            client.get("/api/me", RawHttp.basic(cara, "typo-" + i));
        }
        assertThat(client.get("/api/me", RawHttp.basic(cara, TestFixtures.PASSWORD)).status()).isEqualTo(200);

        for (int i = 0; i < 4; i++) {
            assertThat(client.get("/api/me", RawHttp.basic(cara, "typo-again-" + i)).status()).isEqualTo(401);
        }
    }

    private RawHttp.Response portalSignIn(RawHttp browser, String email, String password) throws Exception {
        RawHttp.Response page = browser.get("/login");
        String csrf = org.jsoup.Jsoup.parse(page.body()).select("input[name=_csrf]").val();
        return browser.send("POST", "/login", form("email", email, "password", password, "_csrf", csrf),
                "Content-Type: application/x-www-form-urlencoded");
    }

    /** The Camunda webapps' login: fetch the XSRF cookie, then post the form with its token. */
    private RawHttp.Response webappLogin(RawHttp browser, String user, String password, String app) throws Exception {
        browser.get("/camunda/app/" + app + "/default/");
        return browser.send("POST", "/camunda/api/admin/auth/user/default/login/" + app,
                form("username", user, "password", password), "Content-Type: application/x-www-form-urlencoded",
                "X-XSRF-TOKEN: " + browser.cookie("XSRF-TOKEN"));
    }

    private static byte[] form(String... pairs) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }
}
