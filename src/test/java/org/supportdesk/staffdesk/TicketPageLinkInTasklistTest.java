package org.supportdesk.staffdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.CamundaWebapps;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

import com.jayway.jsonpath.JsonPath;

/**
 * Tasklist's link beside a task's process name leads to the ticket's staff page, not to Cockpit: Tasklist loads the
 * plugin that makes it, and the plugin reads the ticket number (the instance's business key) with the Tasklist
 * session of whoever works the task. In Chromium: {@code StaffDeskE2E.aTasklistTaskLinksToItsTicketPageNotToCockpit}.
 */
@SupportDeskTest
class TicketPageLinkInTasklistTest {

    @LocalServerPort int port;
    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;

    @Test
    void tasklistLoadsTheScriptThatLinksATaskToItsTicketPage() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String index = client.send(HttpRequest.newBuilder(webapps().uri("/camunda/app/tasklist/default/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(index).contains("{ name: 'tasklist-plugin-ticket-page-link', "
                + "location: '/camunda/api/tasklist/plugin/ticket-page-link/static/app', main: 'plugin.js' }");

        HttpResponse<String> script = client.send(HttpRequest.newBuilder(webapps().uri(
                "/camunda/api/tasklist/plugin/ticket-page-link/static/app/plugin.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/javascript"));
        assertThat(script.body()).contains("link.href = '/staff/tickets/' + encodeURIComponent(number);");
        HttpResponse<String> style = client.send(HttpRequest.newBuilder(webapps().uri(
                "/camunda/api/tasklist/plugin/ticket-page-link/static/app/plugin.css")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(style.body()).contains("a.instance-link {\n  display: none;");
    }

    @Test
    void everyGroupThatWorksTasksReadsTheTicketNumberOfItsTasksInstanceInTasklist() throws Exception {
        EngineTime.setNewYork("2026-12-01T10:00"); // business hours: an outage goes to the SEV-1 queue
        TestFixtures.OrgFixture org = fixtures.organization().licence(Product.REPOSITORY_MANAGER,
                LocalDate.of(2099, 1, 1), false);
        String ticket = tickets.file(org.owner("tia"), Map.of("product", "REPOSITORY_MANAGER",
                "topic", "PERFORMANCE", "concernType", "PROBLEM", "summary", "Search is slow",
                "description", "Searching takes 30 s.", "businessImpact", "NORMAL"));
        String outage = tickets.file(org.owner("tom"), Map.of("product", "REPOSITORY_MANAGER",
                "topic", "INSTALLATION_UPGRADE", "concernType", "CRITICAL_OUTAGE", "summary", "Repository down",
                "description", "It does not start after the upgrade.", "businessImpact", "NORMAL"));
        String triage = tickets.task(ticket).getProcessInstanceId(); // support-ticket
        String assess = tickets.task(outage).getProcessInstanceId(); // sev1-outage, the on-call engineers' task

        assertThat(businessKey("agent", triage)).isEqualTo(ticket);
        assertThat(businessKey("oncall", assess)).isEqualTo(outage);
        assertThat(businessKey("backup", assess)).isEqualTo(outage);
        assertThat(businessKey("manager", triage)).isEqualTo(ticket);
    }

    /** What the plugin asks, as the signed-in Tasklist session of that login asks it. */
    private String businessKey(String login, String processInstanceId) throws Exception {
        HttpResponse<String> instance = webapps().signIn(login, login, "tasklist")
                .get("/camunda/api/engine/engine/default/process-instance/" + processInstanceId);
        assertThat(instance.statusCode()).as(login).isEqualTo(200);
        return JsonPath.read(instance.body(), "$.businessKey");
    }

    private CamundaWebapps webapps() {
        return new CamundaWebapps(port);
    }
}
