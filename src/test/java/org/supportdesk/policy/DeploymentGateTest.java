package org.supportdesk.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.CamundaWebapps;
import org.supportdesk.Jobs;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

import com.jayway.jsonpath.JsonPath;

/**
 * Issue #21: the deployment gate, tried as an attacker holding the analyst login would, over the engine REST API as
 * Modeler deploys. Each refused deployment answers 400 naming the file, the element and the rule; nothing of it is
 * stored and nothing runs. The analyst's everyday changes deploy as before.
 */
@SupportDeskTest
class DeploymentGateTest {

    static final String ANALYST = "analyst:analyst";
    static final Path MARKER = Path.of("target", "gate-marker-" + ProcessHandle.current().pid());

    @LocalServerPort int port;
    @Autowired RepositoryService repository;
    @Autowired Jobs jobs;
    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired ProcessEngineConfigurationImpl engine;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired org.camunda.bpm.engine.TaskService taskService;
    @Autowired org.camunda.bpm.engine.AuthorizationService authorizations;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @AfterEach
    void removeWhatWasDeployed() throws Exception {
        repository.createDeploymentQuery().deploymentName("from Modeler").list()
                .forEach(d -> repository.deleteDeployment(d.getId(), true));
        Files.deleteIfExists(MARKER);
    }

