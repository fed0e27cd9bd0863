package org.supportdesk.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * The manager dashboard (issue #14): a known set of tickets gives known figures. The test database is shared with
 * other tests, so figures are read before and after and compared by their difference, or filtered to this test's
 * tickets by filing day (a day no other test files on).
 */
@SupportDeskTest
class DashboardTest {

    @Autowired Api api;
    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Jobs jobs;
    @Autowired Dashboard dashboard;
    @Autowired org.supportdesk.ticket.TicketRepository repository;
    @Autowired org.supportdesk.ticket.RatingLinks ratingLinks;
    @Autowired org.supportdesk.survey.Satisfaction satisfaction;

    String rita;

    @BeforeEach
    void organisation() {
        rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
    }

    @Test
    void openTicketsByTeamAndPriorityAndThePendingCountFollowTheTickets() {
        Dashboard.Filter all = dashboard.filter("team-lifecycle", null, null);
        long[] before = lifecycleOpen(all);
        Dashboard.Now nowBefore = dashboard.now(all);
        EngineTime.setNewYork("2026-12-01T10:00");
        String high = tickets.file(rita);
        tickets.triage(high, "HIGH", "team-lifecycle");
        String pending = tickets.file(rita);
        tickets.triage(pending, "NORMAL", "team-lifecycle");
        tickets.work(pending, "REQUEST_INFO", "Which version?");
        String solved = tickets.file(rita);
        tickets.triage(solved, "NORMAL", "team-lifecycle");
        tickets.work(solved, "SOLVE", "Done.");
        tickets.file(rita); // waits for triage: NORMAL, unassigned task

        long[] after = lifecycleOpen(all);
        assertThat(after[0] - before[0]).as("HIGH").isEqualTo(1);
        assertThat(after[1] - before[1]).as("NORMAL (pending + waiting for triage)").isEqualTo(2);
        Dashboard.Now now = dashboard.now(all);
        assertThat(now.open() - nowBefore.open()).isEqualTo(3);
        assertThat(now.pending() - nowBefore.pending()).isEqualTo(1);
        assertThat(now.unassigned() - nowBefore.unassigned()).isEqualTo(1);
    }

    @Test
    void aBreachOfAClosedTicketIsListedAndTheDaysCountFiledAndSolved() {
        EngineTime.setNewYork("2026-10-06T10:00"); // a day only this test files on
        String late = tickets.file(rita, Map.of("product", "LIFECYCLE", "topic", "CONFIGURATION",
                "concernType", "PROBLEM", "summary", "=SUM(1) late", "description", "Nobody answered in time.",
                "businessImpact", "NORMAL"));
        jobs.fire(jobs.timer(tickets.process(late).getId(), SupportTicketDiagram.FIRST_RESPONSE_TIMER));
        EngineTime.setNewYork("2026-10-07T11:00");
        tickets.triage(late, "NORMAL", "team-lifecycle");
        tickets.work(late, "SOLVE", "Sorry for the wait; fixed.");
        EngineTime.setNewYork("2026-10-06T12:00");
        String onTime = tickets.file(rita);

        Dashboard.Filter day = dashboard.filter(null, java.time.LocalDate.parse("2026-10-06"),
                java.time.LocalDate.parse("2026-10-07"));
        assertThat(dashboard.breaches(day).rows()).extracting(row -> row.get(0)).contains(late).doesNotContain(onTime);
        assertThat(dashboard.breaches(day).rows()).filteredOn(row -> row.get(0).equals(late))
                .singleElement().satisfies(row -> assertThat(row.get(4)).isEqualTo("CLOSED (SOLVED)"));
        List<Dashboard.Bucket> days = dashboard.trend(day);
        assertThat(days).extracting(Dashboard.Bucket::start, Dashboard.Bucket::filed, Dashboard.Bucket::solved)
                .containsExactly(
                org.assertj.core.groups.Tuple.tuple(java.time.LocalDate.parse("2026-10-06"), 2L, 0L),
                org.assertj.core.groups.Tuple.tuple(java.time.LocalDate.parse("2026-10-07"), 0L, 1L));

        Api.Response csv = manager().get("/staff/dashboard/breaches.csv?from=2026-10-06&to=2026-10-07");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\"Ticket\",\"Summary\",\"Team\",\"Priority\",\"Status\",\"Organisation\","
                        + "\"Filed\"\r\n")
                .contains("\"" + late + "\",\"'=SUM(1) late\",\"team-lifecycle\",\"NORMAL\",\"CLOSED (SOLVED)\",");
        assertThat(csv.headers().getFirst("Content-Disposition")).contains("attachment",
                "support-desk-breaches-2026-10-06-2026-10-07.csv");
    }

    /**
     * Excel in a locale whose list separator is {@code ;} (much of Europe) would split an unquoted
     * {@code note;=1+1} and run {@code =1+1}; the summary a customer wrote comes out quoted and as text.
     */
    @Test
    void aSummaryTheCustomerWroteComesOutOfTheCsvQuotedAndAsTextInEveryLocale() {
        EngineTime.setNewYork("2026-10-13T10:00"); // a day only this test files on
        String ticket = tickets.file(rita, Map.of("product", "LIFECYCLE", "topic", "CONFIGURATION",
                "concernType", "PROBLEM", "summary", "note;=1+1 \"quoted\", @x",
                "description", "A summary made to run in a spreadsheet.", "businessImpact", "NORMAL"));
        jobs.fire(jobs.timer(tickets.process(ticket).getId(), SupportTicketDiagram.FIRST_RESPONSE_TIMER));

        Api.Response csv = manager().get("/staff/dashboard/breaches.csv?from=2026-10-13&to=2026-10-13");

        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith("\"" + ticket + "\",\"'note;=1+1 \"\"quoted\"\", @x\",\"team-lifecycle\",");
        assertThat(lines[1].split("\",\"")).as("seven cells, each in quotes").hasSize(7);
        assertThat(lines[1]).endsWith("\"");
    }

    @Test
    void theOldestOpenTicketOfATeamIsItsLongestWaitingOneThatIsStillOpen() {
        EngineTime.setNewYork("2026-12-01T10:00");
        String first = tickets.file(rita);
        tickets.triage(first, "NORMAL", "team-accounts");
        String second = tickets.file(rita);
        tickets.triage(second, "HIGH", "team-accounts");
        tickets.work(second, "SOLVE", "Done.");
        String third = tickets.file(rita);
        tickets.triage(third, "NORMAL", "team-accounts");

        // other tests' tickets may wait in this queue longer: the oldest is this test's first or older, never later
        List<List<String>> rows = dashboard.oldestOpen(dashboard.filter("team-accounts", null, null)).rows();
        assertThat(rows).as("one row per team").hasSize(1);
        List<String> oldest = rows.get(0);
        assertThat(oldest.get(0)).isEqualTo("team-accounts");
        assertThat(id(oldest.get(1))).isLessThanOrEqualTo(id(first));
        assertThat(oldest.get(3)).isIn("NEW", "OPEN", "PENDING");
        assertThat(dashboard.oldestOpen(dashboard.filter(null, null, null)).rows()).extracting(row -> row.get(0))
                .doesNotHaveDuplicates().contains("team-accounts");
    }

    private static long id(String number) {
        return org.supportdesk.ticket.TicketNumber.parse(number).orElseThrow();
    }

    /**
     * A known week (no other test files then) of an organisation in New York (US holidays, 9:00-17:00): four tickets
     * filed on Friday 5 March 2027, answered and solved over the weekend into the next week.
     */
    @Test
    void theTrendGivesFirstResponseMetAndBusinessTimeMediansAndTheRatingsPerTeamAndAgent() {
        String monday = "2027-03-08T";
        EngineTime.setNewYork("2027-03-05T10:00");
        String d = tickets.file(rita);
        // firing moves the clock to the timer's due date: done while no other of these tickets waits on one
        jobs.fire(jobs.timer(tickets.process(d).getId(), SupportTicketDiagram.FIRST_RESPONSE_TIMER));
        EngineTime.setNewYork("2027-03-05T10:00");
        tickets.triage(d, "HIGH", "team-lifecycle"); // breached
        String a = tickets.file(rita);
        tickets.triage(a, "NORMAL", "team-lifecycle");
        EngineTime.setNewYork("2027-03-05T11:00");
        tickets.work(a, "SOLVE", "Done."); // first response and solved after 1 business hour
        rate(a, "good", "2027-03-05T12:00");
        EngineTime.setNewYork("2027-03-05T15:00");
        String b = tickets.file(rita);
        tickets.triage(b, "NORMAL", "team-lifecycle");
        EngineTime.setNewYork("2027-03-05T16:00");
        String c = tickets.file(rita);
        tickets.completeAs("agent2", AGENT2_GROUPS, c, Map.of("priority", "NORMAL", "team", "team-lifecycle"));
        EngineTime.setNewYork(monday + "09:30");
        tickets.work(d, "REPLY", "Looking at it."); // 7 + 0.5 = 7.5 business hours, 71.5 on the clock
        EngineTime.setNewYork(monday + "11:00");
        tickets.work(b, "REPLY", "Which version?"); // 2 + 2 = 4 business hours, 68 on the clock
        EngineTime.setNewYork(monday + "15:00");
        tickets.completeAs("agent2", AGENT2_GROUPS, c,
                Map.of("action", "SOLVE")); // 1 + 6 = 7 business hours, 71 on the clock
        rate(c, "bad", monday + "17:00");
        EngineTime.setNewYork("2027-03-09T10:00");
        tickets.work(b, "SOLVE", "Upgrade to 1.2."); // 2 + 8 + 1 = 11 business hours to solve
        rate(b, "good", "2027-03-09T11:00");

        Dashboard.Filter days = dashboard.filter("team-lifecycle", java.time.LocalDate.parse("2027-03-05"),
                java.time.LocalDate.parse("2027-03-09"));
        assertThat(Dashboard.trendTable(dashboard.trend(days), days.by()).rows()).containsExactly(
                // day, filed, solved, met %, next reply met %, median first response, median to solve, good %
                List.of("2027-03-05", "4", "1", "75", "", "5.5", "1.0", "100"),
                List.of("2027-03-06", "0", "0", "", "", "", "", ""),
                List.of("2027-03-07", "0", "0", "", "", "", "", ""),
                List.of("2027-03-08", "0", "1", "", "", "", "7.0", "0"),
                List.of("2027-03-09", "0", "1", "", "", "", "11.0", "100"));
        Dashboard.Filter weeks = dashboard.filter("team-lifecycle", java.time.LocalDate.parse("2027-03-05"),
                java.time.LocalDate.parse("2027-03-09"), Dashboard.Period.WEEK);
        assertThat(Dashboard.trendTable(dashboard.trend(weeks), weeks.by()).rows()).containsExactly(
                List.of("2027-03-01", "4", "1", "75", "", "5.5", "1.0", "100"),
                List.of("2027-03-08", "0", "2", "", "", "", "9.0", "50"));

        assertThat(dashboard.firstResponseByPriority(days).rows()).containsExactly(
                // priority, filed, met, breached, waiting, met %, median first response; no customer replies
                List.of("HIGH", "1", "0", "1", "0", "0", "7.5", "0", "0", "0", "0", ""),
                List.of("NORMAL", "3", "3", "0", "0", "100", "4.0", "0", "0", "0", "0", ""));
        assertThat(dashboard.satisfaction(days, false).rows())
                .containsExactly(List.of("team-lifecycle", "2", "1", "67"));
        assertThat(dashboard.satisfaction(days, true).rows())
                .containsExactly(List.of("agent", "2", "0", "100"), List.of("agent2", "0", "1", "0"));

        Api.Response page = manager().get("/staff/dashboard?team=team-lifecycle&from=2027-03-05&to=2027-03-09&by=week");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Trend per week (from Monday)", "<td>9.0</td>", "Satisfaction per agent",
                "<td>agent2</td>", "First response and next reply per priority",
                "href=\"/staff/dashboard/response.csv?from=2027-03-05&amp;to=2027-03-09&amp;by=week&amp;team=team-lifecycle\"");
        assertThat(manager().get("/staff/dashboard/satisfaction-agents.csv?team=team-lifecycle&from=2027-03-05"
                + "&to=2027-03-09").body()).isEqualTo("""
                "Agent","Good","Bad","Good %"\r
                "agent","2","0","100"\r
                "agent2","0","1","0"\r
                """);
        Api.Response wrong = manager().get("/staff/dashboard?by=month");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("must be day or week");
    }

    /**
     * R11 next reply, in a week no other test works in: four tickets of an organisation in New York answered at
     * filing on Tuesday 1 June 2027, then the customers write back. A reply answered by its due time is met; one
     * answered late, or still unanswered after it, is breached; one not yet due waits.
     */
    @Test
    void nextRepliesAnsweredByTheirDueTimeAreMetAndLateOrUnansweredOnesBreached() {
        EngineTime.setNewYork("2027-06-01T10:00");
        String a = answered("NORMAL", "REQUEST_INFO");
        String b = answered("NORMAL", "REPLY");
        String c = answered("NORMAL", "REPLY");
        String d = answered("HIGH", "REQUEST_INFO");
        customerWrites(a, "2027-06-01T11:00"); // due Wednesday 11:00
        customerWrites(b, "2027-06-01T11:00"); // due Wednesday 11:00
        customerWrites(c, "2027-06-01T12:00"); // due Wednesday 12:00
        EngineTime.setNewYork("2027-06-01T15:00");
        tickets.work(a, "REPLY", "Fixed in 1.2.4."); // met
        customerWrites(d, "2027-06-02T14:00"); // HIGH: due Thursday 10:00
        EngineTime.setNewYork("2027-06-03T09:00");
        tickets.work(b, "REPLY", "Sorry for the wait: fixed in 1.2.4."); // breached; c is still unanswered

        EngineTime.setNewYork("2027-06-03T09:30");
        Dashboard.Filter days = dashboard.filter("team-lifecycle", java.time.LocalDate.parse("2027-06-01"),
                java.time.LocalDate.parse("2027-06-03"));
        assertThat(Dashboard.trendTable(dashboard.trend(days), days.by()).rows()).containsExactly(
                // day, filed, solved, met %, next reply met %, median first response, median to solve, good %
                List.of("2027-06-01", "4", "0", "100", "33", "0.0", "", ""),
                List.of("2027-06-02", "0", "0", "", "", "", "", ""),
                List.of("2027-06-03", "0", "0", "", "", "", "", ""));
        assertThat(dashboard.firstResponseByPriority(days).rows()).containsExactly(
                // priority, filed, met, breached, waiting, met %, median first response,
                // replies, next reply met, breached, waiting, met %
                List.of("HIGH", "1", "1", "0", "0", "100", "0.0", "1", "0", "0", "1", ""),
                List.of("NORMAL", "3", "3", "0", "0", "100", "0.0", "3", "1", "2", "0", "33"));

        EngineTime.setNewYork("2027-06-03T10:30"); // d's due time has passed unanswered
        Api.Response csv = manager().get("/staff/dashboard/response.csv?team=team-lifecycle&from=2027-06-01"
                + "&to=2027-06-03");
        assertThat(csv.body()).isEqualTo("""
                "Priority","Filed","Met","Breached","Waiting","Met %","Median first response (business hours)",\
                "Replies","Next reply met","Next reply breached","Next reply waiting","Next reply met %"\r
                "HIGH","1","1","0","0","100","0.0","1","0","1","0","0"\r
                "NORMAL","3","3","0","0","100","0.0","3","1","2","0","33"\r
                """);
        Api.Response page = manager().get("/staff/dashboard?team=team-lifecycle&from=2027-06-01&to=2027-06-03");
        assertThat(page.body()).contains("First response and next reply per priority", "<th scope=\"col\">Next reply"
                + " met %</th>", "<td>33</td>");
    }

    /** Filed now, triaged to {@code priority} and given its first response ({@code action}). */
    private String answered(String priority, String action) {
        String number = tickets.file(rita);
        tickets.triage(number, priority, "team-lifecycle");
        tickets.work(number, action, "Which version do you run?");
        return number;
    }

    private void customerWrites(String number, String newYorkTime) {
        EngineTime.setNewYork(newYorkTime);
        assertThat(tickets.reply(rita, number, "We run 1.2.3.").status()).isEqualTo(201);
    }

    private static final List<String> AGENT2_GROUPS = List.of("support-agents", "team-lifecycle");

    private void rate(String number, String rating, String newYorkTime) {
        EngineTime.setNewYork(newYorkTime);
        org.supportdesk.ticket.Ticket ticket = repository.findByNumber(number).orElseThrow();
        String link = ratingLinks.of(ticket, rita).good();
        satisfaction.rate(link.substring(link.indexOf("/survey/") + 8, link.indexOf('?')), rating);
    }

    @Test
    void thePageIsForManagersAndLinksEachTicket() {
        EngineTime.setNewYork("2026-10-08T10:00");
        String late = tickets.file(rita);
        jobs.fire(jobs.timer(tickets.process(late).getId(), SupportTicketDiagram.FIRST_RESPONSE_TIMER));

        Api.Response page = manager().get("/staff/dashboard?from=2026-10-08&to=2026-10-08");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<svg", "Trend per day", "href=\"/staff/tickets/" + late + "\"",
                "href=\"/staff/dashboard/breaches.csv?from=2026-10-08&amp;to=2026-10-08\"");
        assertThat(api.as("agent", "agent").get("/staff/dashboard").status()).isEqualTo(403);
        assertThat(api.as("agent", "agent").get("/staff/dashboard/open.csv").status()).isEqualTo(403);
        assertThat(api.anonymous().get("/staff/dashboard").status()).isEqualTo(401);
        assertThat(manager().get("/staff/dashboard/nothing.csv").status()).isEqualTo(404);
        assertThat(manager().get("/staff/dashboard?from=2026-13-01").status()).isEqualTo(400);
    }

    @Test
    void anAgentOrOnCallEngineerOpeningTheDashboardGetsAStaffPageThatSaysWhoMayOpenIt() {
        for (String login : List.of("agent", "oncall", "backup")) {
            for (String path : List.of("/staff/dashboard", "/staff/dashboard/open.csv")) {
                Api.Response refused = api.as(login, login).get(path);

                assertThat(refused.status()).as(login + " " + path).isEqualTo(403);
                assertThat(refused.contentType()).startsWith("text/html");
                assertThat(refused.headers().getFirst("Content-Security-Policy")).contains("script-src 'self'");
                org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(refused.body());
                assertThat(page.select("link[rel=stylesheet]").eachAttr("href")).contains("/css/staff.css");
                assertThat(page.select("header.staff-bar .brand").text()).isEqualTo("SD Support Desk · staff");
                assertThat(page.select("h1").text()).isEqualTo("Not allowed");
                assertThat(page.select("#detail").text()).isEqualTo("The dashboard is for support managers (group "
                        + "support-managers). Ask a manager for the figures you need, or to add you to the group if "
                        + "your work needs them.");
                assertThat(page.select("#way-back").text()).isEqualTo("Search tickets");
                assertThat(page.select("#way-back").attr("href")).isEqualTo("/staff");
                assertThat(page.select("nav.main-nav a").eachText()).containsExactly("Search tickets", "Tasklist");
                assertThat(refused.body()).doesNotContain("Go to the support portal", "Whitelabel");
            }
        }
        Api.Response problem = api.as("agent", "agent").post("/api/staff/organizations", "{}");
        assertThat(problem.status()).isEqualTo(403);
        assertThat(problem.contentType()).startsWith("application/problem+json");
        assertThat(problem.body()).contains("urn:support-desk:problem:access-denied");
    }

    private long[] lifecycleOpen(Dashboard.Filter filter) {
        Dashboard.Table table = dashboard.openByTeamAndPriority(filter);
        List<String> row = table.rows().stream().filter(r -> r.get(0).equals("team-lifecycle")).findFirst()
                .orElse(List.of("team-lifecycle", "0", "0", "0", "0", "0"));
        int high = table.columns().indexOf("HIGH");
        int normal = table.columns().indexOf("NORMAL");
        return new long[]{Long.parseLong(row.get(high)), Long.parseLong(row.get(normal))};
    }

    private Api.Caller manager() {
        return api.as("manager", "manager");
    }
}
