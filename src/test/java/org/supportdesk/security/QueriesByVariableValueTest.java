package org.supportdesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.CamundaWebapps;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

import com.jayway.jsonpath.JsonPath;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * Issue #21, item 2: which instances match a variable's value is a yes/no answer, and yes/no answers read a text
 * letter by letter ({@code summary like 'A%'}, {@code 'Ab%'}, …). The engine answers such queries to anyone who may
 * read the instances, whatever the variable permissions; so the desk refuses them, and the historic tasks whose names
 * carry the ticket's summary, to logins that read no variable values (the process analysts), in front of the engine
 * REST API and of Cockpit's API. Everyone else keeps them.
 */
@SupportDeskTest
class QueriesByVariableValueTest {

    private static final String ANALYST = "analyst:analyst";
    private static final String WITHHELD = "urn:support-desk:problem:variable-values-withheld";

    @LocalServerPort int port;
    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;

    CamundaWebapps webapps;
    String number;
    String instance;

    @BeforeEach
    void aTicket() {
        webapps = new CamundaWebapps(port);
        Map<String, Object> request = Tickets.request();
        request.put("summary", "Wombats in the cluster");
        number = tickets.file(fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita"), request);
        instance = tickets.process(number).getId();
    }

    @Test
    void theAnalystCannotFindInstancesOrTasksByAVariablesValueOverTheEngineRestApi() throws Exception {
        String like = "summary_like_Wombat%25";
        for (String path : List.of("/process-instance?variables=" + like, "/process-instance/count?variables=" + like,
                "/history/process-instance?variables=" + like, "/history/process-instance/count?variables=" + like,
                "/execution?processVariables=summary_eq_x", "/task?processVariables=" + like,
                "/task?taskVariables=" + like, "/variable-instance?variableValues=" + like,
                "/history/variable-instance?variableName=summary&variableValue=x",
                "/process-instance?%76ariables=" + like, // the parameter's name percent-encoded
                "/process-instance?variables=&variables=" + like)) {
            assertRefused(webapps.engineRest("GET", "/engine-rest" + path, ANALYST, null), path);
        }
        String condition = "{\"name\":\"summary\",\"operator\":\"like\",\"value\":\"Wombat%\"}";
        for (String[] post : new String[][]{
                {"/process-instance", "{\"variables\":[" + condition + "]}"},
                {"/process-instance/count", "{\"orQueries\":[{\"variables\":[" + condition + "]}]}"},
                {"/history/process-instance", "{\"variables\":[" + condition + "]}"},
                {"/task", "{\"processVariables\":[" + condition + "]}"},
                {"/task", "{\"sorting\":[{\"sortBy\":\"processVariable\",\"sortOrder\":\"asc\","
                        + "\"parameters\":{\"variable\":\"summary\",\"type\":\"String\"}}]}"},
                // correlating by a value answers 400 when nothing matches and 403 when something does
                {"/message", "{\"messageName\":\"CustomerReplied\",\"correlationKeys\":{\"summary\":"
                        + "{\"value\":\"Wombats in the cluster\",\"type\":\"String\"}}}"}}) {
            assertRefused(webapps.engineRest("POST", "/engine-rest" + post[0], ANALYST, post[1]), post[0] + " " + post[1]);
        }
    }

    @Test
    void theAnalystCannotFindInstancesByAVariablesValueThroughCockpit() throws Exception {
        CamundaWebapps.Session cockpit = webapps.signIn("analyst", "analyst", "cockpit");
        String plugin = "/camunda/api/cockpit/plugin/base/default";
        String condition = "{\"variables\":[{\"name\":\"summary\",\"operator\":\"like\",\"value\":\"Wombat%\"}]}";

        // Cockpit's search bar over the instances of a definition
        assertRefused(cockpit.post(plugin + "/process-instance", condition), "plugin process-instance");
        assertRefused(cockpit.post(plugin + "/process-instance/count", condition), "plugin count");
        assertRefused(cockpit.get(plugin + "/process-instance?variables=summary_like_Wombat%25"), "plugin GET");
        assertRefused(cockpit.post(plugin + "/process-instance/" + instance + "/called-process-instances", condition),
                "called instances");
        assertRefused(cockpit.post("/camunda/api/engine/engine/default/process-instance", condition), "engine");
        assertRefused(cockpit.post("/camunda/api/engine/engine/default/history/process-instance/count", condition),
                "history");
        // without a value to match, the same query lists the instances
        assertThat(cockpit.post(plugin + "/process-instance/count", "{\"variables\":[]}").statusCode()).isEqualTo(200);
    }

    @Test
    void historicTasksAreWithheldFromTheAnalystBecauseTheirNamesCarryTheSummary() throws Exception {
        tickets.triage(number, "NORMAL", "team-lifecycle");

        for (String path : List.of("/history/task?processInstanceId=" + instance, "/history/task/count",
                "/history/task/report?reportType=count&groupBy=taskName", "/history/task/?processInstanceId=" + instance)) {
            HttpResponse<String> answer = webapps.engineRest("GET", "/engine-rest" + path, ANALYST, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.body()).as(path).contains("Task names carry the ticket").doesNotContain("Wombats");
        }
        CamundaWebapps.Session cockpit = webapps.signIn("analyst", "analyst", "cockpit");
        assertThat(cockpit.get("/camunda/api/engine/engine/default/history/task?processInstanceId=" + instance)
                .statusCode()).isEqualTo(403);
        // the same steps, without the words: activity instances
        String activities = webapps.engineRest("GET", "/engine-rest/history/activity-instance?processInstanceId="
                + instance, ANALYST, null).body();
        assertThat(JsonPath.<List<String>>read(activities, "$[*].activityId")).contains(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(activities).doesNotContain("Wombats");
        assertThat(webapps.engineRest("GET", "/engine-rest/history/task?processInstanceId=" + instance,
                "manager:manager", null).body()).contains("Triage " + number + ": Wombats in the cluster");
    }

    @Test
    void managersAndAgentsStillFindTicketsByAVariablesValue() throws Exception {
        String byManager = webapps.engineRest("GET", "/engine-rest/process-instance?variables=summary_like_Wombat%25",
                "manager:manager", null).body();
        assertThat(JsonPath.<List<String>>read(byManager, "$[*].businessKey")).contains(number);

        CamundaWebapps.Session cockpit = webapps.signIn("manager", "manager", "cockpit");
        String inCockpit = cockpit.post("/camunda/api/cockpit/plugin/base/default/process-instance",
                "{\"variables\":[{\"name\":\"ticketNumber\",\"operator\":\"eq\",\"value\":\"" + number + "\"}]}").body();
        assertThat(JsonPath.<List<String>>read(inCockpit, "$[*].businessKey")).containsExactly(number);

        // Tasklist's search by a process variable
        String byAgent = webapps.engineRest("POST", "/engine-rest/task", "agent:agent",
                "{\"processVariables\":[{\"name\":\"ticketNumber\",\"operator\":\"eq\",\"value\":\"" + number + "\"}]}")
                .body();
        assertThat(JsonPath.<List<String>>read(byAgent, "$[*].name")).hasSize(1).first().asString()
                .startsWith("Triage " + number);
    }

    private static void assertRefused(HttpResponse<String> answer, String what) {
        assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(403);
        assertThat(JsonPath.<String>read(answer.body(), "$.type")).as(what).isEqualTo(WITHHELD);
        assertThat(JsonPath.<String>read(answer.body(), "$.message")).as(what)
                .contains("not what customers wrote", "would tell that value");
        assertThat(answer.body()).as(what).doesNotContain("Wombats");
    }
}
