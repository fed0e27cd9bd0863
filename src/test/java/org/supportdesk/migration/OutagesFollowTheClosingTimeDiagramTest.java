package org.supportdesk.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.Sev1OutageDiagram;

/**
 * Issue #23 (R18/R19 at closing): outages that were waiting in the SEV-1 queue of the earlier {@code sev1-outage}
 * (a 1-hour wall-clock target, nothing at closing) follow the new version through the usual migration: the target is
 * recomputed from filing in business time, and the close-of-business timer is created, so an Extended Support outage
 * is still handed to the on-call engineer. The earlier version is deployed and removed by the test.
 */
@SupportDeskTest
class OutagesFollowTheClosingTimeDiagramTest {

    static final String EARLIER = "migration/sev1-outage-before-closing-hours.bpmn.xml";

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Jobs jobs;
    @Autowired Mailbox mailbox;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired InstanceMigrations migrations;

    @Test
    void r18_r19_outagesInTheQueueOfTheEarlierVersionGetTheBusinessTimeTargetAndTheHandOverAtClosing() throws Exception {
        String earlier = deploy("earlier sev1-outage", new String(resource(EARLIER).readAllBytes()));
        String shippedAgain = null;
        try {
            EngineTime.setNewYork("2026-12-04T16:59"); // Friday
            String standard = tickets.file(organisation(false).owner("sam"), outage());
            String extended = tickets.file(organisation(true).owner("ella"), outage());
            assertThat(Jobs.due(timer(standard, Sev1OutageDiagram.RESPONSE_DUE_TIMER))).as("the earlier hour")
                    .isEqualTo(EngineTime.newYork("2026-12-04T17:59"));
            assertThat(timer(extended, Sev1OutageDiagram.BUSINESS_HOURS_END)).isNull();

            shippedAgain = deploy("sev1-outage", Files.readString(Path.of("processes", Sev1OutageDiagram.FILE)));
            List<InstanceMigrations.Started> started = migrations.migrateToLatest();
            started.stream().filter(s -> s.batchId() != null).forEach(s -> jobs.runBatch(s.batchId()));

            assertThat(started).filteredOn(s -> s.processKey().equals(Sev1OutageDiagram.PROCESS_KEY))
                    .extracting(InstanceMigrations.Started::skipped).containsOnly(0);
            assertThat(Jobs.due(timer(standard, Sev1OutageDiagram.RESPONSE_DUE_TIMER))).as("business time")
                    .isEqualTo(EngineTime.newYork("2026-12-07T09:59"));
            assertThat(Jobs.due(timer(extended, Sev1OutageDiagram.BUSINESS_HOURS_END)))
                    .isEqualTo(EngineTime.newYork("2026-12-04T17:00"));

            jobs.fire(timer(extended, Sev1OutageDiagram.BUSINESS_HOURS_END));

            assertThat(mailbox.to("oncall@support.example", "PAGE [" + extended + "]")).hasSize(1);
            assertThat(mailbox.to("oncall@support.example", "PAGE [" + standard + "]")).isEmpty();
        } finally {
            if (shippedAgain != null) {
                repository.deleteDeployment(shippedAgain, true);
            }
            repository.deleteDeployment(earlier, true);
        }
    }

    private static java.util.Map<String, Object> outage() {
        java.util.Map<String, Object> request = Tickets.request();
        request.put("product", "REPOSITORY_MANAGER");
        request.put("topic", "INSTALLATION_UPGRADE");
        request.put("concernType", "CRITICAL_OUTAGE");
        request.put("summary", "Repository down");
        request.put("description", "The repository does not start after the upgrade.");
        return request;
    }

    private String deploy(String name, String bpmn) {
        return repository.createDeployment().name(name).addString(Sev1OutageDiagram.FILE, bpmn).deploy().getId();
    }

    private TestFixtures.OrgFixture organisation(boolean extendedSupport) {
        return fixtures.organization().licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), extendedSupport);
    }

    private org.camunda.bpm.engine.runtime.Job timer(String number, String activityId) {
        ProcessInstance outage = runtime.createProcessInstanceQuery().processDefinitionKey(Sev1OutageDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(number).singleResult();
        return jobs.timer(outage.getId(), activityId);
    }

    private static InputStream resource(String name) {
        return OutagesFollowTheClosingTimeDiagramTest.class.getClassLoader().getResourceAsStream(name);
    }
}
