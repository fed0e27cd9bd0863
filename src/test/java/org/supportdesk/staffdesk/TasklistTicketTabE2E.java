package org.supportdesk.staffdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

/**
 * The "Ticket" tab of a task in Tasklist (issue #22) in a real browser (headless Chromium, profile {@code e2e}), as
 * an agent uses it: signed in to Tasklist only, they open a ticket's task and read the ticket whole, select and copy
 * its text, and download the customer's file. The screenshot in {@code docs/tasklist-ticket-tab.png} comes from
 * here ({@code target/screenshots/tasklist-ticket-tab.png}).
 */
@SupportDeskTest
class TasklistTicketTabE2E extends org.supportdesk.portal.BrowserTests {

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired StaffDesk desk;

    Path downloads;

    @BeforeEach
    void signedOutInBerlin() throws Exception {
        browser.resize(1280, 900);
        browser.signOut();
        // the agent reads in Berlin, the customer writes in New York: one zone per reader
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setTimezoneOverride",
                Map.of("timezoneId", "Europe/Berlin"));
        downloads = Files.createTempDirectory("tasklist-downloads");
        ((ChromeDriver) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    }

    @AfterEach
    void backToTheMachinesZone() {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
    }

    @Test
    void anAgentReadsTheTicketInTasklistSelectsItsTextAndDownloadsItsFile() throws Exception {
        EngineTime.setNewYork("2026-11-10T10:00"); // a Tuesday
        TestFixtures.OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        String rita = org.owner("rita");
        String carl = org.contact("carl");
        Map<String, Object> request = Tickets.request();
        request.put("summary", "Policy evaluation fails after the upgrade");
        request.put("description", "Since the upgrade to 1.180 evaluating the default policy fails.\n"
                + "The log is attached.");
        request.put("cc", List.of(carl));
        byte[] log = "2026-11-10 09:58:01 ERROR PolicyEvaluator: evaluation failed\n<html>a log line</html>\n"
                .getBytes(StandardCharsets.UTF_8);
        String number = tickets.fileWithFile(rita, request, "server.log", log);
        EngineTime.setNewYork("2026-11-10T10:40");
        tickets.triage(number, "HIGH", "team-lifecycle");
        EngineTime.setNewYork("2026-11-10T11:15");
        tickets.work(number, "REQUEST_INFO", "Which version do you run, and on how many nodes?");
        EngineTime.setNewYork("2026-11-10T13:00");
        tickets.reply(rita, number, "We run <b>1.180</b> on two nodes.");
        desk.addNote(number, "agent", "Called Rita: the proxy in front of the nodes was changed too.");
        for (int i = 1; i <= 12; i++) {
            EngineTime.setNewYork("2026-11-10T13:" + (10 + i));
            tickets.reply(rita, number, "Another observation (" + i + "): the evaluation stops at the same rule"
                    + " each time, after about " + (20 + i) + " seconds; nothing else is logged.");
        }
        String task = tickets.task(number).getId();

        signInToTasklist("agent", "agent");
        browser.open("/camunda/app/tasklist/default/#/?task=" + task);
        WebElement tab = new WebDriverWait(browser.driver(), Duration.ofSeconds(90))
                .until(d -> d.findElements(By.cssSelector(".sd-ticket .sd-description")).isEmpty() ? null
                        : d.findElement(By.cssSelector(".sd-ticket")));

        // the tab, first of the task's tabs, shows the ticket whole with human labels
        assertThat(browser.text(".tabbed-content .nav-tabs li.active a")).isEqualTo("Ticket");
        assertThat(browser.text(".sd-ticket .sd-title")).isEqualTo(number + " Policy evaluation fails after the upgrade");
        assertThat(browser.text(".sd-ticket .sd-description"))
                .isEqualTo("Since the upgrade to 1.180 evaluating the default policy fails.\nThe log is attached.");
        assertThat(browser.text(".sd-ticket .sd-status dd")).isEqualTo("Open");
        assertThat(browser.text(".sd-ticket .sd-priority dd")).isEqualTo("High");
        assertThat(browser.text(".sd-ticket .sd-team dd")).isEqualTo("Lifecycle team");
        assertThat(browser.text(".sd-ticket .sd-product dd")).isEqualTo("Lifecycle");
        assertThat(browser.text(".sd-ticket .sd-topic dd")).isEqualTo("Configuration");
        assertThat(browser.text(".sd-ticket .sd-recipients dd")).isEqualTo(rita + ", " + carl);
        // one zone per reader: Berlin for the agent, New York's clock beside it
        assertThat(browser.text(".sd-ticket .sd-filed dd")).startsWith("Tue 10 Nov 2026 16:00 your time · 10:00 in New York");
        assertThat(browser.text(".sd-ticket .sd-first-response dd"))
                .isEqualTo("given Tue 10 Nov 2026 17:15 your time · 11:15 in New York, within the target");
        assertThat(browser.text(".sd-ticket .sd-first-response-target dd"))
                .isEqualTo("Tue 10 Nov 2026 20:00 your time · 14:00 in New York");
        assertThat(browser.text(".sd-ticket .sd-next-reply dd"))
                .isEqualTo("Tue 10 Nov 2026 23:00 your time · 17:00 in New York");
        assertThat(browser.text(".sd-ticket .sd-waiting dd"))
                .isEqualTo("Tue 10 Nov 2026 19:00 your time · 13:00 in New York");

        // the conversation: each message with author, role and time; the customer's HTML shown as text
        List<WebElement> messages = tab.findElements(By.cssSelector(".sd-entries .sd-message"));
        assertThat(messages).hasSize(14);
        WebElement answer = messages.get(0);
        assertThat(answer.getAttribute("class")).contains("sd-from-agent");
        assertThat(answer.findElement(By.cssSelector(".sd-role")).getText()).isEqualTo("agent");
        assertThat(answer.findElement(By.cssSelector(".sd-when")).getText()).isEqualTo("Tue 10 Nov 2026 17:15 your time");
        WebElement customer = messages.get(1);
        assertThat(customer.findElement(By.cssSelector(".sd-author")).getText()).contains(rita);
        assertThat(customer.findElement(By.cssSelector(".sd-role")).getText()).isEqualTo("customer");
        assertThat(customer.findElement(By.cssSelector(".sd-when")).getText())
                .isEqualTo("Tue 10 Nov 2026 19:00 your time · 13:00 in New York");
        WebElement customerText = customer.findElement(By.cssSelector(".sd-text"));
        assertThat(customerText.getText()).isEqualTo("We run <b>1.180</b> on two nodes.");
        assertThat(tab.findElements(By.cssSelector("b"))).isEmpty();
        // the internal note set apart
        WebElement note = tab.findElement(By.cssSelector(".sd-entries .sd-note"));
        assertThat(note.findElement(By.cssSelector(".sd-note-label")).getText()).isEqualToIgnoringCase("Internal note · staff only");
        assertThat(note.findElement(By.cssSelector(".sd-text")).getText())
                .isEqualTo("Called Rita: the proxy in front of the nodes was changed too.");
        assertThat(note.getCssValue("border-top-style")).isEqualTo("dashed");
        // a long conversation scrolls in its box, the newest message in sight
        Map<String, Object> box = script("const box = document.querySelector('.sd-entries');"
                + " return {scrollable: box.scrollHeight > box.clientHeight + 10, overflow: getComputedStyle(box).overflowY,"
                + " atTheEnd: box.scrollTop + box.clientHeight >= box.scrollHeight - 2};");
        assertThat(box).containsEntry("scrollable", true).containsEntry("overflow", "auto")
                .containsEntry("atTheEnd", true);

        // the text is text to select and copy, not a disabled field
        assertThat(tab.findElements(By.cssSelector("textarea, input"))).isEmpty();
        script("arguments[0].scrollIntoView({block: 'center'});", customerText);
        // a double click on its first word, as a person would, selects it
        new Actions(browser.driver()).moveToElement(customerText, -customerText.getSize().getWidth() / 2 + 8, 0)
                .doubleClick().perform();
        assertThat((String) script("return window.getSelection().toString();")).isNotBlank()
                .isSubstringOf("We run <b>1.180</b> on two nodes.");
        new Actions(browser.driver()).click(customerText).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL)
                .perform();
        assertThat((String) script("return window.getSelection().toString();"))
                .contains("We run <b>1.180</b> on two nodes.", "Since the upgrade to 1.180",
                        "Called Rita: the proxy in front of the nodes was changed too.");
        assertThat(customerText.getCssValue("user-select")).isNotEqualTo("none");

