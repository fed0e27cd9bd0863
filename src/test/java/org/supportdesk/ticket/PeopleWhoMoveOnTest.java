package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.supportdesk.Api;
import org.supportdesk.Api.Response;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.account.InvitationTest;
import org.supportdesk.catalog.Product;

/**
 * Issue #23 items 1 and 2: people who move on. Every customer view is of the caller's current organisation (R17):
 * someone removed from Acme and invited to Globex with the same address sees none of Acme's tickets, on the portal or
 * the API. Mail about a ticket goes only to current members of its organisation (R2, R22): when the requester has
 * left, the authorized contacts receive what the requester would have (the owners when there are none), can answer,
 * and the ticket's pages say so.
 */
@SupportDeskTest
public class PeopleWhoMoveOnTest {

    static final String NEW_PASSWORD = "correct horse 23";

    @Autowired Api api;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired Mailbox mailbox;
    @Autowired WebApplicationContext context;

    MockMvc mvc;
    OrgFixture acme;
    OrgFixture globex;
    String olga;
    String carl;
    String dora;
    String gina;

    @BeforeEach
    void acmeAndGlobex() {
        EngineTime.setNewYork("2026-12-01T10:00"); // a Tuesday, in business hours
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        acme = fixtures.organization().activeLicence(Product.LIFECYCLE);
        olga = acme.owner("olga");
        carl = acme.contact("carl");
        dora = acme.contact("dora");
        globex = fixtures.organization().activeLicence(Product.LIFECYCLE);
        gina = globex.owner("gina");
    }

