package org.supportdesk.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.RawHttp;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.TicketRepository;

/**
 * Satisfaction on close (issues #14, #21): the "solved" mail gives the requester and each CC their own two links.
 * Opening a link, as mail security scanners do with every link, records nothing: it shows the question with the
 * link's answer chosen, in a form the page sends by itself ({@code js/survey.js}) or with its button. Without
 * signing in, the form records that person's rating; another rating changes it for 7 days; the page takes a
 * comment; staff see the ratings on the ticket. These tests send the form as the page serves it, the way its script
 * does; {@code SurveyE2E} shows the script doing it in Chromium.
 */
@SupportDeskTest
class SatisfactionSurveyTest {

    private static final Pattern LINK = Pattern.compile("(?m)^\\s*(Good|Bad):\\s+\\S*?(/survey/[^?\\s]+\\?rating=\\w+)$");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired Api api;
    @Autowired TicketRepository repository;
    @Autowired Satisfaction satisfaction;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    String rita;
    String carl;
    String number;

    @BeforeEach
    void aSolvedTicketWithACc() {
        EngineTime.setNewYork("2026-12-01T10:00");
        TestFixtures.OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        rita = org.owner("rita");
        carl = org.contact("carl");
        Map<String, Object> request = Tickets.request();
        request.put("cc", List.of(carl));
        number = tickets.file(rita, request);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "SOLVE", "Fixed by the upgrade to 1.2.");
        mailbox.deliver();
    }

    @Test
    void openingTheLinksAnyNumberOfTimesAsAMailScannerDoesRecordsNothing() throws Exception {
        Map<String, String> ritas = links(rita);
        Map<String, String> carls = links(carl);
        long rows = ratingRows();

        for (String link : List.of(ritas.get("Good"), ritas.get("Bad"), ritas.get("Good"), carls.get("Bad"),
                carls.get("Good"), carls.get("Bad"))) {
            RawHttp.Response opened = anonymous().get(link);
            assertThat(opened.status()).isEqualTo(200);
            assertThat(opened.body()).contains("How was our help with <strong>" + number + "</strong>")
                    .doesNotContain("Thank you");
        }
        RawHttp scanner = anonymous(); // one that keeps its cookies, too
        for (int i = 0; i < 3; i++) {
            assertThat(scanner.get(ritas.get("Good")).status()).isEqualTo(200);
        }

        assertThat(ratingRows()).isEqualTo(rows);
        assertThat(satisfaction.of(id())).isEmpty();
        Api.Response staff = api.as("agent", "agent").get("/api/staff/tickets/" + number);
        assertThat(staff.<List<?>>json("$.satisfaction")).isEmpty();
    }

    @Test
    void thePageHasTheLinksAnswerChosenAndAScriptFileThatSendsIt() throws Exception {
        Map<String, String> ritas = links(rita);

        RawHttp.Response good = anonymous().get(ritas.get("Good"));
        assertThat(good.body()).containsPattern("<input type=\"radio\" id=\"rating-good\" name=\"rating\" value=\"good\""
                + " checked=\"checked\">").containsPattern("<input type=\"radio\" id=\"rating-bad\" name=\"rating\""
                + " value=\"bad\">").contains("<form id=\"survey-rate\" method=\"post\" action=\""
                + path(ritas.get("Good")) + "\"", "data-auto-submit", "<button type=\"submit\" class=\"primary\""
                + " id=\"survey-send\">Send my rating</button>", "<script src=\"/js/survey.js\" defer></script>");
        assertThat(good.body()).as("no inline script").doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        assertThat(good.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(CSRF.matcher(good.body()).find()).as("the form carries a CSRF token").isTrue();
        assertThat(anonymous().get(ritas.get("Bad")).body())
                .contains("value=\"bad\" checked=\"checked\">", "value=\"good\">");

        RawHttp.Response script = anonymous().get("/js/survey.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("form[data-auto-submit]", "form.submit()");
    }

    @Test
    void theRequesterAndEachCcGetTheirOwnLinksAndThePageSendsTheirRating() throws Exception {
        Map<String, String> ritas = links(rita);
        Map<String, String> carls = links(carl);
        assertThat(ritas.get("Good")).isNotEqualTo(carls.get("Good"));

        RawHttp.Response rated = sendThePage(anonymous(), ritas.get("Good"));
        assertThat(rated.status()).isEqualTo(200);
        assertThat(rated.body()).contains("you rated <strong>" + number + "</strong>", ">good</strong>");
        assertThat(sendThePage(anonymous(), carls.get("Bad")).status()).isEqualTo(200);

        assertThat(satisfaction.of(id())).extracting(Satisfaction.Given::email, Satisfaction.Given::rating)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(rita, Satisfaction.Rating.GOOD),
                        org.assertj.core.groups.Tuple.tuple(carl, Satisfaction.Rating.BAD));
        Api.Response staff = api.as("agent", "agent").get("/api/staff/tickets/" + number);
        assertThat(staff.<List<String>>json("$.satisfaction[*].rating")).containsExactlyInAnyOrder("GOOD", "BAD");
    }

    @Test
    void aRatingWithoutTheCsrfTokenIsRefusedWithAPageThatSaysToClickTheLinkAgain() throws Exception {
        String good = links(rita).get("Good");
        RawHttp browser = anonymous();
        browser.get(good); // a session with a token, which the forged form does not know

        RawHttp.Response noToken = browser.send("POST", path(good), "rating=good".getBytes(StandardCharsets.UTF_8),
                FORM);
        RawHttp.Response noSession = anonymous().send("POST", path(good),
                "rating=good".getBytes(StandardCharsets.UTF_8), FORM);
        RawHttp.Response wrongToken = browser.send("POST", path(good),
                "_csrf=forged&rating=good".getBytes(StandardCharsets.UTF_8), FORM);

        for (RawHttp.Response refused : List.of(noToken, noSession, wrongToken)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("Nothing was recorded", "Click the link in the mail again");
        }
        assertThat(satisfaction.of(id())).isEmpty();
    }

    @Test
    void aForgedOrAlteredLinkIsRefusedWhenOpenedAndWhenSent() throws Exception {
        String good = links(rita).get("Good");
        String token = good.substring("/survey/".length(), good.indexOf('?'));
        String[] parts = token.split("\\.");
        String otherHolder = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                (id() + ":mallory@evil.example").getBytes(StandardCharsets.UTF_8));

        assertThat(anonymous().get("/survey/" + otherHolder + "." + parts[1] + "?rating=bad").status()).isEqualTo(404);
        assertThat(anonymous().get("/survey/" + parts[0] + ".AAAA?rating=bad").status()).isEqualTo(404);
        assertThat(anonymous().get("/survey/nonsense?rating=bad").status()).isEqualTo(404);
        assertThat(anonymous().get(good.replace("rating=good", "rating=great")).status()).isEqualTo(400);

        // a real page's session and CSRF token, sent to altered links
        RawHttp browser = anonymous();
        String csrf = csrf(browser.get(good));
        for (String altered : List.of(otherHolder + "." + parts[1], parts[0] + ".AAAA", parts[0] + "." + parts[1] + "x")) {
            RawHttp.Response refused = browser.send("POST", "/survey/" + altered,
                    ("_csrf=" + csrf + "&rating=bad").getBytes(StandardCharsets.UTF_8), FORM);
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.body()).contains("This rating link was not found.",
                    "copy the whole link from the mail");
        }
        RawHttp.Response great = browser.send("POST", path(good),
                ("_csrf=" + csrf + "&rating=great").getBytes(StandardCharsets.UTF_8), FORM);
        assertThat(great.status()).isEqualTo(400);
        assertThat(satisfaction.of(id())).isEmpty();
    }

    @Test
    void anotherRatingChangesItForSevenDaysThenItIsFinal() throws Exception {
        Map<String, String> ritas = links(rita);
        sendThePage(anonymous(), ritas.get("Good"));

        EngineTime.setNewYork("2026-12-07T10:00");
        assertThat(sendThePage(anonymous(), ritas.get("Bad")).status()).isEqualTo(200);
        assertThat(rating(rita)).isEqualTo(Satisfaction.Rating.BAD);

        EngineTime.setNewYork("2026-12-09T10:00"); // 8 days after the first rating
        RawHttp.Response late = anonymous().get(ritas.get("Good"));
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.body()).contains("can no longer be changed").doesNotContain("survey-rate");
        RawHttp browser = anonymous();
        String csrf = csrf(browser.get(ritas.get("Bad"))); // a page open since before, sent late
        RawHttp.Response lateRating = browser.send("POST", path(ritas.get("Good")),
                ("_csrf=" + csrf + "&rating=good").getBytes(StandardCharsets.UTF_8), FORM);
        assertThat(lateRating.status()).isEqualTo(410);
        assertThat(lateRating.body()).contains("can no longer be changed");
        assertThat(rating(rita)).isEqualTo(Satisfaction.Rating.BAD);
        assertThat(sendThePage(anonymous(), ritas.get("Bad")).status()).as("the same rating again").isEqualTo(200);
    }

    @Test
    void theThankYouPageChangesTheRatingWithOneButton() throws Exception {
        String good = links(rita).get("Good");
        RawHttp browser = anonymous();
        RawHttp.Response thanks = sendThePage(browser, good);
        assertThat(thanks.body()).contains("<input type=\"hidden\" name=\"rating\" value=\"bad\">",
                ">Rate it bad instead</button>");

        RawHttp.Response changed = browser.send("POST", path(good),
                ("_csrf=" + csrf(thanks) + "&rating=bad").getBytes(StandardCharsets.UTF_8), FORM);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).contains("id=\"survey-rating\">bad</strong>", ">Rate it good instead</button>");
        assertThat(rating(rita)).isEqualTo(Satisfaction.Rating.BAD);
    }

    @Test
    void thePageTakesACommentAndStaffSeeIt() throws Exception {
        String good = links(rita).get("Good");
        RawHttp browser = anonymous();
        RawHttp.Response page = sendThePage(browser, good);

        RawHttp.Response sent = browser.send("POST", path(good),
                ("_csrf=" + csrf(page) + "&comment=Quick+%3Cand%3E+clear.").getBytes(StandardCharsets.UTF_8), FORM);

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).contains("Thank you for your comment.", "Quick &lt;and&gt; clear.");
        Api.Response staff = api.as("agent", "agent").get("/api/staff/tickets/" + number);
        assertThat((String) staff.json("$.satisfaction[0].comment")).isEqualTo("Quick <and> clear.");
        assertThat((String) staff.json("$.satisfaction[0].rating")).isEqualTo("GOOD");
        assertThat(api.as("agent", "agent").get("/staff/tickets/" + number).body())
                .contains("id=\"satisfaction\"", "Quick &lt;and&gt; clear.");
        assertThat(api.as(rita).get("/api/tickets/" + number).body()).doesNotContain("Quick <and> clear.");
    }

    @Test
    void aCommentBeforeAnyRatingSaysToSendTheRatingFirst() throws Exception {
        String good = links(rita).get("Good");
        RawHttp browser = anonymous();
        String csrf = csrf(browser.get(good)); // opened, not sent

        RawHttp.Response sent = browser.send("POST", path(good),
                ("_csrf=" + csrf + "&comment=Hello").getBytes(StandardCharsets.UTF_8), FORM);

        assertThat(sent.status()).isEqualTo(409);
        assertThat(sent.body()).contains("Send your rating first");
        assertThat(satisfaction.of(id())).isEmpty();
    }

    private static final String FORM = "Content-Type: application/x-www-form-urlencoded";

    /**
     * What the question page's script does: opens the link and sends the form {@code survey-rate} as served, its
     * CSRF token and the answer chosen; the answer to that (the thank-you page).
     */
    private static RawHttp.Response sendThePage(RawHttp browser, String link) throws Exception {
        RawHttp.Response page = browser.get(link);
        assertThat(page.status()).isEqualTo(200);
        Matcher form = Pattern.compile("<form id=\"survey-rate\" method=\"post\" action=\"([^\"]+)\"(.*?)</form>",
                Pattern.DOTALL).matcher(page.body());
        assertThat(form.find()).isTrue();
        Matcher chosen = Pattern.compile("name=\"rating\" value=\"(\\w+)\" checked=\"checked\"").matcher(form.group(2));
        assertThat(chosen.find()).isTrue();
        return browser.send("POST", form.group(1), ("_csrf=" + csrf(page) + "&rating=" + chosen.group(1))
                .getBytes(StandardCharsets.UTF_8), FORM);
    }

    private static String csrf(RawHttp.Response page) {
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("a CSRF token on the page").isTrue();
        return java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    }

    private static String path(String link) {
        return link.substring(0, link.indexOf('?'));
    }

    private long ratingRows() {
        return jdbc.sql("select count(*) from ticket_rating").query(Long.class).single();
    }

    /** The survey links of the person's "solved" mail (paths). */
    private Map<String, String> links(String person) {
        List<Mailbox.Mail> solved = mailbox.to(person, "Solved:");
        assertThat(solved).as("one solved mail of their own").hasSize(1);
        assertThat(solved.get(0).body()).contains("Fixed by the upgrade to 1.2.");
        Map<String, String> links = new java.util.HashMap<>();
        Matcher m = LINK.matcher(solved.get(0).body());
        while (m.find()) {
            links.put(m.group(1), m.group(2));
        }
        assertThat(links).containsKeys("Good", "Bad");
        return links;
    }

    private Satisfaction.Rating rating(String person) {
        return satisfaction.of(id()).stream().filter(g -> g.email().equals(person)).findFirst().orElseThrow().rating();
    }

    private long id() {
        return repository.findByNumber(number).orElseThrow().id();
    }

    private RawHttp anonymous() {
        return new RawHttp("127.0.0.1", port);
    }
}