        // the file downloads with the Tasklist sign-in alone
        WebElement file = tab.findElement(By.cssSelector(".sd-request .sd-files a.sd-file"));
        assertThat(file.getText()).isEqualTo("server.log");
        Map<String, Object> fetched = asyncScript("const done = arguments[arguments.length - 1];"
                + " fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done({status: r.status,"
                + " disposition: r.headers.get('Content-Disposition'),"
                + " base64: btoa(String.fromCharCode(...new Uint8Array(b)))})));", file.getAttribute("href"));
        assertThat(fetched).containsEntry("status", 200L)
                .containsEntry("disposition", "attachment; filename=\"server.log\"");
        assertThat(Base64.getDecoder().decode((String) fetched.get("base64"))).isEqualTo(log);
        file.click();
        Path downloaded = downloads.resolve("server.log");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> Files.exists(downloaded)
                && Files.isRegularFile(downloaded) && fileSize(downloaded) == log.length);
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(log);

        // and the staff ticket page is one click away
        assertThat(browser.find(".sd-ticket a.sd-staff-page").getAttribute("href"))
                .endsWith("/staff/tickets/" + number);

        // for README: the task's column widened, from the top
        browser.click(".task-details button.maximize");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> {
            long before = ((Number) script("return document.querySelector('.task-details').offsetWidth;")).longValue();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long after = ((Number) script("return document.querySelector('.task-details').offsetWidth;")).longValue();
            return after > 1000 && after == before;
        });
        script("window.getSelection().removeAllRanges();"
                + " for (let e = document.querySelector('.sd-ticket'); e; e = e.parentElement) { e.scrollTop = 0; }");
        browser.screenshot("tasklist-ticket-tab", 1280, 1100);
    }

    @Test
    void r14_thePendingTaskShowsItsTicketTabAndTheWorkFormSaysWhatFinishesTheWait() throws Exception {
        EngineTime.setNewYork("2026-11-10T10:00"); // a Tuesday
        String rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
        String number = tickets.file(rita);
        tickets.triage(number, "HIGH", "team-lifecycle");
        EngineTime.setNewYork("2026-11-10T11:15");
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        String task = tickets.task(number).getId();

        signInToTasklist("agent", "agent");
        browser.open("/camunda/app/tasklist/default/#/?task=" + task);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(90))
                .until(d -> !d.findElements(By.cssSelector(".sd-ticket .sd-status dd")).isEmpty());

        assertThat(browser.text(".tabbed-content .nav-tabs li.active a")).isEqualTo("Ticket");
        assertThat(browser.text(".sd-ticket .sd-title")).startsWith(number + " ");
        assertThat(browser.text(".sd-ticket .sd-status dd")).containsIgnoringCase("pending");

        browser.driver().findElements(By.cssSelector(".tabbed-content .nav-tabs li a")).stream()
                .filter(tab -> tab.getText().strip().equals("Form")).findFirst().orElseThrow().click();
        WebElement pending = new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .until(d -> d.findElements(By.xpath("//*[contains(text(), 'Finish the wait here')]")).stream()
                        .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(pending.getText()).contains("Solved", "Ask for information", "Back to work");
        assertThat(browser.driver().findElements(By.xpath("//*[contains(text(), 'Back to work: the ticket is OPEN"
                + " again')]"))).as("the choice that finishes the wait").isNotEmpty();
    }

    private void signInToTasklist(String user, String password) {
        browser.open("/camunda/app/tasklist/default/");
        browser.type("input[type=text]", user);
        browser.type("input[type=password]", password);
        browser.click("button[type=submit]");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(90))
                .until(d -> !d.findElements(By.cssSelector(".task-filters")).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private <T> T script(String script, Object... arguments) {
        return (T) ((JavascriptExecutor) browser.driver()).executeScript(script, arguments);
    }

    @SuppressWarnings("unchecked")
    private <T> T asyncScript(String script, Object... arguments) {
        WebDriver driver = browser.driver();
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return (T) ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException gone) {
            return -1;
        }
    }
}