    @Test
    void aTimerWhoseServiceTaskRunsACommandIsRefusedWith400NamingTheElementAndNothingRuns() throws Exception {
        String command = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
                + ".exec('touch " + MARKER.toAbsolutePath() + "')}";
        HttpResponse<String> answer = deploy("attack.bpmn", process("attack", """
                <bpmn:startEvent id="Start_Timer"><bpmn:timerEventDefinition><bpmn:timeDate>2020-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:serviceTask id="Task_Run" camunda:expression="%s" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start_Timer" targetRef="Task_Run" />
                """.formatted(command.replace("'", "&apos;"))));

        assertRefused(answer, "attack.bpmn", "Task_Run",
                "attack.bpmn: Task_Run: camunda:expression: method calls may only call the published functions");
        assertThat(JsonPath.<String>read(answer.body(), "$.message")).contains("found getClass");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("attack").count()).isZero();
        jobs.executeDue();
        assertThat(MARKER).doesNotExist();
    }

    @Test
    void aJuelScriptTaskIsRefused() throws Exception {
        assertRefused(deploy("script.bpmn", process("script", """
                        <bpmn:startEvent id="Start" />
                        <bpmn:scriptTask id="Task_Script" scriptFormat="juel"><bpmn:script>${''.getClass()}</bpmn:script></bpmn:scriptTask>
                        <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Script" />
                        """)),
                "script.bpmn", "Task_Script", "script.bpmn: Task_Script: bpmn:scriptTask: script tasks run code");
    }

    @Test
    void aJuelScriptInAnExecutionListenerIsRefused() throws Exception {
        assertRefused(deploy("listener.bpmn", process("listener", """
                        <bpmn:startEvent id="Start"><bpmn:extensionElements><camunda:executionListener event="start">
                          <camunda:script scriptFormat="juel">${execution.processEngineServices}</camunda:script>
                        </camunda:executionListener></bpmn:extensionElements></bpmn:startEvent>
                        """)),
                "listener.bpmn", "Start", "listener.bpmn: Start: camunda:script: scripts run code");
    }

    @Test
    void aDecisionWithAJuelOutputEntryIsRefused() throws Exception {
        String table = Files.readString(Path.of("processes", "response-targets.dmn"))
                .replaceFirst("<outputEntry id=\"Rule_Urgent_Hours\">\\s*<text>1</text>",
                        "<outputEntry id=\"Rule_Urgent_Hours\" expressionLanguage=\"juel\"><text>\\${''.getClass().getName().length()}</text>");
        assertRefused(deploy("response-targets.dmn", table), "response-targets.dmn", "Rule_Urgent_Hours",
                "response-targets.dmn: Rule_Urgent_Hours: expression language `juel`: decisions are written in FEEL");
    }

    @Test
    void anExpressionThatReadsTheApplicationsSettingsIsRefused() throws Exception {
        assertRefused(deploy("settings.bpmn", process("settings", """
                        <bpmn:startEvent id="Start" />
                        <bpmn:serviceTask id="Task_Read" camunda:expression="${environment.getProperty('spring.datasource.url')}" camunda:resultVariable="url" />
                        <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Read" />
                        """)),
                "settings.bpmn", "Task_Read", "settings.bpmn: Task_Read: camunda:expression: method calls may only call "
                        + "the published functions (businessTime.plusBusinessDays(…)");
    }

    /** Other ways of the same kinds: code, other beans, the engine's own objects, tickets' texts, people outside the desk. */
    static Stream<Arguments> otherWays() {
        return Stream.of(
                Arguments.of("a Java class", "<bpmn:serviceTask id=\"Task_X\" camunda:class=\"java.lang.Thread\" />",
                        "Task_X", "camunda:class: Java classes are program"),
                Arguments.of("a bean of the application as a step",
                        "<bpmn:serviceTask id=\"Task_X\" camunda:delegateExpression=\"${dataSource}\" />",
                        "Task_X", "camunda:delegateExpression may only name a published step"),
                Arguments.of("a bean of the application as a value",
                        "<bpmn:serviceTask id=\"Task_X\" camunda:expression=\"${environment}\" />",
                        "Task_X", "`environment` is part of the application, not of the policy"),
                Arguments.of("the engine behind the execution",
                        "<bpmn:serviceTask id=\"Task_X\" camunda:expression=\"${execution.processEngineServices}\" />",
                        "Task_X", "`execution.processEngineServices` is not in the vocabulary"),
                Arguments.of("a class by its property",
                        "<bpmn:serviceTask id=\"Task_X\" camunda:expression=\"${ticketNumber['class']}\" />",
                        "Task_X", "`class` leads out of the policy"),
                Arguments.of("a function", "<bpmn:serviceTask id=\"Task_X\" camunda:expression=\"${S('{}')}\" />",
                        "Task_X", "functions such as `S()` are not in the vocabulary"),
                Arguments.of("a method of a published step",
                        "<bpmn:serviceTask id=\"Task_X\" camunda:expression=\"${notify.execute(execution)}\" />",
                        "Task_X", "method calls may only call the published functions"),
                Arguments.of("a function that is not published",
                        "<bpmn:serviceTask id=\"Task_X\" camunda:expression=\"${businessTime.firstResponseDue(42)}\" />",
                        "Task_X", "the first argument of `businessTime.firstResponseDue(execution)` is `execution`"),
                Arguments.of("a script condition",
                        "<bpmn:startEvent id=\"Start\" /><bpmn:exclusiveGateway id=\"Gateway_X\" /><bpmn:endEvent id=\"End\" />"
                                + "<bpmn:sequenceFlow id=\"Flow_0\" sourceRef=\"Start\" targetRef=\"Gateway_X\" />"
                                + "<bpmn:sequenceFlow id=\"Flow_X\" sourceRef=\"Gateway_X\" targetRef=\"End\">"
                                + "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"juel\">${true}</bpmn:conditionExpression></bpmn:sequenceFlow>",
                        "Flow_X", "a condition in language `juel` is a script"),
                Arguments.of("a script as an input",
                        "<bpmn:serviceTask id=\"Task_X\" camunda:delegateExpression=\"${notify}\"><bpmn:extensionElements><camunda:inputOutput>"
                                + "<camunda:inputParameter name=\"template\"><camunda:script scriptFormat=\"juel\">${1}</camunda:script></camunda:inputParameter>"
                                + "</camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>",
                        "Task_X", "camunda:script: scripts run code"),
                Arguments.of("a field injected into a step",
                        "<bpmn:serviceTask id=\"Task_X\" camunda:delegateExpression=\"${notify}\"><bpmn:extensionElements>"
                                + "<camunda:field name=\"notifier\"><camunda:string>x</camunda:string></camunda:field></bpmn:extensionElements></bpmn:serviceTask>",
                        "Task_X", "camunda:field: field injection changes a step's Java fields"),
                Arguments.of("an external task", "<bpmn:serviceTask id=\"Task_X\" camunda:type=\"external\" camunda:topic=\"anything\" />",
                        "Task_X", "camunda:type: external tasks and connectors are not part of the policy"),
                Arguments.of("a connector", "<bpmn:serviceTask id=\"Task_X\"><bpmn:extensionElements><camunda:connector>"
                                + "<camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>",
                        "Task_X", "camunda:connector: connectors call other systems"),
                Arguments.of("an embedded form with its own code",
                        "<bpmn:userTask id=\"Task_X\" camunda:formKey=\"embedded:deployment:steal.html\" camunda:candidateGroups=\"team-general\" />",
                        "Task_X", "camunda:formKey: only Camunda Forms may be shown"),
                Arguments.of("a task for the analysts",
                        "<bpmn:userTask id=\"Task_X\" camunda:candidateGroups=\"process-analysts\" />",
                        "Task_X", "`process-analysts` is not one of the desk's groups that work tasks"),
                Arguments.of("a task for a named person", "<bpmn:userTask id=\"Task_X\" camunda:assignee=\"analyst\" />",
                        "Task_X", "camunda:assignee may only be a process variable"),
                Arguments.of("a task named after an agent's answer",
                        "<bpmn:userTask id=\"Task_X\" name=\"${reply}\" camunda:candidateGroups=\"team-general\" />",
                        "Task_X", "`reply` holds what a customer or agent wrote"),
                Arguments.of("a task describing an internal note",
                        "<bpmn:userTask id=\"Task_X\" camunda:candidateGroups=\"team-general\"><bpmn:documentation>${note}</bpmn:documentation></bpmn:userTask>",
                        "Task_X", "`note` holds what a customer or agent wrote"),
                Arguments.of("a step of the Activiti namespace", "<bpmn:serviceTask id=\"Task_X\" activiti:class=\"java.lang.Thread\" />",
                        "Task_X", "camunda:class: Java classes are program"),
                Arguments.of("an execution listener step",
                        "<bpmn:startEvent id=\"Start\"><bpmn:extensionElements><camunda:executionListener event=\"start\" "
                                + "delegateExpression=\"${notify}\" /></bpmn:extensionElements></bpmn:startEvent>",
                        "Start", "no published step listens to executions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherWays")
    void otherWaysOfTheSameKindsAreRefusedToo(String way, String body, String element, String rule) throws Exception {
        assertRefused(deploy("way.bpmn", process("way", body)), "way.bpmn", element, "way.bpmn: " + element + ": ");
        assertThat(JsonPath.<String>read(deploy("way.bpmn", process("way", body)).body(), "$.message")).contains(rule);
    }

    @Test
    void aDocumentTypeDeclarationIsRefusedUnread() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + process("xxe", "<bpmn:startEvent id=\"Start\" name=\"&x;\" />").substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length());
        HttpResponse<String> answer = deploy("xxe.bpmn", xxe);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("is not well-formed XML").doesNotContain("root:");
    }

    @Test
    void filesOtherThanDiagramsDecisionsAndFormsAreRefused() throws Exception {
        HttpResponse<String> answer = deploy(Map.of("steal.html",
                "<script>fetch('/camunda/api/engine/engine/default/variable-instance')</script>".getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(answer.body(), "$.message"))
                .contains("steal.html: only diagrams (.bpmn), decisions (.dmn) and forms (.form) may be deployed");
    }

    @Test
    void aFormThatFramesAnotherSiteIsRefused() throws Exception {
        String form = Files.readString(Path.of("forms", "triage-ticket.form")).replaceFirst("\"type\": \"select\"",
                "\"type\": \"iframe\", \"url\": \"https://evil.example/\"");
        HttpResponse<String> answer = deploy("triage-ticket.form", form);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(answer.body(), "$.message"))
                .contains("triage-ticket.form: Field_Product: form component `iframe` is not shown to agents");
    }

    @Test
    void aDecisionThatReadsAnAgentsWordsIsRefused() throws Exception {
        String table = Files.readString(Path.of("processes", "ticket-routing.dmn"))
                .replace("<text>businessImpact</text>", "<text>engineerNote</text>");
        assertRefused(deploy("ticket-routing.dmn", table), "ticket-routing.dmn", "Input_BusinessImpact_Expression",
                "ticket-routing.dmn: Input_BusinessImpact_Expression: `engineerNote` holds what a customer or agent wrote");
    }

    @Test
    void aDecisionWithoutHistoryTimeToLiveIsA400WithTheEnginesReason() throws Exception {
        String table = Files.readString(Path.of("processes", "response-targets.dmn"))
                .replace(" camunda:historyTimeToLive=\"P365D\"", "");
        HttpResponse<String> answer = deploy("response-targets.dmn", table);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(answer.body(), "$.type")).isEqualTo("ParseException");
        assertThat(JsonPath.<String>read(answer.body(), "$.message"))
                .startsWith("The engine refused the deployment: ")
                .contains("response-targets.dmn").contains("History Time To Live (TTL) cannot be null")
                .doesNotContain("reference");
    }

    @Test
    void aDiagramThatDoesNotParseIsA400WithTheEnginesReason() throws Exception {
        HttpResponse<String> answer = deploy("broken.bpmn", process("broken", """
                <bpmn:startEvent id="Start" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Nowhere" />
                """));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(answer.body(), "$.message")).contains("Nowhere").doesNotContain("reference");
    }

    @Test
    void everyShippedDiagramDecisionAndFormPassesTheGate() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String folder : new String[]{"processes", "forms"}) {
            try (Stream<Path> list = Files.list(Path.of(folder))) {
                for (Path file : list.sorted().toList()) {
                    files.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
        }
        HttpResponse<String> answer = deploy(files);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JsonPath.<Map<String, Object>>read(answer.body(), "$.deployedProcessDefinitions")).hasSize(4);
        assertThat(JsonPath.<Map<String, Object>>read(answer.body(), "$.deployedDecisionDefinitions")).hasSize(2);
    }

    @Test
    void aNewRoutingRowDeploysAndRoutesTheNextTicket() throws Exception {
        String table = Files.readString(Path.of("processes", "ticket-routing.dmn")).replace("<rule id=\"Rule_01\">", """
                <rule id="Rule_Lifecycle_Licensing">
                  <description>Lifecycle licensing questions go to the account team, HIGH</description>
                  <inputEntry id="Rule_LL_In0"><text>"LIFECYCLE"</text></inputEntry>
                  <inputEntry id="Rule_LL_In1"><text></text></inputEntry>
                  <inputEntry id="Rule_LL_In2"><text></text></inputEntry>
                  <inputEntry id="Rule_LL_In3"><text></text></inputEntry>
                  <outputEntry id="Rule_LL_Team"><text>"team-accounts"</text></outputEntry>
                  <outputEntry id="Rule_LL_Priority"><text>"HIGH"</text></outputEntry>
                </rule>
                <rule id="Rule_01">""");
        assertThat(deploy("ticket-routing.dmn", table).statusCode()).isEqualTo(200);

        String number = tickets.file(fixtures.organization().activeLicence(Product.LIFECYCLE).owner("lena"));
        assertThat(tickets.candidateGroups(number)).containsExactly("team-accounts");
    }

    @Test
    void aChangedTargetHourARenamedTaskAndANewPathBetweenPublishedStepsDeploy() throws Exception {
        String targets = Files.readString(Path.of("processes", "response-targets.dmn"))
                .replaceFirst("<outputEntry id=\"Rule_Urgent_Hours\">\\s*<text>1</text>",
                        "<outputEntry id=\"Rule_Urgent_Hours\"><text>2</text>");
        assertThat(deploy("response-targets.dmn", targets).statusCode()).isEqualTo(200);

        String ticket = Files.readString(Path.of("processes", "support-ticket.bpmn"))
                .replace("name=\"Send solved notice\"", "name=\"Mail the customer: solved\"")
                .replace("pendingSince, 2)}", "pendingSince, 3)}")
                .replace("name=\"Reminder 1: 2 business days\"", "name=\"Reminder 1: 3 business days\"");
        HttpResponse<String> diagram = deploy("support-ticket.bpmn", ticket);
        assertThat(diagram.statusCode()).as(diagram.body()).isEqualTo(200);

        HttpResponse<String> newPath = deploy("thank-you.bpmn", process("thank-you", """
                <bpmn:startEvent id="Start" />
                <bpmn:serviceTask id="Task_Thank" name="Thank the customer" camunda:delegateExpression="${notify}">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="template">solved</camunda:inputParameter>
                    <camunda:inputParameter name="audience">customer</camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:exclusiveGateway id="Gateway_Open" default="Flow_Closed" />
                <bpmn:userTask id="Task_Follow" name="Follow up ${ticketNumber}" camunda:candidateGroups="${team}"
                               camunda:dueDate="${businessTime.plusBusinessDays(execution, receivedAt, 1)}" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Thank" />
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Thank" targetRef="Gateway_Open" />
                <bpmn:sequenceFlow id="Flow_Open" sourceRef="Gateway_Open" targetRef="Task_Follow">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${status != 'CLOSED' &amp;&amp; businessTime.isOpen(execution)}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="Flow_Closed" sourceRef="Gateway_Open" targetRef="End" />
                <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Follow" targetRef="End" />
                """));
        assertThat(newPath.statusCode()).as(newPath.body()).isEqualTo(200);
    }

    @Test
    void aTaskADiagramHandsToTheAnalystsThroughAVariableIsNeitherTheirsToReadNorToWork() throws Exception {
        HttpResponse<String> deployed = deploy("handover.bpmn", process("handover", """
                <bpmn:startEvent id="Start" />
                <bpmn:userTask id="Task_ForAnalysts" name="For the analysts" camunda:candidateGroups="${team}" camunda:assignee="${assignee}">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="team">process-analysts</camunda:inputParameter>
                    <camunda:inputParameter name="assignee">analyst</camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_ForAnalysts" />
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_ForAnalysts" targetRef="End" />
                """));
        assertThat(deployed.statusCode()).as("variables are the diagram's to set").isEqualTo(200);
        String instance = runtime.startProcessInstanceByKey("handover", "SD-HANDOVER").getId();
        org.camunda.bpm.engine.task.Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
        assertThat(task.getAssignee()).isEqualTo("analyst");

        assertThat(authorizations.createAuthorizationQuery().resourceType(org.camunda.bpm.engine.authorization.Resources.TASK)
                .resourceId(task.getId()).list()).as("no right to the task for the analysts or the analyst").isEmpty();
        CamundaWebapps webapps = new CamundaWebapps(port);
        assertThat(webapps.engineRest("POST", "/engine-rest/task/" + task.getId() + "/complete", ANALYST, "{}")
                .statusCode()).isEqualTo(403);
        assertThat(webapps.engineRest("POST", "/engine-rest/task/" + task.getId() + "/claim", ANALYST,
                "{\"userId\":\"analyst\"}").statusCode()).isEqualTo(403);
        assertThat(taskService.createTaskQuery().processInstanceId(instance).count()).isEqualTo(1);
    }

    @Test
    void theTeamsOfATaskGetTheirRightToItAsBefore() throws Exception {
        String number = tickets.file(fixtures.organization().activeLicence(Product.LIFECYCLE).owner("tess"));
        String task = tickets.task(number).getId();
        assertThat(authorizations.createAuthorizationQuery().resourceType(org.camunda.bpm.engine.authorization.Resources.TASK)
                .resourceId(task).list()).extracting(org.camunda.bpm.engine.authorization.Authorization::getGroupId)
                .containsExactlyElementsOf(tickets.candidateGroups(number));
        assertThat(new CamundaWebapps(port).engineRest("POST", "/engine-rest/task/" + task + "/claim", "agent:agent",
                "{\"userId\":\"agent\"}").statusCode()).isEqualTo(204);
    }

    @Test
    void aDiagramStoredBeforeTheGateExistedIsRefusedWhenANodeLoadsItAndDoesNotRun() throws Exception {
        assertThat(deploy("older.bpmn", process("older", """
                <bpmn:startEvent id="Start" />
                <bpmn:serviceTask id="Task_Run" camunda:expression="${1 + 1}" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Run" />
                """)).statusCode()).isEqualTo(200);
        // what an older version of the desk let an analyst deploy, as it lies in the database
        String command = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
                + ".exec('touch " + MARKER.toAbsolutePath() + "')}";
        String deploymentId = repository.createDeploymentQuery().deploymentName("from Modeler").singleResult().getId();
        jdbc.sql("update ACT_GE_BYTEARRAY set BYTES_ = ? where DEPLOYMENT_ID_ = ? and NAME_ = 'older.bpmn'")
                .params(process("older", """
                        <bpmn:startEvent id="Start" />
                        <bpmn:serviceTask id="Task_Run" camunda:expression="%s" />
                        <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Run" />
                        """.formatted(command.replace("'", "&apos;"))).getBytes(StandardCharsets.UTF_8), deploymentId)
                .update();
        engine.getDeploymentCache().discardProcessDefinitionCache(); // as a node that starts, or another node

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("older"))
                .isInstanceOf(org.camunda.bpm.engine.ParseException.class)
                .hasMessageContaining("older.bpmn: Task_Run: camunda:expression: method calls may only call the published functions");
        assertThat(MARKER).doesNotExist();
    }

    @Test
    void theEngineHasNoScriptEngineNotEvenJuel() {
        assertThat(engine.getScriptEngineResolver().getScriptEngine("juel", false)).isNull();
        assertThat(engine.getScriptEngineResolver().getScriptEngine("javascript", false)).isNull();
    }

    private void assertRefused(HttpResponse<String> answer, String file, String element, String sentence) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(JsonPath.<String>read(answer.body(), "$.type")).isEqualTo("ParseException");
        assertThat(JsonPath.<String>read(answer.body(), "$.message")).contains(sentence);
        assertThat(JsonPath.<String>read(answer.body(), "$.details['" + file + "'].errors[0].mainElementId"))
                .isEqualTo(element);
        assertThat(repository.createDeploymentQuery().deploymentName("from Modeler").count())
                .as("nothing of it is stored").isZero();
    }

    private HttpResponse<String> deploy(String file, String content) throws Exception {
        return deploy(Map.of(file, content.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> deploy(Map<String, byte[]> files) throws Exception {
        return new CamundaWebapps(port).deploy(ANALYST, files);
    }

    /** A diagram with one process around {@code body}, as Modeler saves one (namespaces, history time to live). */
    static String process(String id, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:activiti="http://activiti.org/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_%1$s" targetNamespace="http://supportdesk.org/bpmn">
                  <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P30D">
                %2$s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(id, body).strip();
    }
}
