package org.supportdesk.staffdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

import com.sun.net.httpserver.HttpServer;

/**
 * The staff workspace and a Tasklist card in a real browser (headless Chromium), as README's agent walk-through uses
 * them: find a closed ticket, read it whole, note it; what an agent's menu, the dashboard's 403 page and Tasklist's
 * link to the ticket page show; answering from the ticket page with a file, which the customer's mail carries; and
 * what another site's page cannot do with the agent's login.
 * Profile {@code e2e}; the screenshots of the ticket page, its answer form and the Tasklist card in {@code docs/} come
 * from here ({@code target/screenshots/staff-ticket.png}, {@code staff-answer.png}, {@code tasklist-card.png}).
 */
@SupportDeskTest
class StaffDeskE2E extends org.supportdesk.portal.BrowserTests {

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired Mailbox mailbox;
    @Autowired org.supportdesk.portal.Labels labels;
    @LocalServerPort int port;

    @BeforeEach
    void signedOut() {
        browser.resize(1280, 900);
        browser.signOut();
    }

    @Test
    void anAgentFindsAClosedTicketReadsItWholeAndNotesIt() {
        EngineTime.setNewYork("2026-11-10T10:00"); // a Tuesday
        String rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
        String number = tickets.file(rita, request("Component search is slow after the upgrade",
                "Searching components takes 30 seconds since we upgraded to 1.180."));
        EngineTime.setNewYork("2026-11-10T10:40");
        tickets.triage(number, "HIGH", "team-lifecycle");
        EngineTime.setNewYork("2026-11-10T11:15");
        tickets.work(number, "REQUEST_INFO", "How many components does the application have?");
        EngineTime.setNewYork("2026-11-10T13:00");
        tickets.reply(rita, number, "About 40,000 <components>.");
        EngineTime.setNewYork("2026-11-10T14:30");
        tickets.work(number, "SOLVE", "Rebuild the search index (Admin > Search > Rebuild); it is fast again.");

        // the agent reads in Berlin, the customer writes in New York: one zone per reader, the customer's beside it
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setTimezoneOverride",
                Map.of("timezoneId", "Europe/Berlin"));
        try {
            readsWholeAndNotes(number);
        } finally {
            ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setTimezoneOverride",
                    Map.of("timezoneId", ""));
        }
    }

    private void readsWholeAndNotes(String number) {
        browser.signInAsStaff("agent", "agent");
        browser.open("/staff");
        assertThat(browser.text("nav.main-nav")).contains("Search tickets", "Tasklist")
                .doesNotContain("Dashboard", "Cockpit");
        browser.type("#q", "component search slow");
        browser.choose("#status", "CLOSED");
        browser.submit("form.search-form button[type=submit]");

        assertThat(browser.text("table.results")).contains(number, "Component search is slow after the upgrade",
                "CLOSED (SOLVED)", "team-lifecycle");
        browser.screenshot("staff-search");
        browser.submit("a.ticket-link[href='/staff/tickets/" + number + "']");

        assertThat(browser.text("h1")).isEqualTo(number + " Component search is slow after the upgrade");
        assertThat(browser.text("#status")).contains("CLOSED");
        assertThat(browser.present("#cockpit-link")).isFalse();
        assertThat(browser.text("nav.main-nav")).doesNotContain("Dashboard", "Cockpit");
        assertThat(browser.text("#conversation .from-customer .text")).isEqualTo("About 40,000 <components>.");
        assertThat(browser.text("#customer-zone")).isEqualTo("(America/New_York)");
        assertThat(browser.text("#team")).isEqualTo("Lifecycle team"); // as Tasklist and the forms name the queue
        assertThat(browser.text("#priority")).isEqualTo(labels.priority(org.supportdesk.ticket.Priority.HIGH));
        assertThat(browser.text(".facts time")).isEqualTo("Tue 10 Nov 2026 16:00 your time · 10:00 in New York");
        assertThat(browser.text("#conversation .from-customer time"))
                .isEqualTo("Tue 10 Nov 2026 19:00 your time · 13:00 in New York");
        assertThat(browser.text("#timeline time")).endsWith("your time");
        assertThat(browser.text("#conversation")).contains("How many components does the application have?",
                "Rebuild the search index");

        browser.type("#note-body", "Asked again by phone on 5 Dec: the index rebuild helped; see <Admin>.");
        browser.submit("#add-note button[type=submit]");

        WebElement note = browser.find("#conversation .internal-note");
        assertThat(note.findElement(By.cssSelector(".internal-label")).getText())
                .isEqualToIgnoringCase("Internal note · staff only");
        assertThat(note.findElement(By.cssSelector(".text")).getText())
                .isEqualTo("Asked again by phone on 5 Dec: the index rebuild helped; see <Admin>.");
        assertThat(note.getCssValue("background-color"))
                .isNotEqualTo(browser.find("#conversation .from-support").getCssValue("background-color"));
        assertThat(browser.text("#timeline")).contains("Routed to team-lifecycle", "Triage ticket completed by agent",
                "Status PENDING: information asked for", "First response given within the target",
                "Customer wrote in the conversation", "Status CLOSED: solved", "Internal note");
        browser.screenshot("staff-ticket");
    }

    @Test
    void anAgentAnswersFromTheTicketPageWithAFileAndTheCustomersMailCarriesIt() throws Exception {
        EngineTime.setNewYork("2026-11-12T10:00"); // a Thursday
        OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        String rita = org.owner("rita");
        String bob = org.member("bob", false, false);
        Map<String, Object> filed = request("Cleanup policy deletes nothing",
                "The nightly cleanup policy runs, but no <component> is ever deleted.");
        filed.put("cc", List.of(bob));
        String number = tickets.file(rita, filed);
        EngineTime.setNewYork("2026-11-12T10:30");
        tickets.triage(number, "HIGH", "team-lifecycle");
        Path steps = Files.createDirectories(Path.of("target", "e2e-files")).resolve("cleanup-steps.txt");
        Files.writeString(steps, "1. Open Admin > Cleanup\n2. Set 'Last downloaded' to 30 days\n3. Run it now\n");

        browser.signInAsStaff("agent", "agent");
        browser.open("/staff/tickets/" + number);
        assertThat(browser.text("#answer-recipients")).isEqualTo("Mailed to rita <" + rita + ">, copied to " + bob);
        assertThat(browser.displayed("#answer-note")).as("only for an internal note").isFalse();
        browser.click("label[for=answer-action-NOTE]");
        assertThat(browser.displayed("#answer-note")).isTrue();
        browser.click("label[for=answer-action-REPLY]");
        assertThat(browser.displayed("#answer-note")).isFalse();
        browser.type("#answer-reply", "The policy only deletes components nobody downloaded for 30 days;"
                + " the attached steps set it up. Run it once by hand to check.");
        browser.attach("#answer-files", steps);
        browser.screenshotOf("#answer", "staff-answer");
        browser.submit("#answer button[type=submit]");

        assertThat(browser.path()).isEqualTo("/staff/tickets/" + number + "?answered=REPLY#answer");
        assertThat(browser.text("#answer-result")).isEqualTo("Your answer was mailed to " + rita + ", " + bob
                + ". The ticket stays open.");
        WebElement answer = browser.driver().findElements(By.cssSelector("#conversation .from-support")).stream()
                .reduce((first, second) -> second).orElseThrow();
        assertThat(answer.findElement(By.cssSelector(".text")).getText()).startsWith("The policy only deletes");
        assertThat(answer.findElement(By.cssSelector(".files a")).getText()).isEqualTo("cleanup-steps.txt");
        assertThat(browser.text("#attachments")).contains("cleanup-steps.txt");
        Mailbox.Mail mail = mailbox.to(rita, "Re: [" + number + "]").stream().reduce((a, b) -> b).orElseThrow();
        assertThat(mail.body()).contains("The policy only deletes components nobody downloaded for 30 days");
        assertThat(mail.attachments()).containsOnlyKeys("cleanup-steps.txt");
        assertThat(mail.attachments().get("cleanup-steps.txt")).isEqualTo(Files.readAllBytes(steps));
    }

    @Test
    void anAgentOpeningTheDashboardIsToldWhoMayOpenItAndFindsTheWayBack() {
        browser.signInAsStaff("agent", "agent");
        browser.open("/staff/dashboard");

        assertThat(browser.text("h1")).isEqualTo("Not allowed");
        assertThat(browser.text("#detail"))
                .startsWith("The dashboard is for support managers (group support-managers).");
        assertThat(browser.present("head link[href='/css/staff.css']")).isTrue(); // the staff layout
        assertThat(browser.displayed("header.staff-bar")).isTrue();
        assertThat(browser.text("nav.main-nav")).doesNotContain("Dashboard", "Cockpit");
        browser.screenshot("staff-refused", 1280, 450);
        browser.submit("#way-back");
        assertThat(browser.path()).isEqualTo("/staff");
        assertThat(browser.text("h1")).isEqualTo("Search tickets");
    }

    @Test
    void aTasklistTaskLinksToItsTicketPageNotToCockpit() {
        EngineTime.setNewYork("2026-11-02T09:10"); // early: among the first cards of the agent's list
        String rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
        String number = tickets.file(rita, request("Policy import stops at 50 rules",
                "Importing our policy file stops after the first 50 rules."));

        browser.open("/camunda/app/tasklist/default/");
        browser.type("input[type=text]", "agent");
        browser.type("input[type=password]", "agent");
        browser.click("button[type=submit]");
        // the list loads after the filters; on a busy machine that takes a while
        new WebDriverWait(browser.driver(), Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    for (WebElement task : d.findElements(By.cssSelector(".tasks-list h4.task a"))) {
                        if (task.getText().startsWith("Triage " + number + ":")) {
                            task.click();
                            return true;
                        }
                    }
                    return false;
                });

        WebElement link = new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d ->
                d.findElements(By.cssSelector(".task-card .names a.ticket-page-link")).stream()
                        .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(browser.text(".task-card h2.task")).startsWith("Triage " + number + ":");
        assertThat(link.getAttribute("href")).isEqualTo("http://localhost:" + port + "/staff/tickets/" + number);
        assertThat(link.getText()).isEqualTo("Ticket page");
        assertThat(link.getAttribute("target")).isEqualTo("_blank");
        assertThat(browser.driver().findElements(By.cssSelector(".task-card .names a.instance-link")))
                .as("Tasklist's own link, to Cockpit, is there but not shown").singleElement()
                .satisfies(cockpit -> assertThat(cockpit.isDisplayed()).isFalse());
        browser.screenshot("tasklist-ticket-link", 1280, 700);

        browser.signInAsStaff("agent", "agent"); // as the browser asks for the staff login when the link opens
        browser.driver().get(link.getAttribute("href"));
        assertThat(browser.text("h1")).isEqualTo(number + " Policy import stops at 50 rules");
    }

    @Test
    void aTasklistCardNamesTheTicketAndShowsItsTarget() {
        EngineTime.setNewYork("2026-11-02T09:05"); // earlier than every other test's ticket: the first card
        String rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
        String number = tickets.file(rita, request("Evaluation fails after the upgrade to 1.180",
                "Evaluating the default policy fails with an error since the upgrade."));

        browser.open("/camunda/app/tasklist/default/");
        browser.type("input[type=text]", "agent");
        browser.type("input[type=password]", "agent");
        browser.click("button[type=submit]");

        // the list loads after the filters; on a busy machine that takes a while
        String card = new WebDriverWait(browser.driver(), Duration.ofSeconds(90)).until(d -> {
            String list = d.findElement(By.cssSelector(".tasks-list")).getText();
            return list.contains("Triage " + number + ": Evaluation fails after the upgrade to 1.180") ? list : null;
        });
        assertThat(card).contains("Support ticket", "Ticket:", number, "Priority:", "NORMAL");
        assertThat(browser.text(".task-filters")).contains("My team's tasks");
        browser.screenshot("tasklist-card", 1280, 700);
    }

    @Test
    void aFormOnAnotherSitesPageCannotAcceptMailWithTheLoginTheAgentsBrowserSends() throws Exception {
        long id = unverifiedMail();
        String accept = "http://localhost:" + port + "/api/staff/inbound-mail/" + id + "/accept";
        // a page of another site (another origin: 127.0.0.1 and a port of its own) that posts a form at once
        HttpServer otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherSite.createContext("/", exchange -> {
            byte[] page = ("<!doctype html><form method=post action='" + accept + "'></form>"
                    + "<script>document.forms[0].submit()</script>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherSite.start();
        try {
            browser.signInAsStaff("agent", "agent"); // sent with every request, as a stored login is

            browser.driver().get("http://127.0.0.1:" + otherSite.getAddress().getPort() + "/cats.html");

            String answer = new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(d -> d.getCurrentUrl().equals(accept) ? d.findElement(By.tagName("body")).getText() : null);
            assertThat(answer).contains("urn:support-desk:problem:cross-site-request",
                    "another site (http://127.0.0.1:" + otherSite.getAddress().getPort() + ")");
            assertThat(jdbc.sql("select status from inbound_mail where id = ?").param(id).query(String.class).single())
                    .isEqualTo("UNVERIFIED");
        } finally {
            otherSite.stop(0);
        }
    }

    /** A mail whose sender nobody vouched for, waiting for staff to accept it. */
    private long unverifiedMail() {
        String key = java.util.UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into inbound_mail (mailbox, message_key, message_id, sender, subject, size_bytes, raw,
                                                  received_at, status, outcome)
                        values ('support@support.example', ?, ?, 'paula@example.org', 'Hello', 5, ?, ?, 'UNVERIFIED',
                                'no Authentication-Results')""")
                .params(key, "<" + key + "@example.org>", "Hello".getBytes(StandardCharsets.UTF_8),
                        java.time.OffsetDateTime.now())
                .update();
        return jdbc.sql("select id from inbound_mail where message_key = ?").param(key).query(Long.class).single();
    }

    private static Map<String, Object> request(String summary, String description) {
        Map<String, Object> request = Tickets.request();
        request.put("summary", summary);
        request.put("description", description);
        return request;
    }
}
