package org.supportdesk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.context.TestComponent;
import org.supportdesk.Api.Response;
import org.supportdesk.processes.SupportTicketDiagram;

/** Filing tickets through the API and working them as the demo agent, the way Tasklist does. */
@TestComponent
public class Tickets {

    public static final String AGENT = "agent";
    private static final List<String> AGENT_GROUPS = List.of("support-agents", "team-repository", "team-lifecycle",
            "team-general", "team-accounts");

    private final Api api;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final org.camunda.bpm.engine.FormService forms;
    private final IdentityService identity;

    Tickets(Api api, RuntimeService runtime, TaskService tasks, IdentityService identity,
            org.camunda.bpm.engine.FormService forms) {
        this.forms = forms;
        this.api = api;
        this.runtime = runtime;
        this.tasks = tasks;
        this.identity = identity;
    }

    /** A valid web-form request; change fields with {@link Map#put}. */
    public static Map<String, Object> request() {
        Map<String, Object> request = new HashMap<>();
        request.put("product", "LIFECYCLE");
        request.put("topic", "CONFIGURATION");
        request.put("concernType", "PROBLEM");
        request.put("summary", "Policy evaluation fails");
        request.put("description", "Evaluating the default policy fails with an error.");
        request.put("businessImpact", "NORMAL");
        return request;
    }

    public String file(String requester, Map<String, Object> request) {
        Response response = api.as(requester).post("/api/tickets", request);
        if (response.status() != 201) {
            throw new AssertionError("Filing failed: " + response);
        }
        return response.json("$.number");
    }

    public String file(String requester) {
        return file(requester, request());
    }

    public ProcessInstance process(String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(SupportTicketDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(number).singleResult();
    }

    public Task task(String number) {
        return tasks.createTaskQuery().processInstanceBusinessKey(number).singleResult();
    }

    public List<String> candidateGroups(String number) {
        return tasks.getIdentityLinksForTask(task(number).getId()).stream()
                .filter(link -> "candidate".equals(link.getType())).map(link -> link.getGroupId()).toList();
    }

    /** Claims the open task as {@code user} (in {@code groups}) and submits its form, signed in like Tasklist. */
    public void completeAs(String user, List<String> groups, String number, Map<String, Object> formValues) {
        Task task = task(number);
        identity.setAuthentication(user, groups);
        try {
            if (task.getAssignee() == null) {
                tasks.claim(task.getId(), user);
            }
            forms.submitTaskForm(task.getId(), formValues);
        } finally {
            identity.clearAuthentication();
        }
    }

    /** Files a ticket with one attached file through the web form's multipart request. */
    public String fileWithFile(String requester, Map<String, Object> request, String fileName, byte[] content) {
        org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
        org.springframework.http.HttpHeaders json = new org.springframework.http.HttpHeaders();
        json.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        parts.add("ticket", new org.springframework.http.HttpEntity<>(request, json));
        parts.add("files", new org.springframework.core.io.ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
        var response = api.as(requester).template().postForEntity("/api/tickets",
                new org.springframework.http.HttpEntity<>(parts, headers), String.class);
        if (response.getStatusCode().value() != 201) {
            throw new AssertionError("Filing failed: " + response);
        }
        return com.jayway.jsonpath.JsonPath.read(response.getBody(), "$.number");
    }

    /** Claims the open task as the agent and submits its form with these values, signed in like Tasklist. */
    public void complete(String number, Map<String, Object> formValues) {
        Task task = task(number);
        identity.setAuthentication(AGENT, AGENT_GROUPS);
        try {
            if (task.getAssignee() == null) {
                tasks.claim(task.getId(), AGENT);
            }
            forms.submitTaskForm(task.getId(), formValues);
        } finally {
            identity.clearAuthentication();
        }
    }

    public void triage(String number, String priority, String team) {
        complete(number, Map.of("priority", priority, "team", team));
    }

    public void work(String number, String action, String reply) {
        Map<String, Object> values = new HashMap<>();
        values.put("action", action);
        values.put("reply", reply);
        complete(number, values);
    }

    public Response reply(String customer, String number, String body) {
        return api.as(customer).post("/api/tickets/" + number + "/replies", Map.of("body", body));
    }
}
