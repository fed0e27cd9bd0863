package org.supportdesk.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.CamundaWebapps;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.catalog.Product;

/** Staff reach Camunda's apps and the engine REST API only with a login, and only the apps they may use. */
@SupportDeskTest
class StaffAccessTest {

    @LocalServerPort int port;
    @org.springframework.beans.factory.annotation.Autowired org.camunda.bpm.engine.IdentityService identity;
    @org.springframework.beans.factory.annotation.Autowired org.supportdesk.Tickets tickets;
    @org.springframework.beans.factory.annotation.Autowired org.supportdesk.TestFixtures fixtures;

    @Test
    void engineRestApiRefusesRequestsWithoutLogin() throws Exception {
        assertThat(engineRest("/engine-rest/task", null).statusCode()).isEqualTo(401);
        assertThat(engineRest("/engine-rest/process-definition", null).statusCode()).isEqualTo(401);
    }

    @Test
    void engineRestApiRefusesWrongPassword() throws Exception {
        // a user of its own: the engine notes a failed check on the user with the engine clock, which other tests move
        if (identity.createUserQuery().userId("probe").count() == 0) {
            org.camunda.bpm.engine.identity.User probe = identity.newUser("probe");
            probe.setPassword("probe-password-1");
            identity.saveUser(probe);
            identity.createMembership("probe", "support-agents");
        }
        assertThat(engineRest("/engine-rest/task", "probe:wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void engineRestApiAnswersStaff() throws Exception {
        assertThat(engineRest("/engine-rest/task", "agent:agent").statusCode()).isEqualTo(200);
        assertThat(engineRest("/engine-rest/group", "demo:demo").body()).contains("support-agents", "team-sev1");
    }

    @Test
    void agentLogsInToTasklistButNotAdminOrCockpit() throws Exception {
        assertThat(webappLogin("agent", "agent", "tasklist")).isEqualTo(200);
        assertThat(webappLogin("agent", "agent", "admin")).isEqualTo(403);
        assertThat(webappLogin("agent", "agent", "cockpit")).isEqualTo(403);
    }

    @Test
    void managerLogsInToCockpit() throws Exception {
        assertThat(webappLogin("manager", "manager", "cockpit")).isEqualTo(200);
    }

    @Test
    void demoAdministratorLogsInToAdminAndCockpit() throws Exception {
        assertThat(webappLogin("demo", "demo", "admin")).isEqualTo(200);
        assertThat(webappLogin("demo", "demo", "cockpit")).isEqualTo(200);
    }

    @Test
    void oncallEngineerLogsInToTasklist() throws Exception {
        assertThat(webappLogin("oncall", "oncall", "tasklist")).isEqualTo(200);
    }

    @Test
    void agentsSeeTheTasklistFilters() throws Exception {
        assertThat(engineRest("/engine-rest/filter", "agent:agent").body())
                .contains("My tasks", "My team's tasks", "All tasks");
    }

    @Test
    void agentsSeeTheTicketOnTheirTaskCards() throws Exception {
        String number = tickets.file(fixtures.organization().activeLicence(Product.LIFECYCLE).owner("cora"));
        String filter = com.jayway.jsonpath.JsonPath.<List<String>>read(
                engineRest("/engine-rest/filter?name=My%20team%27s%20tasks", "agent:agent").body(), "$[*].id").get(0);

        HttpRequest list = HttpRequest.newBuilder(uri("/engine-rest/filter/" + filter + "/list?maxResults=200"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("agent:agent".getBytes()))
                .header("Accept", "application/hal+json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"variableNames\":[\"ticketNumber\",\"summary\"]}"))
                .build();
        String body = HttpClient.newHttpClient().send(list, HttpResponse.BodyHandlers.ofString()).body();

        assertThat(com.jayway.jsonpath.JsonPath.<List<String>>read(body,
                "$._embedded.task[*]._embedded.variable[?(@.name=='ticketNumber')].value")).contains(number);
    }

    private HttpResponse<String> engineRest(String path, String credentials) throws Exception {
        return new CamundaWebapps(port).engineRest("GET", path, credentials, null);
    }

    private int webappLogin(String user, String password, String app) throws Exception {
        return new CamundaWebapps(port).login(user, password, app);
    }

    private URI uri(String path) {
        return new CamundaWebapps(port).uri(path);
    }
}
