package org.supportdesk.staffdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.RawHttp;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.TicketNotes;
import org.supportdesk.ticket.TicketRepository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * Issue #22 item 4 on the staff ticket page: a form (CSRF token, the work form's choices and labels, who is mailed)
 * answers through the ticket's open Work task, with files; after answering the page says what was done, or shows the
 * refusal next to its field with what was written; another site's page, customers and analysts cannot answer, and an
 * upload is not read before the staff login is checked.
 */
@SupportDeskTest
class StaffAnswerPageTest {

    @Autowired WebApplicationContext context;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired Mailbox mailbox;
    @Autowired TicketNotes notes;
    @Autowired TicketRepository repository;
    @Autowired TaskService tasks;
    @LocalServerPort int port;

    MockMvc mvc;
    OrgFixture org;
    String rita;
    String bob;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        EngineTime.setNewYork("2026-12-01T10:00");
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        rita = org.contact("rita");
        bob = org.member("bob", false, false);
    }

    static RequestPostProcessor agent() {
        return httpBasic("agent", "agent");
    }

    String worked() {
        Map<String, Object> request = Tickets.request();
        request.put("cc", List.of(bob));
        String number = tickets.file(rita, request);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        return number;
    }

    @Test
    void theAnswerFormOffersTheWorkFormsChoicesUnderItsLabelsAndSaysWhoIsMailed() throws Exception {
        String number = worked();
        Document page = page("/staff/tickets/" + number);
        Map<String, JsonNode> form = new LinkedHashMap<>();
        for (JsonNode field : new ObjectMapper().readTree(Path.of("forms/work-ticket.form").toFile())
                .path("components")) {
            form.put(field.path("key").asText(), field);
        }
        Map<String, String> onThePage = Map.of("reply", "answer-reply", "note", "answer-note",
                "newPriority", "answer-priority", "newTeam", "answer-team", "duplicateOf", "answer-duplicate-of");

        onThePage.forEach((key, id) -> {
            assertThat(page.select("label[for=" + id + "]").text()).as(key).isEqualTo(form.get(key).path("label").asText());
            assertThat(page.select("#" + id + "-help").text()).as(key)
                    .isEqualTo(form.get(key).path("description").asText());
        });
        assertThat(page.select(".answer-actions legend").text()).isEqualTo(form.get("action").path("label").asText());
        assertThat(options(page.select(".answer-actions .choice"), "input", "label")).isEqualTo(Map.of(
                "REPLY", label(form, "action", "REPLY"), "REQUEST_INFO", label(form, "action", "REQUEST_INFO"),
                "SOLVED", label(form, "action", "SOLVE"), "DUPLICATE", label(form, "action", "CLOSE_DUPLICATE"),
                "NOTE", label(form, "action", "NOTE"), "RETRIAGE", label(form, "action", "RETRIAGE")));
        assertThat(page.select(".answer-actions input").eachAttr("value"))
                .containsExactly("REPLY", "REQUEST_INFO", "SOLVED", "DUPLICATE", "NOTE", "RETRIAGE");
        assertThat(selectOptions(page, "#answer-priority")).isEqualTo(values(form, "newPriority"));
        assertThat(selectOptions(page, "#answer-team")).isEqualTo(values(form, "newTeam"));
        assertThat(page.select("#answer-priority option").first().text()).isEqualTo("Keep Normal");
        assertThat(page.select("#answer-team option").first().text()).isEqualTo("Keep Lifecycle team");
        assertThat(page.select("form.answer-form").attr("enctype")).isEqualTo("multipart/form-data");
        assertThat(page.select("form.answer-form input[name=_csrf]")).hasSize(1);
        assertThat(page.select("#answer-recipients").text()).isEqualTo("Mailed to rita <" + rita
                + ">, copied to " + bob);
        assertThat(page.select("#answer-files-help").text()).contains("up to 512.0 KiB in one mail",
                "At most 1.0 MiB per file and 2.0 MiB per answer; .doc, .docx, .msg files are not accepted.");
    }

    @Test
    void anAnswerWithAFileIsSentWithItsCsrfTokenAndThePageThenSaysWhatWasDone() throws Exception {
        String number = worked();
        byte[] steps = "1. Stop\n2. Rebuild the index\n".getBytes(StandardCharsets.UTF_8);

        MvcResult sent = mvc.perform(answer(number, "REPLY")
                .file(new MockMultipartFile("files", "steps.txt", "text/plain", steps))
                .param("reply", "Please follow <the steps> attached.").with(agent()).with(csrf())).andReturn();

        assertThat(sent.getResponse().getStatus()).isEqualTo(302);
        assertThat(sent.getResponse().getRedirectedUrl()).isEqualTo("/staff/tickets/" + number
                + "?answered=REPLY#answer");
        Document page = page("/staff/tickets/" + number + "?answered=REPLY");
        assertThat(page.select("#answer-result").text()).isEqualTo("Your answer was mailed to " + rita + ", " + bob
                + ". The ticket stays open.");
        Element answer = page.select("#conversation li.from-support").last();
        assertThat(answer.select(".text").text()).isEqualTo("Please follow <the steps> attached.");
        assertThat(answer.select(".files a").text()).isEqualTo("steps.txt");
        assertThat(page.select("form.answer-form")).as("the task is the agent's again").hasSize(1);
        Mailbox.Mail mail = StaffAnswersApiTest.single(mailbox.to(rita, "Re: [" + number + "]"));
        assertThat(mail.body()).contains("Please follow <the steps> attached.");
        assertThat(mail.attachments().get("steps.txt")).isEqualTo(steps);
    }

    @Test
    void r14_aPendingTicketsPageOffersToSolveAskAgainOrTakeItBackToWorkAndSaysWhatWasDone() throws Exception {
        String number = worked();
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        Map<String, JsonNode> form = new LinkedHashMap<>();
        for (JsonNode field : new ObjectMapper().readTree(Path.of("forms/work-ticket.form").toFile())
                .path("components")) {
            form.put(field.path("key").asText(), field);
        }

        Document page = page("/staff/tickets/" + number);

        assertThat(page.select("#answer-unavailable")).isEmpty();
        assertThat(options(page.select(".answer-actions .choice"), "input", "label")).isEqualTo(Map.of(
                "REQUEST_INFO", label(form, "action", "REQUEST_INFO"), "SOLVED", label(form, "action", "SOLVE"),
                "BACK_TO_WORK", label(form, "action", "BACK_TO_WORK")));

        MvcResult sent = mvc.perform(answer(number, "BACK_TO_WORK").with(agent()).with(csrf())).andReturn();

        assertThat(sent.getResponse().getRedirectedUrl()).isEqualTo("/staff/tickets/" + number
                + "?answered=BACK_TO_WORK#answer");
        Document after = page("/staff/tickets/" + number + "?answered=BACK_TO_WORK");
        assertThat(after.select("#answer-result").text()).isEqualTo("The ticket is OPEN again and back at its Work"
                + " task; the reminders stopped and nobody was mailed.");
        assertThat(page("/staff/tickets/" + number).select(".answer-actions input").eachAttr("value"))
                .containsExactly("REPLY", "REQUEST_INFO", "SOLVED", "DUPLICATE", "NOTE", "RETRIAGE");
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
    }

    @Test
    void withoutItsTokenTheAnswerFormIsRefusedAndNothingIsSent() throws Exception {
        String number = worked();

        MvcResult refused = mvc.perform(answer(number, "SOLVED").param("reply", "No token.").with(agent()))
                .andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(page("/staff/tickets/" + number).text()).doesNotContain("No token.");
    }

    @Test
    void aRefusedAnswerIsShownNextToItsFieldWithWhatWasWrittenKept() throws Exception {
        String number = worked();

        MvcResult refused = mvc.perform(answer(number, "NOTE")
                .file(new MockMultipartFile("files", "restart.txt", "text/plain", "r".getBytes()))
                .param("reply", "Please restart <it>.").param("note", "Asked them to restart.")
                .with(agent()).with(csrf())).andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        Document page = Jsoup.parse(refused.getResponse().getContentAsString());
        String why = "Your answer to the customer would not be sent with NOTE: choose REPLY (or another action that"
                + " mails it), or clear the answer.";
        assertThat(page.select("#answer-reply-error").text()).isEqualTo(why);
        assertThat(page.select("#answer-problem p").eachText()).containsExactly(why,
                "Nothing was sent: choose your files again.");
        assertThat(page.select("#answer-reply").text()).isEqualTo("Please restart <it>.");
        assertThat(page.select("#answer-note").text()).isEqualTo("Asked them to restart.");
        assertThat(page.select("#answer-action-NOTE").hasAttr("checked")).isTrue();
        assertThat(refused.getResponse().getContentAsString()).doesNotContain("<it>");
        assertThat(notes.of(StaffAnswersApiTest.id(number))).isEmpty();

        MvcResult badChoice = mvc.perform(answer(number, "RETRIAGE").param("team", "team-sev1")
                .with(agent()).with(csrf())).andReturn();
        assertThat(badChoice.getResponse().getStatus()).isEqualTo(400);
        assertThat(Jsoup.parse(badChoice.getResponse().getContentAsString()).select("#answer-team-error").text())
                .isEqualTo("must be one of team-repository, team-lifecycle, team-general, team-accounts");
    }

    @Test
    void aTicketWithoutAnOpenWorkTaskOrWithAnotherAgentsSaysWhyInsteadOfShowingTheForm() throws Exception {
        String inTriage = tickets.file(rita);
        String held = worked();
        tasks.setAssignee(tickets.task(held).getId(), "oncall");

        Document triage = page("/staff/tickets/" + inTriage);
        Document others = page("/staff/tickets/" + held);

        assertThat(triage.select("form.answer-form")).isEmpty();
        assertThat(triage.select("#answer-unavailable").text()).isEqualTo(inTriage + " waits in triage: choose its"
                + " priority and team queue in Tasklist first (its Triage task); then answer it here.");
        assertThat(others.select("form.answer-form")).isEmpty();
        assertThat(others.select("#answer-unavailable").text()).startsWith(held + " is assigned to Olivia Oncall");

        MvcResult late = mvc.perform(answer(held, "REPLY").param("reply", "Mine?").with(agent()).with(csrf()))
                .andReturn();
        assertThat(late.getResponse().getStatus()).isEqualTo(409);
        Document refused = Jsoup.parse(late.getResponse().getContentAsString());
        assertThat(refused.select("#answer-unavailable").text()).startsWith(held + " is assigned to Olivia Oncall");
        assertThat(refused.select("#answer-unsent textarea").text()).as("what was written, to copy").isEqualTo("Mine?");
    }

    @Test
    void anAnswerFormSentFromAnotherSitesPageIsRefusedEvenWithAValidCsrfToken() throws Exception {
        String number = worked();

        MvcResult refused = mvc.perform(answer(number, "SOLVED").param("reply", "Closed from afar.")
                .header("Origin", "https://evil.example").with(agent()).with(csrf())).andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(refused.getResponse().getContentAsString()).contains("urn:support-desk:problem:cross-site-request");
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
    }

    @Test
    void customersAndAnalystsCannotAnswerFromThePages() throws Exception {
        String number = worked();

        int customer = mvc.perform(answer(number, "SOLVED").with(httpBasic(rita, TestFixtures.PASSWORD)).with(csrf()))
                .andReturn().getResponse().getStatus();
        int analyst = mvc.perform(answer(number, "SOLVED").with(httpBasic("analyst", "analyst")).with(csrf()))
                .andReturn().getResponse().getStatus();

        assertThat(customer).isEqualTo(401);
        assertThat(analyst).isEqualTo(403);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
    }

    @Test
    void anUploadIsNotReadBeforeTheStaffLoginIsCheckedAndOneOverTheLimitsGoesBackToTheFormThatStatesThem()
            throws Exception {
        String number = worked();
        byte[] body = multipartBody(3 * 1024 * 1024); // over the tests' 2 MB request limit
        String path = "/staff/tickets/" + number + "/answers";
        String type = "Content-Type: multipart/form-data; boundary=----boundary";

        RawHttp.Response anonymous = new RawHttp("127.0.0.1", port).send("POST", path, body, type);
        RawHttp.Response wrong = new RawHttp("127.0.0.1", port).send("POST", path, body, type,
                RawHttp.basic("agent", "wrong password"));
        RawHttp.Response tooLarge = new RawHttp("127.0.0.1", port).send("POST", path, body, type,
                RawHttp.basic("agent", "agent"));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Support Desk staff\"");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(tooLarge.status()).as("back to the answer form").isEqualTo(303);
        assertThat(tooLarge.header("Location")).endsWith("/staff/tickets/" + number + "?tooLarge#answer");
        assertThat(page("/staff/tickets/" + number + "?tooLarge").select("#answer-problem").text())
                .isEqualTo("Nothing was sent: the files were larger than the limits, so the answer could not be read."
                        + " Attachments may be at most 1.0 MiB per file and 2.0 MiB per request; compress large logs,"
                        + " or split them over several answers.");
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
    }

    // --- helpers

    MockMultipartHttpServletRequestBuilder answer(String number, String action) {
        MockMultipartHttpServletRequestBuilder request = multipart("/staff/tickets/" + number + "/answers");
        request.param("action", action);
        return request;
    }

    Document page(String path) throws Exception {
        MvcResult result = mvc.perform(get(path).with(agent())).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    static Map<String, String> options(List<Element> choices, String input, String label) {
        Map<String, String> options = new LinkedHashMap<>();
        choices.forEach(c -> options.put(c.select(input).attr("value"), c.select(label).text()));
        return options;
    }

    static Map<String, String> selectOptions(Document page, String select) {
        Map<String, String> options = new LinkedHashMap<>();
        page.select(select + " option").stream().filter(o -> !o.attr("value").isEmpty())
                .forEach(o -> options.put(o.attr("value"), o.text()));
        return options;
    }

    static Map<String, String> values(Map<String, JsonNode> form, String key) {
        Map<String, String> values = new LinkedHashMap<>();
        form.get(key).path("values").forEach(v -> values.put(v.path("value").asText(), v.path("label").asText()));
        return values;
    }

    static String label(Map<String, JsonNode> form, String key, String value) {
        List<String> labels = new ArrayList<>();
        form.get(key).path("values").forEach(v -> {
            if (v.path("value").asText().equals(value)) {
                labels.add(v.path("label").asText());
            }
        });
        assertThat(labels).as(key + " " + value).hasSize(1);
        return labels.get(0);
    }

    static byte[] multipartBody(int fileSize) {
        String head = "------boundary\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.log\"\r\n"
                + "Content-Type: text/plain\r\n\r\n";
        String tail = "\r\n------boundary--\r\n";
        byte[] body = new byte[head.length() + fileSize + tail.length()];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, body, 0, head.length());
        System.arraycopy(tail.getBytes(StandardCharsets.ISO_8859_1), 0, body, head.length() + fileSize,
                tail.length());
        return body;
    }
}
