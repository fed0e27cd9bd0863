package org.supportdesk.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.Api;
import org.supportdesk.CamundaWebapps;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

import com.jayway.jsonpath.JsonPath;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * Issue #21, item 2: process analysts see the policy at work, not the customers' words. With specific variable
 * permissions on ({@code enforceSpecificVariablePermission}), the engine gives no variable value, running or
 * finished, to a login without READ_INSTANCE_VARIABLE / READ_HISTORY_VARIABLE / READ_TASK_VARIABLE: the analysts have
 * none, the agents, on-call engineers and managers have what their work needs. Each path is called the way its client
 * calls it: the engine REST API with HTTP Basic (Modeler, scripts) and the webapps' own API with a Cockpit session.
 */
@SupportDeskTest
class WhoReadsTicketVariablesTest {

    /**
     * A customer's and an agent's words: the summary is the one text a ticket's variables hold (task names carry it);
     * the description and the note are in the ticket's tables only, and no path may show them either.
     */
    static final String SUMMARY = "Quokkas";
    static final String DESCRIPTION = "Axolotls";
    static final String NOTE = "Narwhals";

    @LocalServerPort int port;
    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Api api;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired AuthorizationService authorizations;
    @Autowired StaffDirectorySetup setup;

    CamundaWebapps webapps;
    String number;
    String instance;
    String task;

    @BeforeEach
    void aTicketWithAnInternalNote() {
        webapps = new CamundaWebapps(port);
        Map<String, Object> request = Tickets.request();
        request.put("summary", SUMMARY + " stopped the build");
        request.put("description", DESCRIPTION + " ate the repository index.");
        number = tickets.file(fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita"), request);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.complete(number, Map.of("action", "NOTE", "note", NOTE + " were seen near the server."));
        instance = tickets.process(number).getId();
        task = tickets.task(number).getId();
    }

    @Test
    void theAnalystReadsNoVariableValueOverTheEngineRestApi() throws Exception {
        String analyst = "analyst:analyst";
        // the engine's queries answer with no row: it only sees variables the caller may read
        for (String path : List.of("/variable-instance?processInstanceIdIn=" + instance,
                "/history/variable-instance?processInstanceId=" + instance)) {
            HttpResponse<String> answer = webapps.engineRest("GET", "/engine-rest" + path, analyst, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.body()).as(path).isEqualTo("[]");
        }
        // the variables of one instance, execution or task: the engine refuses
        for (String path : List.of("/process-instance/" + instance + "/variables",
                "/process-instance/" + instance + "/variables/summary", "/execution/" + instance + "/localVariables",
                "/task/" + task + "/variables", "/task/" + task + "/form-variables")) {
            HttpResponse<String> answer = webapps.engineRest("GET", "/engine-rest" + path, analyst, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.body()).as(path).contains("AuthorizationException").doesNotContain(SUMMARY, DESCRIPTION, NOTE);
        }
        // historic details and decision instances: none is recorded at history level audit, so the answer is [] for
        // everyone; what keeps them from analysts is the permission the engine checks, asked here as Cockpit asks it
        assertThat(webapps.engineRest("GET", "/engine-rest/history/detail?processInstanceId=" + instance, analyst, null)
                .body()).isEqualTo("[]");
        assertThat(webapps.engineRest("GET", "/engine-rest/history/decision-instance?includeInputs=true"
                + "&includeOutputs=true", analyst, null).body()).isEqualTo("[]");
        assertThat(may(analyst, "READ_HISTORY_VARIABLE", Resources.PROCESS_DEFINITION, SupportTicketDiagram.PROCESS_KEY)).isFalse();
        assertThat(may(analyst, "READ_HISTORY", Resources.DECISION_DEFINITION, "ticket-routing"))
                .as("a decision instance is its inputs and outputs").isFalse();
        assertThat(may("manager:manager", "READ_HISTORY_VARIABLE", Resources.PROCESS_DEFINITION, SupportTicketDiagram.PROCESS_KEY))
                .isTrue();
        assertThat(may("manager:manager", "READ_HISTORY", Resources.DECISION_DEFINITION, "ticket-routing")).isTrue();
    }

    @Test
    void theAnalystReadsNoVariableValueThroughCockpit() throws Exception {
        CamundaWebapps.Session cockpit = webapps.signIn("analyst", "analyst", "cockpit");
        String engine = "/camunda/api/engine/engine/default";

        // Cockpit's Variables tab: a POST query, answered with no row
        HttpResponse<String> variables = cockpit.post(engine + "/variable-instance?deserializeValues=false",
                "{\"processInstanceIdIn\":[\"" + instance + "\"]}");
        assertThat(variables.statusCode()).isEqualTo(200);
        assertThat(variables.body()).isEqualTo("[]");
        assertThat(cockpit.get(engine + "/history/variable-instance?processInstanceId=" + instance).body())
                .isEqualTo("[]");
        for (String path : List.of("/process-instance/" + instance + "/variables",
                "/execution/" + instance + "/localVariables", "/task/" + task + "/variables",
                "/task/" + task + "/form-variables")) {
            HttpResponse<String> answer = cockpit.get(engine + path);
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.body()).as(path).doesNotContain(SUMMARY, DESCRIPTION, NOTE);
        }
    }

