package org.supportdesk.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.Api;
import org.supportdesk.CamundaWebapps;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.Decisions;

/**
 * Process analysts (group {@code process-analysts}, demo login {@code analyst}) change the policy: they deploy from
 * Camunda Modeler over the engine REST API and watch the policy at work in Cockpit, but read no variable value (issue
 * #21), open neither Tasklist nor Admin, work no task, manage no user and read no ticket through the staff API.
 */
@SupportDeskTest
class AnalystAccessTest {

    static final String ANALYST = "analyst:analyst";

    @LocalServerPort int port;
    @Autowired RepositoryService repository;
    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Api api;

    @Test
    void theAnalystDeploysADecisionTableAsModelersDeployButtonDoes() throws Exception {
        byte[] table = Files.readAllBytes(Path.of("processes", "response-targets.dmn"));
        long before = repository.createDecisionDefinitionQuery().decisionDefinitionKey(Decisions.RESPONSE_TARGETS).count();

        HttpResponse<String> deployed = deploy(ANALYST, "response-targets.dmn", table);

        assertThat(deployed.statusCode()).isEqualTo(200);
        String id = com.jayway.jsonpath.JsonPath.read(deployed.body(), "$.id");
        try {
            assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(Decisions.RESPONSE_TARGETS).count())
                    .as("a new version").isEqualTo(before + 1);
        } finally {
            repository.deleteDeployment(id, true);
        }
        assertThat(deploy("agent:agent", "response-targets.dmn", table).statusCode()).as("agents may not").isEqualTo(403);
    }

    @Test
    void theAnalystOpensCockpitButNeitherTasklistNorAdmin() throws Exception {
        assertThat(webappLogin("analyst", "analyst", "cockpit")).isEqualTo(200);
        assertThat(webappLogin("analyst", "analyst", "tasklist")).isEqualTo(403);
        assertThat(webappLogin("analyst", "analyst", "admin")).isEqualTo(403);
    }

    @Test
    void theAnalystSeesRunningTicketsButNotTheirWordsWorksNoTaskAndManagesNoUser() throws Exception {
        String number = tickets.file(fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita"));
        String task = tickets.task(number).getId();

        assertThat(engineRest("GET", "/engine-rest/process-instance?businessKey=" + number, ANALYST).body())
                .contains("\"businessKey\":\"" + number + "\"");
        assertThat(engineRest("GET", "/engine-rest/task/" + task + "/variables", ANALYST).statusCode())
                .as("what customers wrote is in the variables (staff/WhoReadsTicketVariablesTest)").isEqualTo(403);
        assertThat(engineRest("GET", "/engine-rest/task?processInstanceBusinessKey=" + number, ANALYST).body())
                .as("a task's name carries the ticket's summary").isEqualTo("[]");
        assertThat(engineRest("POST", "/engine-rest/task/" + task + "/claim", ANALYST, "{\"userId\":\"analyst\"}")
                .statusCode()).isEqualTo(403);
        assertThat(engineRest("POST", "/engine-rest/task/" + task + "/complete", ANALYST, "{}").statusCode())
                .isEqualTo(403);
        assertThat(tickets.task(number).getAssignee()).isNull();
        assertThat(engineRest("POST", "/engine-rest/user/create", ANALYST,
                "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"mallory-pass-1\"}}").statusCode())
                .isEqualTo(403);
        assertThat(engineRest("PUT", "/engine-rest/group/process-analysts/members/agent", ANALYST, null)
                .statusCode()).isEqualTo(403);
        assertThat(api.as("analyst", "analyst").get("/api/staff/tickets/" + number).status())
                .as("tickets are the agents' work").isEqualTo(403);
    }

    private HttpResponse<String> deploy(String credentials, String fileName, byte[] content) throws Exception {
        String boundary = "----modeler" + System.nanoTime();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nfrom Modeler\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileName + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(head.getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(tail);
        HttpRequest request = HttpRequest.newBuilder(uri("/engine-rest/deployment/create"))
                .header("Authorization", CamundaWebapps.basic(credentials))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> engineRest(String method, String path, String credentials) throws Exception {
        return engineRest(method, path, credentials, null);
    }

    private HttpResponse<String> engineRest(String method, String path, String credentials, String json)
            throws Exception {
        return new CamundaWebapps(port).engineRest(method, path, credentials, json);
    }

    private int webappLogin(String user, String password, String app) throws Exception {
        return new CamundaWebapps(port).login(user, password, app);
    }

    private URI uri(String path) {
        return new CamundaWebapps(port).uri(path);
    }
}
