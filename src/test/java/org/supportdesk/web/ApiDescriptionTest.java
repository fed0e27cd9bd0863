package org.supportdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.supportdesk.Api;
import org.supportdesk.SupportDeskTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Issue #14: the OpenAPI description covers every public endpoint, and README's curl lines call described ones. */
@SupportDeskTest
class ApiDescriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired Api api;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @Test
    void everyApiEndpointIsDescribedWithTheLoginItTakes() throws Exception {
        JsonNode paths = description().path("paths");
        List<String> missing = new ArrayList<>();
        int endpoints = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (var method : mapping.getKey().getMethodsCondition().getMethods()) {
                    endpoints++;
                    JsonNode operation = paths.path(pattern).path(method.name().toLowerCase(Locale.ROOT));
                    if (operation.isMissingNode()) {
                        missing.add(method + " " + pattern);
                    } else if (!pattern.startsWith("/api/invitations") && !pattern.startsWith("/api/password-resets")) {
                        String login = pattern.startsWith("/api/staff/") ? "staff" : "customer";
                        assertThat(operation.path("security").toString()).as(method + " " + pattern).contains(login);
                    }
                }
            }
        }
        assertThat(endpoints).as("endpoints under /api").isGreaterThan(30);
        assertThat(missing).as("endpoints missing from /v3/api-docs").isEmpty();
    }

    @Test
    void readmesCurlLinesCallDescribedEndpoints() throws Exception {
        JsonNode paths = description().path("paths");
        String readme = Files.readString(Path.of("README.md")).replace("\\\n", " ");
        Matcher url = Pattern.compile("(?:localhost:8080|https://support\\.example\\.com)(/api/[^\\s\"'?#]*)")
                .matcher("");
        List<String> undescribed = new ArrayList<>();
        int calls = 0;
        for (String line : readme.split("\n")) {
            if (!line.contains("curl ") || !url.reset(line).find()) {
                continue;
            }
            calls++;
            String path = url.group(1).replaceAll("[`)]+$", "");
            Matcher explicit = Pattern.compile("-X\\s+([A-Z]+)").matcher(line);
            String method = explicit.find() ? explicit.group(1)
                    : line.matches(".*\\s(-d|-F|--data)\\s.*") ? "POST" : "GET";
            boolean described = false;
            var names = paths.fieldNames();
            while (names.hasNext()) {
                String template = names.next();
                if (path.matches(template.replaceAll("\\{[^}]+}", "[^/]+"))
                        && paths.path(template).has(method.toLowerCase(Locale.ROOT))) {
                    described = true;
                }
            }
            if (!described) {
                undescribed.add(method + " " + path);
            }
        }
        assertThat(calls).as("README's curl lines to /api").isGreaterThan(15);
        assertThat(undescribed).isEmpty();
    }

    @Test
    void readmesRequestBodiesAreTheDescribedExamples() throws Exception {
        JsonNode paths = description().path("paths");
        String readme = Files.readString(Path.of("README.md"));
        // a curl command: "curl", then up to its -d '…' body (which may span lines), URL before or after the body
        Matcher call = Pattern.compile("curl [^\\n]*?(?:\\\\\\n[^\\n]*?)*?-d '([^']*)'[^\\n]*").matcher(readme);
        Matcher url = Pattern.compile("(?:localhost:8080|https://support\\.example\\.com)(/api/[^\\s\"'?#]*)")
                .matcher("");
        List<String> unmatched = new ArrayList<>();
        int bodies = 0;
        while (call.find()) {
            String command = call.group();
            if (!url.reset(command).find()) {
                continue;
            }
            bodies++;
            String path = url.group(1);
            Matcher explicit = Pattern.compile("-X\\s+([A-Z]+)").matcher(command);
            String method = (explicit.find() ? explicit.group(1) : "POST").toLowerCase(Locale.ROOT);
            JsonNode body = JSON.readTree(call.group(1));
            boolean shown = false;
            var names = paths.fieldNames();
            while (names.hasNext()) {
                String template = names.next();
                if (!path.matches(template.replaceAll("\\{[^}]+}", "[^/]+"))) {
                    continue;
                }
                JsonNode examples = paths.path(template).path(method).path("requestBody").path("content")
                        .path("application/json").path("examples");
                for (JsonNode example : examples) {
                    shown |= example.path("value").equals(body);
                }
            }
            if (!shown) {
                unmatched.add(method.toUpperCase(Locale.ROOT) + " " + path + " " + body);
            }
        }
        assertThat(bodies).as("README's curl lines with a JSON body").isGreaterThanOrEqualTo(12);
        assertThat(unmatched).as("README bodies that are no example of their operation").isEmpty();
    }

    @Test
    void answeringATicketIsDescribedWithBothBodiesItsActionsAndItsAnswers() throws Exception {
        JsonNode answers = description().path("paths").path("/api/staff/tickets/{number}/answers").path("post");

        assertThat(answers.path("requestBody").path("content").has("application/json")).isTrue();
        assertThat(answers.path("requestBody").path("content").path("multipart/form-data").path("schema")
                .toString()).contains("\"answer\"", "\"files\"");
        assertThat(answers.path("requestBody").path("content").path("application/json").path("examples").size())
                .isGreaterThanOrEqualTo(5);
        assertThat(answers.path("summary").asText()).startsWith("Answer the ticket through its open Work task");
        assertThat(answers.path("description").asText()).contains("REPLY", "REQUEST_INFO", "SOLVED", "DUPLICATE",
                "RETRIAGE", "NOTE", "400 invalid-fields", "409 no-work-task", "work-task-held", "403 not-your-team",
                "413 attachment-too-large");
        assertThat(answers.path("security").toString()).contains("staff");
    }

    @Test
    void theUiIsAtApiDocs() {
        Api.Response ui = api.anonymous().get("/api-docs");
        assertThat(ui.status()).isIn(200, 302);
        Api.Response page = api.anonymous().get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Swagger UI");
    }

    private JsonNode description() throws Exception {
        Api.Response response = api.anonymous().get("/v3/api-docs");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("info").path("title").asText()).isEqualTo("Support Desk API");
        return json;
    }
}