    @Test
    void r17_someoneMovedToAnotherOrganisationSeesNoneOfTheOldOnesTicketsOnTheApi() {
        String filed = tickets.fileWithFile(carl, Tickets.request(), "log.txt",
                "ERROR policy".getBytes(StandardCharsets.UTF_8));
        long fileId = api.as(carl).get("/api/tickets/" + filed).<Number>json("$.attachments[0].id").longValue();
        String copied = solvedTicketOfDoraCopying(carl);
        String globexTicket = tickets.file(gina);

        moveToGlobex(carl);

        Api.Caller moved = api.as(carl, NEW_PASSWORD);
        assertThat(moved.get("/api/me").<String>json("$.organizationId")).isEqualTo(globex.id());
        assertThat(numbers(moved, "mine")).isEmpty();
        assertThat(numbers(moved, "cc")).isEmpty();
        assertThat(numbers(moved, "organization")).containsExactly(globexTicket);
        for (String path : List.of("/api/tickets/" + filed, "/api/tickets/" + copied,
                "/api/tickets/" + filed + "/attachments/" + fileId)) {
            Response refused = moved.get(path);
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.body()).as(path).doesNotContain("Policy evaluation fails");
        }
        assertThat(moved.post("/api/tickets/" + filed + "/replies", Map.of("body", "Still there?")).status())
                .isEqualTo(404);
        assertThat(api.as(olga).get("/api/tickets/" + filed).<String>json("$.requester.email")).isEqualTo(carl);
    }

    @Test
    void r17_someoneMovedToAnotherOrganisationSeesNoneOfTheOldOnesTicketsOnThePortal() throws Exception {
        String filed = tickets.fileWithFile(carl, Tickets.request(), "log.txt",
                "ERROR policy".getBytes(StandardCharsets.UTF_8));
        long fileId = api.as(carl).get("/api/tickets/" + filed).<Number>json("$.attachments[0].id").longValue();
        String copied = solvedTicketOfDoraCopying(carl);
        String globexTicket = tickets.file(gina);

        moveToGlobex(carl);

        for (String view : List.of("mine", "cc", "organization")) {
            Document page = portalPage(carl, "/activities?view=" + view);
            assertThat(page.text()).as(view).doesNotContain(filed).doesNotContain(copied);
        }
        assertThat(portalPage(carl, "/activities?view=organization").select("tbody tr td:first-child a").eachText())
                .containsExactly(globexTicket);
        for (String path : List.of("/tickets/" + filed, "/tickets/" + copied,
                "/tickets/" + filed + "/attachments/" + fileId)) {
            MvcResult refused = mvc.perform(get(path).with(customer(carl))).andReturn();
            assertThat(refused.getResponse().getStatus()).as(path).isEqualTo(404);
            assertThat(refused.getResponse().getContentAsString()).as(path).doesNotContain("Policy evaluation fails");
        }
    }

    @Test
    void r22_afterTheRequesterIsRemovedAnAnswerReachesTheAuthorizedContactsAndNotThem() {
        String number = tickets.file(carl);
        tickets.triage(number, "NORMAL", "team-lifecycle");

        remove(carl);
        tickets.work(number, "REPLY", "Please rebuild the policy index.");

        assertThat(answersTo(olga, number)).hasSize(1);
        assertThat(answersTo(dora, number)).hasSize(1);
        assertThat(answersTo(carl, number)).isEmpty();
        Mailbox.Mail answer = answersTo(olga, number).get(0);
        assertThat(answer.body()).contains("Hello authorized contacts of Org " + acme.id()
                + " (the requester has left Org " + acme.id() + "),");
    }

    @Test
    void r22_aRequesterWhoMovedToAnotherOrganisationIsNeverMailedAboutTheOldTicket() {
        String number = tickets.file(carl);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        moveToGlobex(carl);

        tickets.work(number, "REPLY", "Please rebuild the policy index.");
        tickets.work(number, "SOLVE", "Please rebuild the policy index.");

        assertThat(mailbox.to(carl, number)).extracting(Mailbox.Mail::body)
                .noneMatch(body -> body.contains("rebuild the policy index") || body.contains("as solved"));
        assertThat(mailbox.to(olga, number + "] Solved")).hasSize(1);
    }

    @Test
    void r22_aRequesterWhoLeftIsNotCopiedOnTheTicketTheirDuplicateContinuesIn() {
        String kept = tickets.file(olga);
        tickets.triage(kept, "NORMAL", "team-lifecycle");
        String duplicate = tickets.file(carl);
        tickets.triage(duplicate, "NORMAL", "team-lifecycle");
        remove(carl);
        // closing as a duplicate copies the duplicate's people on the ticket that continues
        tickets.complete(duplicate, Map.of("action", "CLOSE_DUPLICATE", "duplicateOf", kept));

        tickets.work(kept, "REPLY", "Please rebuild the policy index.");

        assertThat(answersTo(olga, kept)).hasSize(1);
        assertThat(answersTo(carl, kept)).isEmpty();
        assertThat(mailbox.to(dora, duplicate + "] Closed as a duplicate")).hasSize(1);
    }

    @Test
    void r2_theAuthorizedContactsAnswerOnTheWebForARequesterWhoLeftAndThePagesSaySo() throws Exception {
        String number = tickets.file(carl);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        remove(carl);

        Response reply = tickets.reply(dora, number, "Carl has left; I take this over. We run version 1.2.3.");

        assertThat(reply.status()).isEqualTo(201);
        String notice = "The requester has left Org " + acme.id()
                + "; mail about this ticket goes to its authorized contacts.";
        assertThat(portalPage(olga, "/tickets/" + number).select("#requester-left").text()).isEqualTo(notice);
        Document staffPage = Jsoup.parse(mvc.perform(get("/staff/tickets/" + number)
                .with(httpBasic("agent", "agent"))).andReturn().getResponse().getContentAsString());
        assertThat(staffPage.select("#answer-recipients").text()).isEqualTo("Mailed to " + dora + ", " + olga);
        assertThat(staffPage.select("#answer-requester-left").text()).isEqualTo(notice);
        assertThat(staffPage.text()).contains("We run version 1.2.3.");
        Response staffApi = api.as("agent", "agent").get("/api/staff/tickets/" + number); // also the Tasklist tab's
        assertThat(staffApi.<List<String>>json("$.answerGoesTo")).containsExactly(dora, olga);
        assertThat(staffApi.<String>json("$.requesterLeft")).isEqualTo(notice);
    }

    @Test
    void r22_aRequesterStillAMemberIsMailedAndThePagesSayNothingOfLeaving() throws Exception {
        String number = tickets.file(carl);
        tickets.triage(number, "NORMAL", "team-lifecycle");

        tickets.work(number, "REPLY", "Please rebuild the policy index.");

        assertThat(answersTo(carl, number)).hasSize(1);
        assertThat(answersTo(olga, number)).isEmpty();
        assertThat(portalPage(carl, "/tickets/" + number).select("#requester-left")).isEmpty();
        Response staffApi = api.as("agent", "agent").get("/api/staff/tickets/" + number);
        assertThat(staffApi.<List<String>>json("$.answerGoesTo")).containsExactly(carl);
        assertThat(staffApi.body()).doesNotContain("requesterLeft").doesNotContain("has left");
    }

    @Test
    void r22_withoutAuthorizedContactsTheOwnersAreMailedForARequesterWhoLeft() throws Exception {
        OrgFixture small = fixtures.organization().activeLicence(Product.LIFECYCLE);
        String owner = small.member("owen", true, false);
        String requester = small.contact("rosa");
        String number = tickets.file(requester);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        assertThat(api.as(owner).delete("/api/organizations/" + small.id() + "/members/" + requester).status())
                .isEqualTo(204);

        tickets.work(number, "REPLY", "Please rebuild the policy index.");

        assertThat(answersTo(owner, number)).hasSize(1);
        assertThat(answersTo(requester, number)).isEmpty();
        assertThat(portalPage(owner, "/tickets/" + number).select("#requester-left").text())
                .isEqualTo("The requester has left Org " + small.id() + ", which has no authorized contacts; mail "
                        + "about this ticket goes to its owners.");
    }

    @Test
    void r22_theContactsGetTheSurveyOfASolvedTicketWhoseRequesterLeftAndTheRequestersOldLinkNoLongerOpensIt() {
        String solvedBefore = tickets.file(carl);
        tickets.triage(solvedBefore, "NORMAL", "team-lifecycle");
        tickets.work(solvedBefore, "SOLVE", "The index was rebuilt.");
        String carlsLink = surveyLink(mailbox.to(carl, solvedBefore + "] Solved").get(0).body());
        assertThat(api.anonymous().get(carlsLink).status()).isEqualTo(200);
        String solvedAfter = tickets.file(carl);
        tickets.triage(solvedAfter, "NORMAL", "team-lifecycle");
        remove(carl);

        tickets.work(solvedAfter, "SOLVE", "The index was rebuilt.");

        List<Mailbox.Mail> solved = mailbox.to(dora, solvedAfter + "] Solved");
        assertThat(solved).hasSize(1);
        assertThat(api.anonymous().get(surveyLink(solved.get(0).body())).status()).isEqualTo(200);
        assertThat(mailbox.to(carl, solvedAfter + "] Solved")).isEmpty();
        assertThat(api.anonymous().get(carlsLink).status()).isEqualTo(404);
    }

    /** Removed from Acme by its owner, then invited to Globex with the same address and signed up again. */
    void moveToGlobex(String person) {
        remove(person);
        Response invited = api.as(gina).post("/api/organizations/" + globex.id() + "/members",
                Map.of("email", person, "name", "carl"));
        assertThat(invited.status()).isEqualTo(201);
        List<Mailbox.Mail> invitations = mailbox.to(person, "invites you");
        String token = InvitationTest.token(invitations.get(invitations.size() - 1).body());
        assertThat(api.anonymous().post("/api/invitations/" + token, Map.of("password", NEW_PASSWORD)).status())
                .isEqualTo(204);
    }

    void remove(String person) {
        assertThat(api.as(olga).delete("/api/organizations/" + acme.id() + "/members/" + person).status())
                .isEqualTo(204);
    }

    /** A closed ticket of Dora's that copies {@code person} (a closed ticket keeps its CCs when they leave). */
    String solvedTicketOfDoraCopying(String person) {
        Map<String, Object> request = Tickets.request();
        request.put("cc", List.of(person));
        String number = tickets.file(dora, request);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "SOLVE", "Fixed in 1.2.4.");
        return number;
    }

    List<Mailbox.Mail> answersTo(String address, String number) {
        return mailbox.to(address, number).stream()
                .filter(m -> m.body().contains("Please rebuild the policy index.")).toList();
    }

    static List<String> numbers(Api.Caller caller, String view) {
        Response list = caller.get("/api/tickets?view=" + view);
        assertThat(list.status()).isEqualTo(200);
        return list.json("$.items[*].number");
    }

    Document portalPage(String email, String path) throws Exception {
        MvcResult page = mvc.perform(get(path).with(customer(email))).andReturn();
        assertThat(page.getResponse().getStatus()).as(path).isEqualTo(200);
        return Jsoup.parse(page.getResponse().getContentAsString());
    }

    static org.springframework.test.web.servlet.request.RequestPostProcessor customer(String email) {
        return user(email).roles("CUSTOMER");
    }

    static String surveyLink(String body) {
        Matcher link = Pattern.compile("(?m)^\\s*Good:\\s+\\S*?(/survey/[^?\\s]+\\?rating=\\w+)$").matcher(body);
        assertThat(link.find()).as("survey link in " + body).isTrue();
        return link.group(1);
    }
}
