package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * The agent's side in Tasklist, over the engine REST API calls Tasklist makes (checked against the Tasklist 7.24
 * bundle): list the team's tasks through a filter, load the Camunda Form ({@code deployed-form}) and its values
 * ({@code form-variables?deserializeValues=false}, Json values are {@code JSON.parse}d), claim, and submit the
 * form's enabled fields ({@code submit-form}; disabled fields are not sent).
 */
@SupportDeskTest
class TasklistFormsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired TicketRepository repository;
    @Autowired Jobs jobs;
    @LocalServerPort int port;

    String requester;

    @BeforeEach
    void organisation() {
        EngineTime.newYork("2026-12-01T10:00"); // a Tuesday
        requester = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
    }

    @Test
    void agentFindsTheNewTicketInTheTeamFilter() throws Exception {
        String number = tickets.file(requester);

        JsonNode filters = json(call("agent", "GET", "/engine-rest/filter?resourceType=Task", null), 200);
        String teamFilter = idOf(filters, "My team's tasks");
        JsonNode listed = json(call("agent", "POST", "/engine-rest/filter/" + teamFilter + "/list?maxResults=1000",
                "{}"), 200);

        JsonNode task = taskOf(listed, tickets.task(number).getId());
        assertThat(task).as("triage task of %s in the team filter", number).isNotNull();
        assertThat(task.path("name").asText()).isEqualTo("Triage " + number + ": Policy evaluation fails");
        assertThat(task.path("taskDefinitionKey").asText()).isEqualTo(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(task.path("camundaFormRef").path("key").asText()).isEqualTo("triage-ticket");
    }

    @Test
    void triageTaskOpensTheTriageForm() throws Exception {
        String number = tickets.file(requester);

        JsonNode form = json(call("agent", "GET", "/engine-rest/task/" + taskId(number) + "/deployed-form", null), 200);

        assertThat(form).isEqualTo(JSON.readTree(Files.readString(Path.of("forms/triage-ticket.form"))));
        assertThat(form.path("id").asText()).isEqualTo("triage-ticket");
    }

    @Test
    void triageFormAsksOnlyForTheDecisionsAndNamesTheTicket() throws Exception {
        String number = tickets.file(requester);
        String taskId = taskId(number);

        JsonNode form = json(call("agent", "GET", "/engine-rest/task/" + taskId + "/deployed-form", null), 200);
        JsonNode values = formVariables("agent", taskId);

        assertThat(missingValues(form, values, List.of())).as("form fields without a value").isEmpty();
        assertThat(keys(form)).containsExactly("product", "topic", "priority", "team");
        assertThat(shown(values, "ticketNumber")).as("the heading's number").isEqualTo(number);
        assertThat(shown(values, "summary")).as("the heading's subject").isEqualTo("Policy evaluation fails");
        assertThat(values.toString()).as("the request is read in the Ticket tab, from the ticket's tables")
                .doesNotContain("Evaluating the default policy fails with an error.").doesNotContain(requester);
    }

    @Test
    void triageFormStartsFromTheRoutedPriorityAndTeam() throws Exception {
        String number = tickets.file(requester);
        String taskId = taskId(number);

        JsonNode form = json(call("agent", "GET", "/engine-rest/task/" + taskId + "/deployed-form", null), 200);
        JsonNode values = formVariables("agent", taskId);

        assertThat(shown(values, "priority")).isEqualTo("NORMAL");
        assertThat(shown(values, "team")).isEqualTo("team-lifecycle");
        // a select whose value is not one of its options shows empty in Tasklist
        for (JsonNode component : form.path("components")) {
            if (component.path("type").asText().equals("select")) {
                List<String> options = new ArrayList<>();
                component.path("values").forEach(v -> options.add(v.path("value").asText()));
                assertThat(options).as("options of %s", component.path("key").asText())
                        .contains(shown(values, component.path("key").asText()));
            }
        }
    }

    @Test
    void theFormsVariablesHoldNoneOfTheTicketsTexts() throws Exception {
        String number = tickets.file(requester);
        tickets.reply(requester, number, "It fails on every node.");

        JsonNode values = formVariables("agent", taskId(number));

        assertThat(values.toString()).doesNotContain("It fails on every node.")
                .doesNotContain("Evaluating the default policy fails");
        for (String former : List.of("request", "conversation", "attachmentList", "internalNotes", "requester")) {
            assertThat(values.has(former)).as(former).isFalse();
        }
    }

    @Test
    void submittingTheTriageFormOpensTheTicketForTheAgent() throws Exception {
        String number = tickets.file(requester);
        String taskId = taskId(number);

        assertThat(call("agent", "POST", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"agent\"}")
                .statusCode()).isEqualTo(204);
        HttpResponse<String> submitted = call("agent", "POST", "/engine-rest/task/" + taskId + "/submit-form",
                variables(Map.of("priority", "HIGH", "team", "team-lifecycle")));

        assertThat(submitted.statusCode()).as(submitted.body()).isIn(200, 204);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK).task().isAssignedTo("agent");
        Ticket ticket = repository.findByNumber(number).orElseThrow();
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.priority()).isEqualTo(Priority.HIGH);
        assertThat(ticket.assignee()).isEqualTo("agent");
    }

    @Test
    void completingTheTriageTaskAlsoWorks() throws Exception {
        String number = tickets.file(requester);
        String taskId = taskId(number);
        call("agent", "POST", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"agent\"}");

        HttpResponse<String> completed = call("agent", "POST", "/engine-rest/task/" + taskId + "/complete",
                variables(Map.of("priority", "NORMAL", "team", "team-lifecycle")));

        assertThat(completed.statusCode()).as(completed.body()).isIn(200, 204);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
    }

    @Test
    void workTaskOpensTheWorkFormWithOnlyTheAgentsDecisions() throws Exception {
        String number = triagedOverRest();
        String taskId = taskId(number);

        JsonNode form = json(call("agent", "GET", "/engine-rest/task/" + taskId + "/deployed-form", null), 200);
        JsonNode values = formVariables("agent", taskId);

        assertThat(form).isEqualTo(JSON.readTree(Files.readString(Path.of("forms/work-ticket.form"))));
        assertThat(keys(form)).containsExactly("reply", "action", "note", "newPriority", "newTeam", "duplicateOf");
        assertThat(values.has("reply")).as("answer field starts empty").isFalse();
        assertThat(values.has("action")).as("action starts unchosen").isFalse();
    }

    @Test
    void r14_thePendingTaskOpensTheWorkFormShowingWhatFinishesTheWaitAndTakesItsAnswerOverRest() throws Exception {
        String number = triagedOverRest();
        HttpResponse<String> asked = call("agent", "POST", "/engine-rest/task/" + taskId(number) + "/submit-form",
                variables(Map.of("action", "REQUEST_INFO", "reply", "Which version do you run?")));
        assertThat(asked.statusCode()).as(asked.body()).isIn(200, 204);
        String pendingTask = taskId(number);

        JsonNode form = json(call("agent", "GET", "/engine-rest/task/" + pendingTask + "/deployed-form", null), 200);
        JsonNode values = formVariables("agent", pendingTask);

        assertThat(tickets.task(number).getTaskDefinitionKey()).isEqualTo(SupportTicketDiagram.PENDING_TASK);
        assertThat(form).as("the same answer form").isEqualTo(JSON.readTree(Files.readString(Path.of("forms/work-ticket.form"))));
        assertThat(shown(values, "status")).as("shows the PENDING line (Text_Pending)").isEqualTo("PENDING");
        assertThat(values.has("action")).as("action starts unchosen").isFalse();

        HttpResponse<String> refused = call("agent", "POST", "/engine-rest/task/" + pendingTask + "/submit-form",
                variables(Map.of("action", "REPLY", "reply", "Any news?")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused, 400).path("message").asText()).contains("The ticket is PENDING", "take it back to work");

        HttpResponse<String> solved = call("agent", "POST", "/engine-rest/task/" + pendingTask + "/submit-form",
                variables(Map.of("action", "SOLVE", "reply", "Solved with you on the phone.")));
        assertThat(solved.statusCode()).as(solved.body()).isIn(200, 204);
        assertThat(repository.findByNumber(number).orElseThrow().closeReason()).isEqualTo(CloseReason.SOLVED);
        assertThat(mailbox.to(requester, "Solved")).singleElement()
                .satisfies(mail -> assertThat(mail.body()).contains("Solved with you on the phone."));
    }

    @Test
    void answeringThroughTheWorkFormMailsTheCustomerAndKeepsTheAnswerInTheTicketOnly() throws Exception {
        String number = triagedOverRest();
        String taskId = taskId(number);

        HttpResponse<String> submitted = call("agent", "POST", "/engine-rest/task/" + taskId + "/submit-form",
                variables(Map.of("action", "REPLY", "reply", "Please send the <server.log>.")));

        assertThat(submitted.statusCode()).as(submitted.body()).isIn(200, 204);
        assertThat(mailbox.to(requester, "Re: [" + number + "]")).singleElement()
                .satisfies(mail -> assertThat(mail.body()).contains("Please send the <server.log>."));
        Ticket ticket = repository.findByNumber(number).orElseThrow();
        assertThat(repository.messages(ticket.id())).last().satisfies(m -> {
            assertThat(m.body()).isEqualTo("Please send the <server.log>.");
            assertThat(m.authorName()).isEqualTo("Alex Agent");
        });
        JsonNode next = formVariables("agent", taskId(number));
        assertThat(next.toString()).doesNotContain("server.log");
        assertThat(next.has("reply")).as("the next form starts empty").isFalse();
        assertThat(next.has("action")).isFalse();
    }

    @Test
    void anAnswerSentAsAVariableOfItsOwnInsteadOfWithTheFormIsRefusedAndStoresNothing() throws Exception {
        String number = triagedOverRest();
        String taskId = taskId(number);

        HttpResponse<String> completed = call("agent", "POST", "/engine-rest/task/" + taskId + "/complete",
                variables(Map.of("action", "REPLY", "reply", "Sent the wrong way.")));

        assertThat(completed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(completed.body()).path("message").asText())
                .contains("submit it with the task's form (POST /task/{id}/submit-form)");
        assertThat(taskId(number)).as("the task is still open").isEqualTo(taskId);
        assertThat(repository.messages(repository.findByNumber(number).orElseThrow().id()))
                .noneMatch(m -> m.body().contains("Sent the wrong way."));
    }

    @Test
    void variablesSentWithTheWorkFormChangeNothingTheCustomerOrTheMailSees() throws Exception {
        String number = triagedOverRest();
        TestFixtures.OrgFixture tokyo = fixtures.organization("Asia/Tokyo", "JP").activeLicence(Product.LIFECYCLE);
        String stranger = tokyo.owner("mallory");
        EngineTime.setNewYork("2026-11-25T10:00"); // the Wednesday before Thanksgiving, a US holiday

        Map<String, String> forged = new java.util.LinkedHashMap<>();
        forged.put("action", "REQUEST_INFO");
        forged.put("reply", "Which version do you run?");
        forged.put("requester", "Mallory <" + stranger + ">");
        forged.put("requesterEmail", stranger);
        forged.put("organizationId", tokyo.id());
        forged.put("ticketNumber", "SD-1");
        forged.put("ticketId", "1");
        forged.put("status", "CLOSED");
        HttpResponse<String> submitted = call("agent", "POST", "/engine-rest/task/" + taskId(number) + "/submit-form",
                variables(forged));

        assertThat(submitted.statusCode()).as(submitted.body()).isIn(200, 204);
        Ticket ticket = repository.findByNumber(number).orElseThrow();
        assertThat(ticket.status()).isEqualTo(TicketStatus.PENDING);
        assertThat(ticket.requesterEmail()).isEqualTo(requester);
        assertThat(mailbox.to(requester, "Re: [" + number + "] We need information from you")).singleElement()
                .satisfies(mail -> assertThat(mail.body()).contains("Which version do you run?"));
        assertThat(mailbox.to(stranger)).as("mail to the forged requester").isEmpty();
        assertThat(repository.messages(ticket.id())).last()
                .satisfies(m -> assertThat(m.body()).isEqualTo("Which version do you run?"));
        // reminders count business days in the ticket's organisation (New York, US holidays), not the forged one's
        assertThat(Jobs.due(jobs.timer(tickets.process(number).getId(), "Timer_FirstReminder")))
                .isEqualTo(EngineTime.newYork("2026-11-30T10:00"));
    }

    @Test
    void aManagerSeesTheTeamTaskButCannotWorkIt() throws Exception {
        String number = tickets.file(requester);
        String taskId = taskId(number);

        JsonNode visible = json(call("manager", "GET", "/engine-rest/task?processInstanceBusinessKey=" + number,
                null), 200);
        assertThat(visible).hasSize(1);

        assertThat(call("manager", "POST", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"manager\"}")
                .statusCode()).isEqualTo(403);
        assertThat(call("manager", "POST", "/engine-rest/task/" + taskId + "/submit-form",
                variables(Map.of("priority", "LOW", "team", "team-general"))).statusCode()).isEqualTo(403);
        assertThat(call("manager", "POST", "/engine-rest/task/" + taskId + "/complete",
                variables(Map.of("priority", "LOW", "team", "team-general"))).statusCode()).isEqualTo(403);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(tickets.task(number).getAssignee()).isNull();
    }

    @Test
    void someoneOutsideTheTeamNeitherSeesNorCompletesItsTask() throws Exception {
        String number = tickets.file(requester);
        String taskId = taskId(number);

        assertThat(json(call("oncall", "GET", "/engine-rest/task?processInstanceBusinessKey=" + number, null), 200))
                .isEmpty();
        assertThat(call("oncall", "GET", "/engine-rest/task/" + taskId + "/form-variables", null).statusCode())
                .isEqualTo(403);
        assertThat(call("oncall", "POST", "/engine-rest/task/" + taskId + "/submit-form",
                variables(Map.of("priority", "LOW", "team", "team-general"))).statusCode()).isEqualTo(403);
        assertThat(call("oncall", "POST", "/engine-rest/task/" + taskId + "/complete",
                variables(Map.of("priority", "LOW", "team", "team-general"))).statusCode()).isEqualTo(403);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
    }

    @Test
    void solvingWithoutAMessageDoesNotRepeatAnEarlierReply() throws Exception {
        String number = triagedOverRest();
        call("agent", "POST", "/engine-rest/task/" + taskId(number) + "/submit-form",
                variables(Map.of("action", "REPLY", "reply", "Have you tried restarting the server?")));

        call("agent", "POST", "/engine-rest/task/" + taskId(number) + "/submit-form",
                variables(Map.of("action", "SOLVE")));

        assertThat(mailbox.to(requester, "Solved")).singleElement()
                .satisfies(mail -> assertThat(mail.body()).doesNotContain("Have you tried restarting the server?"));
    }

    @Test
    void theTeamFilterShowsTheFirstResponseTargetAsDueDateEarliestFirst() throws Exception {
        EngineTime.setNewYork("2026-12-01T10:00");
        String normal = tickets.file(requester); // filed Tuesday 10:00: 8 business hours
        Map<String, Object> high = Tickets.request();
        high.put("businessImpact", "HIGH");
        high.put("businessImpactStatement", "Releases are blocked.");
        String urgent = tickets.file(requester, high); // 4 business hours

        String teamFilter = idOf(json(call("agent", "GET", "/engine-rest/filter?resourceType=Task", null), 200),
                "My team's tasks");
        JsonNode listed = json(call("agent", "POST", "/engine-rest/filter/" + teamFilter + "/list?maxResults=1000",
                "{}"), 200);

        JsonNode normalTask = taskOf(listed, taskId(normal));
        JsonNode highTask = taskOf(listed, taskId(urgent));
        assertThat(restDate(normalTask.path("due").asText())).isEqualTo(EngineTime.newYork("2026-12-02T10:00"));
        assertThat(restDate(highTask.path("due").asText())).isEqualTo(EngineTime.newYork("2026-12-01T14:00"));
        List<String> order = new ArrayList<>();
        List<java.time.Instant> dues = new ArrayList<>();
        JsonNode all = listed.has("_embedded") ? listed.path("_embedded").path("task") : listed;
        for (JsonNode task : all) {
            order.add(task.path("id").asText());
            if (task.hasNonNull("due")) {
                dues.add(restDate(task.path("due").asText()));
            }
        }
        assertThat(order.indexOf(taskId(urgent))).as("earlier target first").isLessThan(order.indexOf(taskId(normal)));
        assertThat(dues).isSorted();
    }

    @Test
    void aManagerReassignsATeamTaskButStillCannotCompleteIt() throws Exception {
        String number = triagedOverRest();
        String taskId = taskId(number);

        HttpResponse<String> reassigned = call("manager", "POST", "/engine-rest/task/" + taskId + "/assignee",
                "{\"userId\":\"oncall\"}");
        assertThat(reassigned.statusCode()).as(reassigned.body()).isEqualTo(204);
        assertThat(tickets.task(number).getAssignee()).isEqualTo("oncall");
        assertThat(repository.findByNumber(number).orElseThrow().assignee()).isEqualTo("oncall");
        assertThat(call("manager", "POST", "/engine-rest/task/" + taskId + "/assignee", "{\"userId\":null}")
                .statusCode()).as("back to the queue").isEqualTo(204);

        assertThat(call("manager", "POST", "/engine-rest/task/" + taskId + "/complete",
                variables(Map.of("action", "SOLVE"))).statusCode()).isEqualTo(403);
        assertThat(call("manager", "POST", "/engine-rest/task/" + taskId + "/submit-form",
                variables(Map.of("action", "SOLVE"))).statusCode()).isEqualTo(403);
        assertThat(call("manager", "POST", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"manager\"}")
                .statusCode()).isEqualTo(403);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
    }

    @Test
    void aRefusedDuplicateTellsTheAgentWhyInTasklist() throws Exception {
        String number = triagedOverRest();

        HttpResponse<String> refused = call("agent", "POST", "/engine-rest/task/" + taskId(number) + "/submit-form",
                variables(Map.of("action", "CLOSE_DUPLICATE", "duplicateOf", number)));

        assertThat(json(refused, 400).path("message").asText())
                .contains("Duplicate of " + number + ": that is this ticket");
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
    }

    @Test
    void aNoteFromTheWorkFormIsKeptInTheTicketAndTheNextFormStartsEmpty() throws Exception {
        String number = triagedOverRest();

        HttpResponse<String> noted = call("agent", "POST", "/engine-rest/task/" + taskId(number) + "/submit-form",
                variables(Map.of("action", "NOTE", "note", "Checked the logs: OOM at 02:00.")));

        assertThat(noted.statusCode()).as(noted.body()).isIn(200, 204);
        assertThat(call("agent", "GET", "/api/staff/tickets/" + number, null).body())
                .contains("Checked the logs: OOM at 02:00.");
        JsonNode values = formVariables("agent", taskId(number));
        assertThat(values.toString()).doesNotContain("OOM");
        assertThat(values.has("note")).as("the note field starts empty").isFalse();
    }

    @Test
    void tasklistCockpitAndAdminCarryTheProductsNameAndLogoAndNoMigrationBanner() throws Exception {
        for (String app : List.of("tasklist", "cockpit", "admin")) {
            HttpResponse<String> config = call(null, "GET", "/camunda/app/" + app + "/scripts/config.js", null);
            assertThat(config.statusCode()).as(app).isEqualTo(200);
            assertThat(config.body()).as(app).contains("vendor: 'Support Desk'");
            HttpResponse<String> styles = call(null, "GET", "/camunda/app/" + app + "/styles/user-styles.css", null);
            assertThat(styles.statusCode()).as(app).isEqualTo(200);
            assertThat(styles.body()).as(app).contains("/images/support-desk-logo.svg")
                    .containsPattern("\\.ce-eol-banner \\{\\s*display: none");
        }
        HttpResponse<String> logo = call(null, "GET", "/images/support-desk-logo.svg", null);
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.body()).startsWith("<svg").contains("Support Desk");
    }

    private static java.time.Instant restDate(String value) {
        return java.time.OffsetDateTime.parse(value,
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
    }

    private String triagedOverRest() throws Exception {
        String number = tickets.file(requester);
        String taskId = taskId(number);
        call("agent", "POST", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"agent\"}");
        HttpResponse<String> submitted = call("agent", "POST", "/engine-rest/task/" + taskId + "/submit-form",
                variables(Map.of("priority", "HIGH", "team", "team-lifecycle")));
        assertThat(submitted.statusCode()).as(submitted.body()).isIn(200, 204);
        return number;
    }

    private String taskId(String number) {
        return tickets.task(number).getId();
    }

    /** The form's field keys that have no value to show (null, missing or empty), leaving out {@code except}. */
    private static List<String> missingValues(JsonNode form, JsonNode values, List<String> except) {
        List<String> keys = new ArrayList<>();
        form.path("components").forEach(c -> {
            if (c.hasNonNull("key")) {
                keys.add(c.path("key").asText());
            }
        });
        assertThat(keys).as("form field keys").isNotEmpty();
        return keys.stream().filter(key -> !except.contains(key))
                .filter(key -> {
                    JsonNode value = values.path(key).path("value");
                    return value.isMissingNode() || value.isNull() || value.asText().isBlank();
                }).toList();
    }

    /** The text Tasklist puts into a field: Json values are parsed first. */
    private static String shown(JsonNode values, String name) throws Exception {
        JsonNode variable = values.path(name);
        if (variable.path("type").asText().equals("Json")) {
            return JSON.readTree(variable.path("value").asText()).asText();
        }
        return variable.path("value").asText();
    }

    private JsonNode formVariables(String user, String taskId) throws Exception {
        return json(call(user, "GET", "/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false",
                null), 200);
    }

    private static String variables(Map<String, String> values) throws Exception {
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return JSON.writeValueAsString(Map.of("variables", variables));
    }

    private static String idOf(JsonNode filters, String name) {
        for (JsonNode filter : filters) {
            if (filter.path("name").asText().equals(name)) {
                return filter.path("id").asText();
            }
        }
        throw new AssertionError("No filter '" + name + "' in " + filters);
    }

    private static JsonNode taskOf(JsonNode listed, String taskId) {
        JsonNode tasks = listed.has("_embedded") ? listed.path("_embedded").path("task") : listed;
        for (JsonNode task : tasks) {
            if (task.path("id").asText().equals(taskId)) {
                return task;
            }
        }
        return null;
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    /** A call as a staff member (password = user name), the way Tasklist's engine client makes it. */
    private HttpResponse<String> call(String user, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The keys of a form's fields, in their order (text components have none). */
    private static List<String> keys(JsonNode form) {
        List<String> keys = new ArrayList<>();
        form.path("components").forEach(c -> {
            if (c.has("key")) {
                keys.add(c.path("key").asText());
            }
        });
        return keys;
    }
}
