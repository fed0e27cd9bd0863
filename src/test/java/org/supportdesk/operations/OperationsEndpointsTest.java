package org.supportdesk.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.supportdesk.Api;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

/** Issue #14, operations: metrics for staff only, and probes that an SMTP outage does not fail. */
@SupportDeskTest
class OperationsEndpointsTest {

    @Autowired Api api;
    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired HealthEndpointGroups groups;

    @Test
    void metricsNeedAStaffLoginAndNameWhatAnOperatorWatches() {
        String rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
        double openBefore = value(scrape(), "supportdesk_tickets\\{status=\"NEW\"\\}");
        tickets.file(rita);

        assertThat(api.anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.as(rita).get("/actuator/prometheus").status()).isEqualTo(401);
        String metrics = scrape();
        assertThat(metrics).contains("supportdesk_tickets{status=\"OPEN\"}", "supportdesk_tickets{status=\"PENDING\"}",
                "supportdesk_tickets{status=\"CLOSED\"}", "supportdesk_tickets_first_response_breached ",
                "supportdesk_mail_outbound{status=\"QUEUED\"}", "supportdesk_mail_outbound_undeliverable ",
                "supportdesk_mail_inbound{status=\"FAILED\"}", "supportdesk_mail_inbound{status=\"UNVERIFIED\"}",
                "supportdesk_mail_inbound{status=\"PROCESSED\"}", "supportdesk_engine_jobs_due ",
                "supportdesk_engine_jobs_failed ", "supportdesk_engine_incidents ",
                "supportdesk_intake_seconds_count{channel=\"WEB\"}", "http_server_requests_seconds_count");
        // the ticket filed above waits for triage: NEW
        assertThat(value(metrics, "supportdesk_tickets\\{status=\"NEW\"\\}")).isEqualTo(openBefore + 1);
    }

    @Test
    void probesAreOpenAndReadinessLeavesMailOut() {
        assertThat(api.anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(groups.get("readiness").isMember("db")).isTrue();
        assertThat(groups.get("readiness").isMember("mail")).as("an SMTP outage must not take a node out").isFalse();
        assertThat(groups.get("liveness").isMember("db")).isFalse();
    }

    private String scrape() {
        Api.Response response = api.as("agent", "agent").get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as(name).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
