package org.supportdesk.staffdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.supportdesk.Api;
import org.supportdesk.Api.Response;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.RawHttp;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.TicketNotes;

import jakarta.mail.Message;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * Issue #22 item 4, over the staff API: {@code POST /api/staff/tickets/{number}/answers} completes the ticket's open
 * Work task as Tasklist's form does, as the signed-in agent — every action, files for the customer mailed with the
 * answer, the 409s when there is nothing to answer or another agent holds the task, the form's own refusals as 400s
 * with coded field errors, and who may call it.
 */
@SupportDeskTest
class StaffAnswersApiTest {

    @Autowired Api api;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired Mailbox mailbox;
    @Autowired TicketNotes notes;
    @Autowired TaskService tasks;
    @Autowired HistoryService history;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    OrgFixture org;
    String rita;
    String bob;

    @BeforeEach
    void setUp() {
        EngineTime.setNewYork("2026-12-01T10:00"); // a Tuesday
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        rita = org.contact("rita");
        bob = org.member("bob", false, false);
    }

    Api.Caller agent() {
        return api.as("agent", "agent");
    }

    /** Filed by rita with bob in copy, triaged by the agent: its Work task is the agent's. */
    String worked() {
        Map<String, Object> request = Tickets.request();
        request.put("cc", List.of(bob));
        String number = tickets.file(rita, request);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        return number;
    }

    Response answer(String number, Map<String, ?> answer) {
        return agent().post("/api/staff/tickets/" + number + "/answers", answer);
    }

    @Test
    void aReplyWithAFileIsMailedToTheRequesterAndCcsWithTheFileAttachedAndKeptOnTheTicketAsTheAgents() {
        String number = worked();
        byte[] log = "2026-12-01 10:02 reindex done in 41 s\n".getBytes(StandardCharsets.UTF_8);

        Response answered = answerWithFiles("agent", number,
                Map.of("action", "REPLY", "reply", "Rebuilding the index fixed it here; our log is attached."),
                Map.of("reindex.log", log));

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.body()).isEqualTo(agent().get("/api/staff/tickets/" + number).body());
        assertThat((String) answered.json("$.status")).isEqualTo("OPEN");
        assertThat((String) answered.json("$.conversation[-1].author.email")).isEqualTo("agent");
        assertThat((String) answered.json("$.conversation[-1].body"))
                .isEqualTo("Rebuilding the index fixed it here; our log is attached.");
        assertThat((List<String>) answered.json("$.conversation[-1].attachments[*].name"))
                .containsExactly("reindex.log");
        assertThat(jdbc.sql("select uploaded_by from attachment where ticket_id = ? and file_name = 'reindex.log'")
                .param(id(number)).query(String.class).single()).isEqualTo("agent");

