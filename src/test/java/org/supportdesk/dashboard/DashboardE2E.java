package org.supportdesk.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.survey.Satisfaction;
import org.supportdesk.ticket.RatingLinks;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * The manager dashboard in a real browser (headless Chromium), as README's managers' section shows it: two weeks of
 * a team's tickets (filed, answered, solved, one breach, ratings), filtered by team and shown by day. Profile
 * {@code e2e}; {@code docs/dashboard.png} and {@code docs/dashboard-full.png} come from here ({@code target/screenshots/}).
 */
@SupportDeskTest
class DashboardE2E extends org.supportdesk.portal.BrowserTests {

    static final java.util.List<String> AGENT_GROUPS = java.util.List.of("support-agents", "team-lifecycle");

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Jobs jobs;
    @Autowired TicketRepository repository;
    @Autowired RatingLinks ratingLinks;
    @Autowired Satisfaction satisfaction;



    @Test
    void aManagerSeesTheTeamsTwoWeeksFiguresAndChart() {
        String rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
        // April 2027, days no other browser test files on: Monday 5 to Friday 16
        EngineTime.setNewYork("2027-04-05T09:30");
        String late = tickets.file(rita, request("Upgrade to 1.180 stops at step 3"));
        jobs.fire(jobs.timer(tickets.process(late).getId(), SupportTicketDiagram.FIRST_RESPONSE_TIMER));
        String[] summaries = {"Policy evaluation fails", "Report export is empty", "Licence key not accepted",
                "Slow component search", "Mail notifications missing", "SSO login loops", "Audit log gaps"};
        int n = 0;
        for (int day = 5; day <= 16; day++) {
            if (day == 10 || day == 11) {
                continue; // the weekend
            }
            String date = "2027-04-%02d".formatted(day);
            for (int i = 0; i < 1 + day % 3; i++) {
                EngineTime.setNewYork(date + "T1" + i + ":00");
                String number = tickets.file(rita, request(summaries[n++ % summaries.length]));
                String agent = n % 3 == 0 ? "paul" : "agent"; // two agents
                tickets.completeAs(agent, AGENT_GROUPS, number,
                        Map.of("priority", i == 0 ? "HIGH" : "NORMAL", "team", "team-lifecycle"));
                if (i == 0) { // answered at once, the customer writes back: a next reply, due 4 business hours later
                    tickets.completeAs(agent, AGENT_GROUPS, number,
                            Map.of("action", "REPLY", "reply", "Which version do you run?"));
                    EngineTime.setNewYork(date + "T10:30");
                    assertThat(tickets.reply(rita, number, "Version 1.2.3.").status()).isEqualTo(201);
                }
                EngineTime.setNewYork(date + "T%02d:%02d".formatted(11 + i + (day + i) % 4, day * 7 % 60));
                tickets.completeAs(agent, AGENT_GROUPS, number, Map.of("action", "SOLVE"));
                rate(rita, number, n % 4 == 0 ? "bad" : "good");
            }
        }
        EngineTime.setNewYork("2027-04-16T16:00");
        tickets.triage(late, "NORMAL", "team-lifecycle");
        tickets.work(late, "REPLY", "Sorry for the wait: which database do you use?");

        browser.resize(1280, 900);
        browser.signInAsStaff("manager", "manager");
        browser.open("/staff/dashboard?team=team-lifecycle&from=2027-04-05&to=2027-04-16");

        assertThat(browser.text("h1")).isEqualTo("Dashboard");
        assertThat(browser.find("#trend svg.chart").findElements(org.openqa.selenium.By.cssSelector("rect")))
                .hasSize(2 * 12);
        assertThat(browser.text("#trend table")).contains("2027-04-05", "2027-04-16")
                .containsIgnoringCase("Next reply met %");
        assertThat(browser.text("#response")).contains("HIGH", "NORMAL").containsIgnoringCase("Next reply breached");
        assertThat(browser.text("#satisfaction-teams")).contains("team-lifecycle");
        assertThat(browser.text("#satisfaction-agents")).contains("agent", "paul");
        assertThat(browser.text("#breaches")).contains(late, "Upgrade to 1.180 stops at step 3");
        browser.screenshot("dashboard", 1280, 1700);
        browser.screenshot("dashboard-full");
    }

    private void rate(String requester, String number, String rating) {
        String link = ratingLinks.of(repository.findByNumber(number).orElseThrow(), requester).good();
        satisfaction.rate(link.substring(link.indexOf("/survey/") + 8, link.indexOf('?')), rating);
    }

    private static Map<String, Object> request(String summary) {
        Map<String, Object> request = Tickets.request();
        request.put("summary", summary);
        return request;
    }
}
