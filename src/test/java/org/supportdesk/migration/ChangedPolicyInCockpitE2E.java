package org.supportdesk.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * docs/changing-the-policy.md's last steps in a real browser (profile {@code e2e}): after an analyst deployed a
 * changed {@code support-ticket} and the running tickets followed it, Cockpit shows the analyst the new version with
 * those tickets. The screenshot {@code docs/cockpit-new-version.png} comes from here.
 */
@SupportDeskTest
class ChangedPolicyInCockpitE2E extends org.supportdesk.portal.BrowserTests {

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired RepositoryService repository;
        @Autowired InstanceMigrations migrations;
    @Autowired org.supportdesk.Jobs jobs;



    @Test
    void theAnalystSeesTheNewVersionWithTheTicketsThatFollowedIt() throws Exception {
        String rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
        EngineTime.setNewYork("2027-06-07T10:00");
        for (int i = 0; i < 3; i++) {
            String number = tickets.file(rita);
            tickets.triage(number, "NORMAL", "team-lifecycle");
            tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        }
        String shipped = Files.readString(Path.of("processes", "support-ticket.bpmn"), StandardCharsets.UTF_8);
        String deployment = repository.createDeployment().name("first reminder after 3 business days")
                .addString("support-ticket.bpmn", shipped.replace("pendingSince, 2)}", "pendingSince, 3)}")
                        .replace("Reminder 1: 2 business days", "Reminder 1: 3 business days"))
                .deploy().getId();
        try {
            migrations.migrateToLatest().stream().filter(s -> s.batchId() != null).forEach(s -> jobs.runBatch(s.batchId()));
            ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(SupportTicketDiagram.PROCESS_KEY)
                    .latestVersion().singleResult();

            browser.resize(1400, 900);
            browser.open("/camunda/app/cockpit/default/");
            browser.type("input[type=text]", "analyst");
            browser.type("input[type=password]", "analyst");
            browser.click("button[type=submit]");
            WebDriverWait slow = new WebDriverWait(browser.driver(), Duration.ofSeconds(90));
            slow.until(d -> d.findElements(By.cssSelector("input[type=password]")).isEmpty());
            browser.open("/camunda/app/cockpit/default/#/process-definition/" + latest.getId() + "/runtime");

            // the diagram and its instance count load after the page; on a busy machine that takes a while
            slow.until(d ->
                    !d.findElements(By.cssSelector(".djs-container svg")).isEmpty()
                            && d.getPageSource().contains("Reminder 1: 3")); // the label wraps into lines
            assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("Support ticket");
            Thread.sleep(1000); // let the token badges settle (a picture, not a timer)
            browser.screenshot("cockpit-new-version", 1400, 900);
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }
}