        Mailbox.Mail mail = single(mailbox.to(rita, "Re: [" + number + "] Policy evaluation fails"));
        assertThat(mail.body()).contains("Rebuilding the index fixed it here; our log is attached.");
        assertThat(mail.attachments()).containsOnlyKeys("reindex.log");
        assertThat(mail.attachments().get("reindex.log")).isEqualTo(log);
        assertThat(mail.recipients(Message.RecipientType.CC)).containsExactly(bob);
        assertThat((List<String>) api.as(rita).get("/api/tickets/" + number)
                .json("$.conversation[-1].attachments[*].name")).as("the customer's own copy").contains("reindex.log");
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(tickets.task(number).getAssignee()).isEqualTo("agent");
    }

    @Test
    void aFileTooLargeForAMailIsKeptOnTheTicketAndLinkedInTheMailInstead() {
        String number = worked();
        byte[] small = "small".getBytes(StandardCharsets.UTF_8);
        byte[] dump = new byte[600 * 1024]; // the tests' mail limit is 512 KiB, the web's 1 MiB

        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("notes.txt", small);
        files.put("heap.hprof", dump);

        Response answered = answerWithFiles("agent", number,
                Map.of("action", "REQUEST_INFO", "reply", "Does this heap dump look like yours?"), files);

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat((List<String>) answered.json("$.conversation[-1].attachments[*].name"))
                .containsExactly("notes.txt", "heap.hprof");
        Mailbox.Mail mail = single(mailbox.to(rita, "We need information from you"));
        assertThat(mail.attachments()).containsOnlyKeys("notes.txt");
        long dumpId = ((Number) answered.json("$.conversation[-1].attachments[1].id")).longValue();
        assertThat(mail.body()).contains("Files that do not fit into a mail (at most 512.0 KiB of files)",
                "heap.hprof (600.0 KiB): http://localhost:8080/tickets/" + number + "/attachments/" + dumpId);
    }

    @Test
    void askingForInformationMakesTheTicketPendingAndMailsTheQuestion() {
        String number = worked();

        Response answered = answer(number, Map.of("action", "REQUEST_INFO", "reply", "Which version do you run?"));

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat((String) answered.json("$.status")).isEqualTo("PENDING");
        assertThat((String) answered.json("$.openTask.name")).as("R14: the task that finishes the wait")
                .isEqualTo("Pending " + number + ": Policy evaluation fails");
        assertThat(single(mailbox.to(rita, "We need information from you")).body())
                .contains("Which version do you run?");
    }

    @Test
    void solvedClosesTheTicketAndEveryCustomersSolvedNoticeCarriesTheAnswerAndItsFile() {
        String number = worked();
        byte[] notes = "Upgrade to 1.181.".getBytes(StandardCharsets.UTF_8);

        Response answered = answerWithFiles("agent", number, Map.of("action", "SOLVED", "reply", "Fixed in 1.181."),
                Map.of("release-notes.txt", notes));

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat((String) answered.json("$.status")).isEqualTo("CLOSED");
        assertThat((String) answered.json("$.closeReason")).isEqualTo("SOLVED");
        for (String customer : List.of(rita, bob)) {
            Mailbox.Mail solved = single(mailbox.to(customer, "Solved"));
            assertThat(solved.body()).as(customer).contains("Fixed in 1.181.");
            assertThat(solved.attachments().get("release-notes.txt")).as(customer).isEqualTo(notes);
        }
        assertThat(tickets.process(number)).isNull();
    }

    @Test
    void aNoteStaysWithStaffMailsNobodyAndTheWorkTaskComesBack() {
        String number = worked();
        int mailsBefore = mailbox.to(rita).size();

        Response answered = answer(number, Map.of("action", "NOTE", "note", "Called them: staging only."));

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat((List<String>) answered.json("$.notes[*].body")).containsExactly("Called them: staging only.");
        assertThat(notes.of(id(number))).extracting(n -> n.author()).containsExactly("agent");
        assertThat(api.as(rita).get("/api/tickets/" + number).body()).doesNotContain("Called them");
        assertThat(mailbox.to(rita)).hasSize(mailsBefore);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(tickets.task(number).getAssignee()).isEqualTo("agent");
    }

    @Test
    void retriageMovesTheTicketToTheOtherTeamsQueueUnassigned() {
        String number = worked();

        Response answered = answer(number, Map.of("action", "RETRIAGE", "priority", "HIGH",
                "team", "team-repository"));

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat((String) answered.json("$.priority")).isEqualTo("HIGH");
        assertThat((String) answered.json("$.team")).isEqualTo("team-repository");
        assertThat(tickets.candidateGroups(number)).containsExactly("team-repository");
        assertThat(tickets.task(number).getAssignee()).isNull();
    }

    @Test
    void aDuplicateClosesTheTicketAndLinksItToTheOneThatContinues() {
        String kept = tickets.file(org.contact("carl"));
        String number = worked();

        Response answered = answer(number, Map.of("action", "DUPLICATE", "duplicateOf", kept.toLowerCase()));

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat((String) answered.json("$.closeReason")).isEqualTo("DUPLICATE");
        assertThat((String) api.as(rita).get("/api/tickets/" + number).json("$.duplicateOf")).isEqualTo(kept);
        assertThat(single(mailbox.to(rita, "Closed as a duplicate")).body()).contains("It continues in " + kept);
    }

    @Test
    void anUnassignedWorkTaskIsClaimedForTheAgentWhoAnswers() {
        String number = worked();
        answer(number, Map.of("action", "RETRIAGE", "team", "team-repository"));
        assertThat(tickets.task(number).getAssignee()).isNull();

        Response answered = answer(number, Map.of("action", "REPLY", "reply", "The repository team has it now."));

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat((String) answered.json("$.assignee")).isEqualTo("agent");
        assertThat(tickets.task(number).getAssignee()).isEqualTo("agent");
    }

    @Test
    void withoutAnOpenWorkTaskTheAnswerIsA409ThatSaysWhyAndChangesNothing() {
        String inTriage = tickets.file(rita);
        String closed = worked();
        answer(closed, Map.of("action", "SOLVED"));

        Response triage = answer(inTriage, Map.of("action", "REPLY", "reply", "Hello"));
        Response done = answer(closed, Map.of("action", "NOTE", "note", "Too late"));

        assertThat(List.of(triage.status(), done.status())).containsOnly(409);
        assertThat(triage.contentType()).startsWith("application/problem+json");
        assertThat((String) triage.json("$.type")).isEqualTo("urn:support-desk:problem:no-work-task");
        assertThat(List.<String>of(triage.json("$.reason"), done.json("$.reason")))
                .containsExactly("triage", "closed");
        assertThat((String) triage.json("$.detail")).isEqualTo(inTriage + " waits in triage: choose its priority and"
                + " team queue in Tasklist first (its Triage task); then answer it here.");
        assertThat((String) done.json("$.detail")).startsWith(closed + " is closed (SOLVED)");
        assertThat(agent().get("/api/staff/tickets/" + inTriage).body()).doesNotContain("Hello");
        assertThat(notes.of(id(closed))).isEmpty();
    }

    @Test
    void r14_aPendingTicketIsAnsweredOnItsPendingTaskSolvedAskedAgainOrBackToWorkAndNothingElse() {
        String solved = worked();
        answer(solved, Map.of("action", "REQUEST_INFO", "reply", "Which version?"));
        String askedAgain = worked();
        answer(askedAgain, Map.of("action", "REQUEST_INFO", "reply", "Which version?"));
        String backToWork = worked();
        answer(backToWork, Map.of("action", "REQUEST_INFO", "reply", "Which version?"));
        int mailedAboutBackToWork = mailbox.to(rita, backToWork).size();

        Response refused = answer(solved, Map.of("action", "REPLY", "reply", "Any news?"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(error(refused)).isEqualTo("action not-while-pending The ticket is PENDING (the customer was asked"
                + " for information): solve it, ask for information again, or take it back to work to REPLY from the"
                + " Work task; one of [REQUEST_INFO, SOLVE, BACK_TO_WORK]");
        assertThat(agent().get("/api/staff/tickets/" + solved).body()).doesNotContain("Any news?");
        assertThat(answer(askedAgain, Map.of("action", "NOTE", "note", "n")).status()).isEqualTo(400);

        Response closed = answer(solved, Map.of("action", "SOLVED", "reply", "Fixed, as we said on the phone."));
        Response pending = answer(askedAgain, Map.of("action", "REQUEST_INFO", "reply", "And the log, please?"));
        Response open = answer(backToWork, Map.of("action", "BACK_TO_WORK"));

        assertThat(List.of(closed.status(), pending.status(), open.status())).containsOnly(200);
        assertThat(List.<String>of(closed.json("$.status"), pending.json("$.status"), open.json("$.status")))
                .containsExactly("CLOSED", "PENDING", "OPEN");
        assertThat(single(mailbox.to(rita, "Solved")).body()).contains("Fixed, as we said on the phone.");
        assertThat(mailbox.to(bob, "We need information from you")).extracting(Mailbox.Mail::body)
                .anyMatch(body -> body.contains("And the log, please?"));
        assertThat(tickets.task(askedAgain).getTaskDefinitionKey()).isEqualTo(SupportTicketDiagram.PENDING_TASK);
        assertThat(tickets.task(backToWork).getTaskDefinitionKey()).isEqualTo(SupportTicketDiagram.WORK_TASK);
        assertThat(mailbox.to(rita, backToWork)).as("back to work mails nobody").hasSize(mailedAboutBackToWork);
        assertThat(answer(backToWork, Map.of("action", "BACK_TO_WORK")).status()).as("only while PENDING")
                .isEqualTo(400);
    }

    @Test
    void aWorkTaskAnotherAgentHoldsIsA409AndStaysTheirs() {
        String number = worked();
        tasks.setAssignee(tickets.task(number).getId(), "oncall"); // as a manager reassigns in Tasklist

        Response refused = answer(number, Map.of("action", "REPLY", "reply", "Mine now?"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat((String) refused.json("$.type")).isEqualTo("urn:support-desk:problem:work-task-held");
        assertThat((String) refused.json("$.assignee")).isEqualTo("oncall");
        assertThat((String) refused.json("$.detail")).isEqualTo(number + " is assigned to Olivia Oncall (oncall),"
                + " who answers it. Ask them, or ask a manager to reassign its Work task in Tasklist.");
        assertThat(tickets.task(number).getAssignee()).isEqualTo("oncall");
        assertThat(agent().get("/api/staff/tickets/" + number).body()).doesNotContain("Mine now?");
    }

    @Test
    void anotherTeamsUnassignedWorkTaskIsRefusedWith403AndStaysUnclaimed() {
        String number = worked();
        answer(number, Map.of("action", "RETRIAGE", "team", "team-repository"));

        Response refused = api.as("oncall", "oncall").post("/api/staff/tickets/" + number + "/answers",
                Map.of("action", "REPLY", "reply", "On-call here."));

        assertThat(refused.status()).isEqualTo(403);
        assertThat((String) refused.json("$.type")).isEqualTo("urn:support-desk:problem:not-your-team");
        assertThat((String) refused.json("$.detail")).startsWith(number + " is in the team-repository queue, and you"
                + " are not in that team");
        assertThat(tickets.task(number).getAssignee()).isNull();
        assertThat(agent().get("/api/staff/tickets/" + number).body()).doesNotContain("On-call here.");
    }

    @Test
    void badFieldsAreA400WithCodedFieldErrorsAllAtOnce() {
        String number = worked();

        Response unknown = answer(number, Map.of("action", "CLOSE", "reply", "x".repeat(4001)));
        Response retriage = answer(number, Map.of("action", "REPLY", "reply", "Moving it.", "priority", "SOON",
                "team", "team-sev1", "note", "and a note"));
        Response none = agent().post("/api/staff/tickets/" + number + "/answers", "{}");
        Response onlyFiles = answerWithFiles("agent", number, null, Map.of("a.txt", new byte[]{'a'}));

        assertThat(unknown.status()).isEqualTo(400);
        assertThat((String) unknown.json("$.type")).isEqualTo("urn:support-desk:problem:invalid-fields");
        assertThat(errors(unknown)).containsExactly("action not-one-of", "reply too-long");
        assertThat((String) unknown.json("$.errors[0].message"))
                .isEqualTo("must be one of REPLY, REQUEST_INFO, SOLVED, DUPLICATE, NOTE, RETRIAGE, BACK_TO_WORK");
        assertThat(errors(retriage)).containsExactlyInAnyOrder("priority not-one-of", "team not-one-of",
                "note not-with-action", "priority not-with-action", "team not-with-action");
        assertThat(errors(none)).containsExactly("action required");
        assertThat(errors(onlyFiles)).containsExactly("action required");
        assertThat(tickets.task(number).getAssignee()).isEqualTo("agent");
        assertThat(agent().get("/api/staff/tickets/" + number).body()).doesNotContain("Moving it.");
    }

    @Test
    void theWorkFormsOwnRefusalsComeBackWithItsTextNextToTheirFieldAndLeaveTheTaskAsItWas() {
        String number = worked();
        String other = tickets.file(fixtures.organization().activeLicence(Product.LIFECYCLE).contact("olga"));
        answer(number, Map.of("action", "RETRIAGE", "team", "team-repository")); // unassigned: answering claims it

        Map<String, Response> refused = new HashMap<>();
        refused.put("no answer", answer(number, Map.of("action", "REPLY")));
        refused.put("itself", answer(number, Map.of("action", "DUPLICATE", "duplicateOf", number)));
        refused.put("another organisation's", answer(number, Map.of("action", "DUPLICATE", "duplicateOf", other)));
        refused.put("unchanged", answer(number, Map.of("action", "RETRIAGE", "team", "team-repository")));
        refused.put("a lost answer", answer(number, Map.of("action", "NOTE", "note", "n", "reply", "Lost?")));
        refused.put("files without an answer", answerWithFiles("agent", number, Map.of("action", "SOLVED"),
                Map.of("fix.txt", "fix".getBytes(StandardCharsets.UTF_8))));

        assertThat(refused.values()).extracting(Response::status).containsOnly(400);
        assertThat(error(refused.get("no answer"))).isEqualTo("reply required Write the answer to the customer:"
                + " REPLY mails it to the requester and the CCs.");
        assertThat((String) refused.get("no answer").json("$.detail")).isEqualTo("Write the answer to the customer:"
                + " REPLY mails it to the requester and the CCs.");
        assertThat(error(refused.get("itself"))).isEqualTo("duplicateOf same-ticket Duplicate of " + number
                + ": that is this ticket; name the ticket that continues.");
        assertThat(error(refused.get("another organisation's"))).startsWith("duplicateOf "
                + "not-a-ticket-of-the-organisation Duplicate of " + other + ": no such ticket of this organisation");
        assertThat(error(refused.get("unchanged"))).isEqualTo("priority unchanged Re-triage: choose another priority"
                + " or team queue (now NORMAL in team-repository).");
        assertThat(error(refused.get("a lost answer"))).startsWith("reply not-sent Your answer to the customer would"
                + " not be sent with NOTE");
        assertThat(error(refused.get("files without an answer"))).startsWith("files needs-answer Files go to the"
                + " customer with your answer");
        assertThat(tickets.task(number).getAssignee()).as("the claim went back with the answer").isNull();
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(jdbc.sql("select count(*) from attachment where ticket_id = ?").param(id(number))
                .query(Long.class).single()).as("no file kept").isZero();
        assertThat(notes.of(id(number))).isEmpty();
    }

    @Test
    void filesTheWebFormRefusesAreRefusedHereToo() {
        String number = worked();

        Response word = answerWithFiles("agent", number, Map.of("action", "REPLY", "reply", "See the report."),
                Map.of("report.docx", "PK".getBytes(StandardCharsets.UTF_8)));
        Response big = answerWithFiles("agent", number, Map.of("action", "REPLY", "reply", "See the dump."),
                Map.of("heap.hprof", new byte[1024 * 1024 + 1]));

        assertThat(word.status()).isEqualTo(400);
        assertThat((String) word.json("$.type")).isEqualTo("urn:support-desk:problem:discouraged-attachment");
        assertThat(big.status()).isEqualTo(413);
        assertThat((String) big.json("$.type")).isEqualTo("urn:support-desk:problem:attachment-too-large");
        assertThat(agent().get("/api/staff/tickets/" + number).body()).doesNotContain("See the");
    }

    @Test
    void theAnswerItsFilesAndTheirNamesAreInNoProcessVariable() {
        String number = worked();
        String process = tickets.process(number).getId();

        answerWithFiles("agent", number, Map.of("action", "REPLY", "reply", "Quokka says hello."),
                Map.of("quokka-trace.log", "trace".getBytes(StandardCharsets.UTF_8)));

        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(process).list())
                .noneMatch(v -> v.getName().equals("answerFiles") || v.getName().equals("reply"))
                .noneMatch(v -> String.valueOf(v.getValue()).contains("Quokka")
                        || String.valueOf(v.getValue()).contains("quokka-trace"));
    }

    @Test
    void aPageOfAnotherSiteCannotAnswerWithTheLoginAnAgentsBrowserStored() throws Exception {
        String number = worked();
        byte[] body = "{\"action\": \"SOLVED\", \"reply\": \"Closed by evil.example\"}".getBytes(StandardCharsets.UTF_8);

        RawHttp.Response refused = new RawHttp("127.0.0.1", port).send("POST", "/api/staff/tickets/" + number
                + "/answers", body, RawHttp.basic("agent", "agent"), "Content-Type: application/json",
                "Origin: https://evil.example");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("urn:support-desk:problem:cross-site-request");
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(agent().get("/api/staff/tickets/" + number).body()).doesNotContain("evil.example");
    }

    @Test
    void onlyStaffWhoWorkTicketsMayAnswer() {
        String number = worked();
        Map<String, String> reply = Map.of("action", "REPLY", "reply", "Not from staff.");

        assertThat(api.anonymous().post("/api/staff/tickets/" + number + "/answers", reply).status()).isEqualTo(401);
        assertThat(api.as(rita).post("/api/staff/tickets/" + number + "/answers", reply).status()).isEqualTo(401);
        assertThat(api.as("analyst", "analyst").post("/api/staff/tickets/" + number + "/answers", reply).status())
                .isEqualTo(403);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(agent().get("/api/staff/tickets/" + number).body()).doesNotContain("Not from staff.");
    }

    // --- helpers

    Response answerWithFiles(String staff, String number, Map<String, ?> answer, Map<String, byte[]> files) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        if (answer != null) {
            parts.add("answer", new HttpEntity<>(answer, json));
        }
        files.forEach((name, content) -> {
            HttpHeaders type = new HttpHeaders();
            type.setContentType(MediaType.TEXT_PLAIN);
            parts.add("files", new HttpEntity<>(new ByteArrayResource(content) {
                @Override
                public String getFilename() {
                    return name;
                }
            }, type));
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> response = api.as(staff, staff).template().postForEntity("/api/staff/tickets/" + number
                + "/answers", new HttpEntity<>(parts, headers), String.class);
        return new Response(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }

    static Mailbox.Mail single(List<Mailbox.Mail> mails) {
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    static List<String> errors(Response refused) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        List<String> fields = refused.json("$.errors[*].field");
        List<String> codes = refused.json("$.errors[*].code");
        return java.util.stream.IntStream.range(0, fields.size()).mapToObj(i -> fields.get(i) + " " + codes.get(i))
                .toList();
    }

    static String error(Response refused) {
        assertThat((List<?>) refused.json("$.errors")).as(refused.body()).hasSize(1);
        return refused.json("$.errors[0].field") + " " + refused.json("$.errors[0].code") + " "
                + refused.json("$.errors[0].message");
    }

    static long id(String number) {
        return Long.parseLong(number.substring(3));
    }
}
