package org.supportdesk.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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
 * Satisfaction on close (issue #14): the "solved" mail gives the requester and each CC their own two links; one
 * click, without signing in, records that person's rating; another click changes it for 7 days; the page takes a
 * comment; staff see the ratings on the ticket.
 */
@SupportDeskTest
class SatisfactionSurveyTest {

    private static final Pattern LINK = Pattern.compile("(?m)^\\s*(Good|Bad):\\s+\\S*?(/survey/[^?\\s]+\\?rating=\\w+)$");

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired Api api;
    @Autowired TicketRepository repository;
    @Autowired Satisfaction satisfaction;
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
    void theRequesterAndEachCcGetTheirOwnLinksAndOneClickRecordsTheirRating() throws Exception {
        Map<String, String> ritas = links(rita);
        Map<String, String> carls = links(carl);
        assertThat(ritas.get("Good")).isNotEqualTo(carls.get("Good"));

        RawHttp.Response clicked = anonymous().get(ritas.get("Good"));
        assertThat(clicked.status()).isEqualTo(200);
        assertThat(clicked.body()).contains("you rated <strong>" + number + "</strong>", ">good</strong>");
        assertThat(anonymous().get(carls.get("Bad")).status()).isEqualTo(200);

        assertThat(satisfaction.of(id())).extracting(Satisfaction.Given::email, Satisfaction.Given::rating)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(rita, Satisfaction.Rating.GOOD),
                        org.assertj.core.groups.Tuple.tuple(carl, Satisfaction.Rating.BAD));
    }

    @Test
    void aSecondClickChangesTheRatingForSevenDaysThenItIsFinal() throws Exception {
        Map<String, String> ritas = links(rita);
        anonymous().get(ritas.get("Good"));

        EngineTime.setNewYork("2026-12-07T10:00");
        assertThat(anonymous().get(ritas.get("Bad")).status()).isEqualTo(200);
        assertThat(rating(rita)).isEqualTo(Satisfaction.Rating.BAD);

        EngineTime.setNewYork("2026-12-09T10:00"); // 8 days after the first click
        RawHttp.Response late = anonymous().get(ritas.get("Good"));
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.body()).contains("can no longer be changed");
        assertThat(rating(rita)).isEqualTo(Satisfaction.Rating.BAD);
        assertThat(anonymous().get(ritas.get("Bad")).status()).as("the same rating again").isEqualTo(200);
    }

    @Test
    void aLinkCannotBeForgedOrTurnedToAnotherTicketOrPerson() throws Exception {
        String good = links(rita).get("Good");
        String token = good.substring("/survey/".length(), good.indexOf('?'));
        String[] parts = token.split("\\.");
        String otherHolder = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                (id() + ":mallory@evil.example").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(anonymous().get("/survey/" + otherHolder + "." + parts[1] + "?rating=bad").status()).isEqualTo(404);
        assertThat(anonymous().get("/survey/" + parts[0] + ".AAAA?rating=bad").status()).isEqualTo(404);
        assertThat(anonymous().get("/survey/nonsense?rating=bad").status()).isEqualTo(404);
        assertThat(anonymous().get(good.replace("rating=good", "rating=great")).status()).isEqualTo(400);
        assertThat(satisfaction.of(id())).isEmpty();
    }

    @Test
    void thePageTakesACommentAndStaffSeeIt() throws Exception {
        String good = links(rita).get("Good");
        RawHttp browser = anonymous();
        RawHttp.Response page = browser.get(good);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();

        RawHttp.Response sent = browser.send("POST", good.substring(0, good.indexOf('?')),
                ("_csrf=" + csrf.group(1) + "&comment=Quick+%3Cand%3E+clear.").getBytes(),
                "Content-Type: application/x-www-form-urlencoded");

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).contains("Thank you for your comment.", "Quick &lt;and&gt; clear.");
        Api.Response staff = api.as("agent", "agent").get("/api/staff/tickets/" + number);
        assertThat((String) staff.json("$.satisfaction[0].comment")).isEqualTo("Quick <and> clear.");
        assertThat((String) staff.json("$.satisfaction[0].rating")).isEqualTo("GOOD");
        assertThat(api.as("agent", "agent").get("/staff/tickets/" + number).body())
                .contains("id=\"satisfaction\"", "Quick &lt;and&gt; clear.");
        assertThat(api.as(rita).get("/api/tickets/" + number).body()).doesNotContain("Quick <and> clear.");
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