    @Test
    void theAnalystsCockpitStillShowsDefinitionsCountsWaitingTokensIncidentsAndDecisionTables() throws Exception {
        String definition = tickets.process(number).getProcessDefinitionId();
        Incident incident = runtime.createIncident("support-desk-test", tickets.task(number).getExecutionId(), null,
                "A stuck ticket, for the test");
        try {
            CamundaWebapps.Session cockpit = webapps.signIn("analyst", "analyst", "cockpit");

            // the Processes list: definitions with their running instances and incidents
            String definitions = cockpit.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics")
                    .body();
            assertThat(JsonPath.<List<Integer>>read(definitions, "$[?(@.key=='support-ticket')].instances"))
                    .isNotEmpty().allSatisfy(count -> assertThat(count).isPositive());
            // the diagram's badges: where tokens wait, and the incidents there
            String activities = cockpit.get("/camunda/api/engine/engine/default/process-definition/" + definition
                    + "/statistics?incidents=true").body();
            assertThat(JsonPath.<List<Integer>>read(activities, "$[?(@.id=='Task_WorkTicket')].instances"))
                    .isNotEmpty().allSatisfy(count -> assertThat(count).isPositive());
            assertThat(JsonPath.<List<String>>read(activities, "$[*].incidents[*].incidentType"))
                    .contains("support-desk-test");
            // clicking the activity lists the instances waiting there (Cockpit's own query, a POST body)
            String waiting = cockpit.post("/camunda/api/cockpit/plugin/base/default/process-instance?maxResults=1000",
                    "{\"processDefinitionId\":\"" + definition + "\",\"activityIdIn\":[\"Task_WorkTicket\"],"
                            + "\"variables\":[]}").body();
            assertThat(JsonPath.<List<String>>read(waiting, "$[*].businessKey")).contains(number);
            String elsewhere = cockpit.post("/camunda/api/cockpit/plugin/base/default/process-instance?maxResults=1000",
                    "{\"processDefinitionId\":\"" + definition + "\",\"activityIdIn\":[\"Task_TriageTicket\"]}").body();
            assertThat(JsonPath.<List<String>>read(elsewhere, "$[*].businessKey")).doesNotContain(number);
            // the instance's activity tree and its incidents
            assertThat(cockpit.get("/camunda/api/engine/engine/default/process-instance/" + instance
                    + "/activity-instances").body()).contains(SupportTicketDiagram.WORK_TASK);
            assertThat(cockpit.post("/camunda/api/cockpit/plugin/base/default/incident",
                    "{\"processInstanceIdIn\":[\"" + instance + "\"]}").body()).contains("A stuck ticket, for the test");
            // a decision table's structure, without its instances
            String table = cockpit.get("/camunda/api/engine/engine/default/decision-definition/key/ticket-routing/xml")
                    .body();
            assertThat(table).contains("ticket-routing", "team-general");
            // which tickets stay on an older version, and why
            assertThat(api.as("analyst", "analyst").get("/api/staff/migrations").status()).isEqualTo(200);
        } finally {
            runtime.resolveIncident(incident.getId());
        }
    }

    @Test
    void anAgentStillReadsATasksVariablesAndCompletesItsForm() throws Exception {
        String other = tickets.file(fixtures.organization().activeLicence(Product.LIFECYCLE).owner("otto"));
        String triage = tickets.task(other).getId();

        HttpResponse<String> form = webapps.engineRest("GET", "/engine-rest/task/" + task
                + "/form-variables?deserializeValues=false", "agent:agent", null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains(SUMMARY);

        assertThat(webapps.engineRest("POST", "/engine-rest/task/" + triage + "/claim", "agent:agent",
                "{\"userId\":\"agent\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> submitted = webapps.engineRest("POST", "/engine-rest/task/" + triage + "/submit-form",
                "agent:agent", "{\"variables\":{\"priority\":{\"value\":\"HIGH\"},\"team\":{\"value\":\"team-lifecycle\"}}}");
        assertThat(submitted.statusCode()).as(submitted.body()).isIn(200, 204);
        assertThat(tickets.process(other)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
    }

    @Test
    void theNextStartLetsATasksTeamReadTheFormOfATaskCreatedBeforeVariablePermissionsWereEnforced() throws Exception {
        // such a task's candidate group and assignee hold READ and UPDATE on it, not READ_VARIABLE
        for (Authorization onTask : authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId(task).list()) {
            onTask.removePermission(TaskPermissions.READ_VARIABLE);
            authorizations.saveAuthorization(onTask);
        }
        assertThat(formVariables("agent:agent").statusCode()).as("before").isEqualTo(403);

        setup.setUp();

        HttpResponse<String> form = formVariables("agent:agent");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains(SUMMARY);
        assertThat(formVariables("oncall:oncall").statusCode()).as("not in the task's team").isEqualTo(403);
    }

    @Test
    void aManagerStillReadsAnInstancesVariablesAndItsHistory() throws Exception {
        String manager = "manager:manager";
        // Json values (the long texts) as Cockpit asks for them: serialized
        assertThat(webapps.engineRest("GET", "/engine-rest/process-instance/" + instance
                + "/variables?deserializeValues=false", manager, null).body()).contains(SUMMARY);
        assertThat(webapps.engineRest("GET", "/engine-rest/history/variable-instance?deserializeValues=false"
                + "&processInstanceId=" + instance, manager, null).body()).contains(SUMMARY);
        String activities = webapps.engineRest("GET", "/engine-rest/history/activity-instance?processInstanceId="
                + instance, manager, null).body();
        assertThat(JsonPath.<List<String>>read(activities, "$[*].activityId")).contains(SupportTicketDiagram.TRIAGE_TASK);

        CamundaWebapps.Session cockpit = webapps.signIn("manager", "manager", "cockpit");
        assertThat(cockpit.post("/camunda/api/engine/engine/default/variable-instance?deserializeValues=false",
                "{\"processInstanceIdIn\":[\"" + instance + "\"]}").body()).contains(SUMMARY);
        assertThat(cockpit.get("/camunda/api/engine/engine/default/history/variable-instance?deserializeValues=false"
                + "&processInstanceId=" + instance).body()).contains(SUMMARY);
    }

    @Test
    void theNextStartBringsTheGrantsOfAnEarlierVersionUpToDate() throws Exception {
        // as the previous version left them: analysts read tasks and decision instances, nobody had a variable
        // permission, and managers' grant on every definition was READ alone
        change("process-analysts", Resources.PROCESS_DEFINITION, "*", true, ProcessDefinitionPermissions.READ_TASK);
        change("process-analysts", Resources.DECISION_DEFINITION, "*", true, Permissions.READ_HISTORY);
        for (String group : List.of("support-agents", "oncall", "oncall-backup", "support-managers")) {
            change(group, Resources.PROCESS_DEFINITION, SupportTicketDiagram.PROCESS_KEY, false,
                    ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE);
        }
        change("support-managers", Resources.PROCESS_DEFINITION, "*", false, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.RETRY_JOB, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
                ProcessDefinitionPermissions.READ_HISTORY_VARIABLE, ProcessDefinitionPermissions.READ_TASK_VARIABLE);
        assertThat(webapps.engineRest("GET", "/engine-rest/process-instance/" + instance + "/variables", "agent:agent",
                null).statusCode()).as("the old grants").isEqualTo(403);

        setup.setUp();

        assertThat(may("analyst:analyst", "READ_TASK", Resources.PROCESS_DEFINITION, SupportTicketDiagram.PROCESS_KEY)).isFalse();
        assertThat(may("analyst:analyst", "READ_HISTORY", Resources.DECISION_DEFINITION, "ticket-routing")).isFalse();
        assertThat(webapps.engineRest("GET", "/engine-rest/task?processInstanceId=" + instance, "analyst:analyst", null)
                .body()).isEqualTo("[]");
        assertThat(webapps.engineRest("GET", "/engine-rest/process-instance/" + instance + "/variables", "agent:agent",
                null).body()).contains(SUMMARY);
        assertThat(webapps.engineRest("GET", "/engine-rest/process-instance/" + instance + "/variables",
                "oncall:oncall", null).statusCode()).isEqualTo(200);
        assertThat(webapps.engineRest("GET", "/engine-rest/history/activity-instance?processInstanceId=" + instance,
                "manager:manager", null).body()).contains(SupportTicketDiagram.TRIAGE_TASK);
    }

    private HttpResponse<String> formVariables(String credentials) throws Exception {
        return webapps.engineRest("GET", "/engine-rest/task/" + task + "/form-variables?deserializeValues=false",
                credentials, null);
    }

    /** What the engine REST API answers the caller about their own permission, as Cockpit asks it. */
    private boolean may(String credentials, String permission, Resources resource, String resourceId)
            throws Exception {
        HttpResponse<String> answer = webapps.engineRest("GET", "/engine-rest/authorization/check?permissionName="
                + permission + "&resourceName=" + resource.resourceName().replace(" ", "%20") + "&resourceType="
                + resource.resourceType() + "&resourceId=" + resourceId, credentials, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonPath.read(answer.body(), "$.authorized");
    }

    private void change(String group, Resource resource, String resourceId, boolean add, Permission... permissions) {
        Authorization grant = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
        for (Permission permission : permissions) {
            if (add) {
                grant.addPermission(permission);
            } else {
                grant.removePermission(permission);
            }
        }
        authorizations.saveAuthorization(grant);
    }
}
