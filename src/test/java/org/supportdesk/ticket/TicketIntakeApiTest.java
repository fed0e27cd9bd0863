package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.supportdesk.Api;
import org.supportdesk.Api.Response;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.SupportTicketDiagram;

/** Filing, replying and following up through the customer API (R4–R8, R15, R16; Q4). */
@SupportDeskTest
class TicketIntakeApiTest {

    private static final String PROBLEM = "urn:support-desk:problem:";

    @Autowired Api api;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired TicketRepository repository;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtime;

    OrgFixture org;
    String requester;
    String colleague;

    @BeforeEach
    void organisation() {
        EngineTime.setNewYork("2026-12-01T10:00"); // a Tuesday, in business hours
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        requester = org.owner("rita");
        colleague = org.contact("carl");
    }

    // ---- filing by JSON -------------------------------------------------------------------------------------

    @Test
    void filingCreatesTheTicketAndStartsItsProcess() {
        Map<String, Object> request = Tickets.request();
        request.put("businessImpact", "HIGH");
        request.put("businessImpactStatement", "Releases are blocked for 40 developers.");
        request.put("cc", List.of(colleague));

        Response response = api.as(requester).post("/api/tickets", request);

        assertThat(response.status()).isEqualTo(201);
        String number = response.json("$.number");
        assertThat(number).matches("SD-\\d+");
        assertThat(response.headers().getLocation()).hasToString("/api/tickets/" + number);
        assertThat(response.<String>json("$.status")).isEqualTo("NEW");
        assertThat(response.<String>json("$.priority")).isEqualTo("HIGH");
        assertThat(response.<String>json("$.team")).isEqualTo("team-lifecycle");
        assertThat(response.<String>json("$.channel")).isEqualTo("WEB");
        assertThat(response.<String>json("$.requester.email")).isEqualTo(requester);
        assertThat(response.<List<String>>json("$.cc")).containsExactly(colleague);
        assertThat(response.<String>json("$.summary")).isEqualTo("Policy evaluation fails");
        Ticket stored = repository.findByNumber(number).orElseThrow();
        assertThat(stored.organizationId()).isEqualTo(org.id());
        assertThat(stored.status()).isEqualTo(TicketStatus.NEW);
        assertThat(repository.cc(stored.id())).containsExactly(colleague);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
    }

    @Test
    void ticketNumbersIncrease() {
        String first = tickets.file(requester);
        String second = tickets.file(colleague);

        assertThat(TicketNumber.parse(second).orElseThrow()).isEqualTo(TicketNumber.parse(first).orElseThrow() + 1);
    }

    @Test
    void invalidFieldsAreNamedAndNothingIsStored() {
        long before = ticketRows();
        long processesBefore = processes();
        Map<String, Object> request = Tickets.request();
        request.remove("summary");
        request.put("product", "TOASTER");
        request.put("businessImpact", "HIGH");
        request.put("cc", List.of("not an address"));

        Response response = api.as(requester).post("/api/tickets", request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "invalid-fields");
        assertThat(response.<List<String>>json("$.errors[*].field"))
                .containsExactlyInAnyOrder("summary", "product", "businessImpactStatement", "cc");
        assertThat(response.<String>json("$.detail")).contains("summary").contains("product").contains("cc");
        assertThat(ticketRows()).isEqualTo(before);
        assertThat(processes()).isEqualTo(processesBefore);
    }

    @Test
    void ccMustBeAMemberOfTheOrganisation() {
        String outsider = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("otto");
        long before = ticketRows();
        Map<String, Object> request = Tickets.request();
        request.put("cc", List.of(colleague, outsider));

        Response response = api.as(requester).post("/api/tickets", request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.<List<String>>json("$.errors[*].field")).containsExactly("cc");
        assertThat(response.<String>json("$.errors[0].message")).contains(outsider);
        assertThat(ticketRows()).isEqualTo(before);
    }

    // ---- eligibility (R4, R5) -------------------------------------------------------------------------------

    @Test
    void memberWhoIsNotAnAuthorizedContactIsToldWhoCanFile() {
        String member = org.member("max", false, false);
        long before = ticketRows();

        Response response = api.as(member).post("/api/tickets", Tickets.request());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "not-eligible");
        assertThat(response.<String>json("$.detail")).contains(requester).contains(colleague).doesNotContain(member);
        assertThat(response.<List<String>>json("$.authorizedContacts"))
                .containsExactlyInAnyOrder(requester, colleague);
        assertThat(ticketRows()).isEqualTo(before);
    }

    @Test
    void expiredLicenceIsRefused() {
        OrgFixture lapsed = fixtures.organization().licence(Product.LIFECYCLE, LocalDate.of(2026, 11, 30), false);
        String contact = lapsed.contact("lena");
        long before = ticketRows();

        Response response = api.as(contact).post("/api/tickets", Tickets.request());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "not-eligible");
        assertThat(response.<String>json("$.detail")).contains("no active licence for LIFECYCLE");
        assertThat(ticketRows()).isEqualTo(before);
    }

    @Test
    void licenceIsActiveOnItsExpiryDay() {
        OrgFixture lastDay = fixtures.organization().licence(Product.LIFECYCLE, LocalDate.of(2026, 12, 1), false);

        Response response = api.as(lastDay.contact("lena")).post("/api/tickets", Tickets.request());

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void productWithoutLicenceIsRefused() {
        long before = ticketRows();
        Map<String, Object> request = Tickets.request();
        request.put("product", "FIREWALL");

        Response response = api.as(requester).post("/api/tickets", request);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "not-eligible");
        assertThat(response.<String>json("$.detail")).contains("FIREWALL");
        assertThat(ticketRows()).isEqualTo(before);
    }

    @Test
    void ownerWhoIsNotAContactMayFileAnAccountChangeOnly() {
        String owner = org.member("olga", true, false);
        Map<String, Object> accountChange = Tickets.request();
        accountChange.put("concernType", "CUSTOMER_ACCOUNT_CHANGE");
        accountChange.put("topic", "LICENSING");

        Response allowed = api.as(owner).post("/api/tickets", accountChange);
        Response refused = api.as(owner).post("/api/tickets", Tickets.request());

        assertThat(allowed.status()).isEqualTo(201);
        assertThat(allowed.<String>json("$.team")).isEqualTo("team-accounts");
        assertThat(tickets.process(allowed.json("$.number"))).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.<String>json("$.type")).isEqualTo(PROBLEM + "not-eligible");
    }

    // ---- attachments (R8) -----------------------------------------------------------------------------------

    @Test
    void filesAndSupportZipAreStoredWithNameSizeTypeAndChecksum() throws Exception {
        byte[] log = "2026-12-01 10:00:01 ERROR policy evaluation failed\n".getBytes(StandardCharsets.UTF_8);
        byte[] screenshot = randomBytes(70_000, 1);
        byte[] zip = randomBytes(300_000, 2);

        Response response = fileWithFiles(requester, Tickets.request(),
                List.of(part("server.log", "text/plain", log), part("screen.png", "image/png", screenshot)),
                part("support-20261201.zip", "application/zip", zip));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.<List<String>>json("$.attachments[*].name"))
                .containsExactly("server.log", "screen.png", "support-20261201.zip");
        assertThat(response.<List<Integer>>json("$.attachments[*].size"))
                .containsExactly(log.length, screenshot.length, zip.length);
        assertThat(response.<List<String>>json("$.attachments[*].contentType"))
                .containsExactly("text/plain", "image/png", "application/zip");
        assertThat(response.<List<String>>json("$.attachments[*].sha256"))
                .containsExactly(sha256(log), sha256(screenshot), sha256(zip));
        List<String> urls = response.json("$.attachments[*].url");
        byte[][] contents = {log, screenshot, zip};
        String[] names = {"server.log", "screen.png", "support-20261201.zip"};
        for (int i = 0; i < urls.size(); i++) {
            ResponseEntity<byte[]> download = download(api.as(requester).template(), urls.get(i));
            assertThat(download.getStatusCode().value()).isEqualTo(200);
            assertThat(download.getBody()).isEqualTo(contents[i]);
            assertThat(download.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
            ContentDisposition disposition = download.getHeaders().getContentDisposition();
            assertThat(disposition.isAttachment()).isTrue();
            assertThat(disposition.getFilename()).isEqualTo(names[i]);
        }
    }

    @Test
    void staffDownloadNeedsAStaffLogin() {
        byte[] log = "stack trace".getBytes(StandardCharsets.UTF_8);
        Response filed = fileWithFiles(requester, Tickets.request(), List.of(part("trace.txt", "text/plain", log)),
                null);
        String staffUrl = filed.<String>json("$.attachments[0].url").replace("/api/tickets/", "/api/staff/tickets/");

        ResponseEntity<byte[]> asAgent = download(api.as("agent", "agent").template(), staffUrl);
        Response asCustomer = api.as(requester).get(staffUrl);

        assertThat(asAgent.getStatusCode().value()).isEqualTo(200);
        assertThat(asAgent.getBody()).isEqualTo(log);
        assertThat(asAgent.getHeaders().getContentDisposition().isAttachment()).isTrue();
        assertThat(asCustomer.status()).isEqualTo(401);
    }

    @Test
    void theOnCallAndTheBackupOnCallDownloadTheStartUpLogsOfAnOutage() {
        byte[] log = "ERROR: cannot open the blob store".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> outage = Tickets.request();
        outage.put("concernType", "CRITICAL_OUTAGE");
        Response filed = fileWithFiles(requester, outage, List.of(part("startup.log", "text/plain", log)), null);
        String staffUrl = filed.<String>json("$.attachments[0].url").replace("/api/tickets/", "/api/staff/tickets/");

        ResponseEntity<byte[]> asOncall = download(api.as("oncall", "oncall").template(), staffUrl);
        ResponseEntity<byte[]> asBackup = download(api.as("backup", "backup").template(), staffUrl);

        assertThat(asOncall.getStatusCode().value()).isEqualTo(200);
        assertThat(asBackup.getStatusCode().value()).isEqualTo(200);
        assertThat(asBackup.getBody()).isEqualTo(log);
    }

    @Test
    void anotherOrganisationCannotDownloadTheFiles() {
        Response filed = fileWithFiles(requester, Tickets.request(),
                List.of(part("trace.txt", "text/plain", "secret".getBytes(StandardCharsets.UTF_8))), null);
        String outsider = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("otto");

        Response response = api.as(outsider).get(filed.json("$.attachments[0].url"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("secret");
    }

    @Test
    void officeDocumentsAreRefusedWithAdviceAndNothingIsStored() {
        long before = ticketRows();
        long attachmentsBefore = attachmentRows();

        Response response = fileWithFiles(requester, Tickets.request(),
                List.of(part("notes.txt", "text/plain", "ok".getBytes(StandardCharsets.UTF_8)),
                        part("Report.DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                randomBytes(2_000, 3))), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "discouraged-attachment");
        assertThat(response.<String>json("$.detail")).contains("Report.DOCX").contains("PDF").contains("plain text")
                .contains("compressed text");
        assertThat(response.<List<String>>json("$.errors[*].field")).containsExactly("files");
        assertThat(ticketRows()).isEqualTo(before);
        assertThat(attachmentRows()).isEqualTo(attachmentsBefore);
    }

    @Test
    void oversizeFileIsRefusedWithTheLimitAndNothingIsStored() {
        long before = ticketRows();

        Response response = fileWithFiles(requester, Tickets.request(),
                List.of(part("heap.hprof.gz", "application/gzip", randomBytes(1_500_000, 4))), null);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "attachment-too-large");
        assertThat(response.<String>json("$.detail")).contains("1.0 MiB per file").contains("2.0 MiB per request");
        assertThat(ticketRows()).isEqualTo(before);
    }

    @Test
    void filesTogetherOverTheRequestLimitAreRefused() {
        long before = ticketRows();

        Response response = fileWithFiles(requester, Tickets.request(),
                List.of(part("a.log.gz", "application/gzip", randomBytes(900_000, 5)),
                        part("b.log.gz", "application/gzip", randomBytes(900_000, 6))),
                part("support.zip", "application/zip", randomBytes(900_000, 7)));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "attachment-too-large");
        assertThat(response.<String>json("$.detail")).contains("2.0 MiB per request");
        assertThat(ticketRows()).isEqualTo(before);
    }

    @Test
    void officeDocumentCannotSlipThroughWithTrailingWhitespace() {
        long before = ticketRows();

        Response response = fileWithFiles(requester, Tickets.request(),
                List.of(part("report.docx ", "application/octet-stream", randomBytes(2_000, 8)),
                        part("notes.msg\u2003.", "application/octet-stream", randomBytes(2_000, 9))), null);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "discouraged-attachment");
        assertThat(ticketRows()).isEqualTo(before);
    }

    // ---- sign-in (Q4) ---------------------------------------------------------------------------------------

    @Test
    void filingNeedsASignIn() {
        long before = ticketRows();

        Response response = api.anonymous().post("/api/tickets", Tickets.request());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "sign-in-required");
        assertThat(ticketRows()).isEqualTo(before);
    }

    // ---- replies and follow-ups (R15, R16) ------------------------------------------------------------------

    @Test
    void replyOnAClosedTicketPointsToAFollowUp() {
        String number = closed(tickets.file(requester));
        long messages = messageRows();

        Response response = tickets.reply(requester, number, "It is broken again.");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "ticket-closed");
        assertThat(response.<String>json("$.detail")).contains("follow-up");
        assertThat(messageRows()).isEqualTo(messages);
    }

    @Test
    void followUpOfAnOpenTicketIsRefused() {
        String number = tickets.file(requester);
        long before = ticketRows();

        Response response = api.as(requester).post(followUps(number), Map.of("description", "Still broken."));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "not-closed");
        assertThat(ticketRows()).isEqualTo(before);
    }

    @Test
    void followUpOfAClosedTicketIsLinkedBothWaysFiledByTheCallerAndInheritsItsRequest() {
        Map<String, Object> request = Tickets.request();
        request.put("topic", "PERFORMANCE");
        request.put("cc", List.of(colleague));
        String original = closed(tickets.file(requester, request));

        Response response = api.as(colleague).post(followUps(original), Map.of("description", "Slow again since 1.3."));

        assertThat(response.status()).isEqualTo(201);
        String followUp = response.json("$.number");
        assertThat(response.headers().getLocation()).hasToString("/api/tickets/" + followUp);
        assertThat(followUp).isNotEqualTo(original);
        assertThat(response.<String>json("$.followUpOf")).isEqualTo(original);
        assertThat(response.<String>json("$.status")).isEqualTo("NEW");
        assertThat(response.<String>json("$.requester.email")).isEqualTo(colleague);
        assertThat(response.<List<String>>json("$.cc")).containsExactly(requester);
        assertThat(response.<String>json("$.product")).isEqualTo("LIFECYCLE");
        assertThat(response.<String>json("$.topic")).isEqualTo("PERFORMANCE");
        assertThat(response.<String>json("$.organizationId")).isEqualTo(org.id());
        assertThat(response.<String>json("$.description")).isEqualTo("Slow again since 1.3.");
        assertThat(api.as(requester).get("/api/tickets/" + original).<List<String>>json("$.followUps"))
                .containsExactly(followUp);
        assertThat(tickets.process(followUp)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
    }

    @Test
    void anotherOrganisationCannotReplyOrFollowUp() {
        String open = tickets.file(requester);
        String closed = closed(tickets.file(requester));
        String outsider = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("otto");
        long before = ticketRows();
        long messages = messageRows();

        Response reply = tickets.reply(outsider, open, "Let me in.");
        Response followUp = api.as(outsider).post(followUps(closed), Map.of("description", "Let me in."));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.<String>json("$.type")).isEqualTo(PROBLEM + "not-found");
        assertThat(followUp.status()).isEqualTo(404);
        assertThat(followUp.<String>json("$.type")).isEqualTo(PROBLEM + "not-found");
        assertThat(ticketRows()).isEqualTo(before);
        assertThat(messageRows()).isEqualTo(messages);
    }

    @Test
    void replyNeedsABody() {
        String number = tickets.file(requester);
        long messages = messageRows();

        Response response = tickets.reply(requester, number, "   ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "invalid-fields");
        assertThat(response.<List<String>>json("$.errors[*].field")).containsExactly("body");
        assertThat(messageRows()).isEqualTo(messages);
    }

    @Test
    void replyIsAddedToTheConversation() {
        String number = tickets.file(requester);

        Response response = tickets.reply(colleague, number, "Also seen on the staging server.");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.<String>json("$.authorType")).isEqualTo("CUSTOMER");
        assertThat(response.<String>json("$.author.email")).isEqualTo(colleague);
        assertThat(api.as(requester).get("/api/tickets/" + number).<List<String>>json("$.conversation[*].body"))
                .containsExactly("Also seen on the staging server.");
    }

    // ---- customer text (Q4) ---------------------------------------------------------------------------------

    @Test
    void customerTextIsReturnedVerbatimAsJson() {
        String script = "<script>alert(1)</script>";
        String markup = "Tom & Jerry's \"quotes\" <img src=x onerror=alert(2)>";
        Map<String, Object> request = Tickets.request();
        request.put("summary", script);
        request.put("description", markup);
        String number = tickets.file(requester, request);

        Response response = api.as(requester).get("/api/tickets/" + number);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.<String>json("$.summary")).isEqualTo(script);
        assertThat(response.<String>json("$.description")).isEqualTo(markup);
        assertThat(api.as(requester).get("/api/tickets?view=mine").<List<String>>json("$.items[*].summary"))
                .contains(script);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private String closed(String number) {
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "SOLVE", "Fixed in 1.2.");
        assertThat(repository.findByNumber(number).orElseThrow().status()).isEqualTo(TicketStatus.CLOSED);
        return number;
    }

    private static String followUps(String number) {
        return "/api/tickets/" + number + "/follow-ups";
    }

    private long ticketRows() {
        return jdbc.sql("select count(*) from ticket").query(Long.class).single();
    }

    private long attachmentRows() {
        return jdbc.sql("select count(*) from attachment").query(Long.class).single();
    }

    private long messageRows() {
        return jdbc.sql("select count(*) from ticket_message").query(Long.class).single();
    }

    private long processes() {
        return runtime.createProcessInstanceQuery().processDefinitionKey(SupportTicketDiagram.PROCESS_KEY).count();
    }

    // ---- follow-ups with files and business impact (R16 with R6, R8) ----------------------------------------

    @Test
    void r16_aFollowUpOnTheApiTakesFilesAndABusinessImpactLikeARequest() {
        String original = solved();

        Response response = followUpWithFiles(requester, original, Map.of("description", "It is back.",
                        "businessImpact", "HIGH", "businessImpactStatement", "Releases are blocked again."),
                List.of(part("server.log", "text/plain", "ERROR again".getBytes(StandardCharsets.UTF_8))),
                part("support.zip", "application/zip", randomBytes(500, 11)));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.<String>json("$.followUpOf")).isEqualTo(original);
        assertThat(response.<String>json("$.businessImpact")).isEqualTo("HIGH");
        assertThat(response.<String>json("$.businessImpactStatement")).isEqualTo("Releases are blocked again.");
        assertThat(response.<List<String>>json("$.attachments[*].name"))
                .containsExactlyInAnyOrder("server.log", "support.zip");
    }

    @Test
    void r8_aFollowUpOnTheApiRefusesAnOfficeDocumentLikeARequestAndFilesNothing() {
        String original = solved();
        long before = ticketRows();

        Response response = followUpWithFiles(requester, original, Map.of("description", "Notes attached."),
                List.of(part("Notes.docx", "application/msword", randomBytes(200, 12))), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.<String>json("$.type")).isEqualTo(PROBLEM + "discouraged-attachment");
        assertThat(response.<String>json("$.detail")).contains("Notes.docx").contains("PDF");
        assertThat(ticketRows()).isEqualTo(before);
    }

    @Test
    void r6_aHighImpactFollowUpOnTheApiNeedsAStatement() {
        String original = solved();

        Response response = api.as(requester).post("/api/tickets/" + original + "/follow-ups",
                Map.of("description", "It is back.", "businessImpact", "HIGH"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.<List<String>>json("$.errors[*].field")).containsExactly("businessImpactStatement");
        assertThat(repository.followUps(repository.findByNumber(original).orElseThrow().id())).isEmpty();
    }

    @Test
    void r16_aFollowUpThatStatesNoImpactKeepsTheOriginals() {
        Map<String, Object> request = Tickets.request();
        request.put("businessImpact", "HIGH");
        request.put("businessImpactStatement", "Releases are blocked.");
        String original = tickets.file(requester, request);
        tickets.triage(original, "HIGH", "team-lifecycle");
        tickets.work(original, "SOLVE", "Restart the server.");

        Response response = api.as(requester).post("/api/tickets/" + original + "/follow-ups",
                Map.of("description", "It is back."));

        assertThat(response.<String>json("$.businessImpact")).isEqualTo("HIGH");
        assertThat(response.<String>json("$.businessImpactStatement")).isEqualTo("Releases are blocked.");
    }

    private String solved() {
        String number = tickets.file(requester);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "SOLVE", "Restart the server.");
        return number;
    }

    /** A follow-up with files: a {@code followUp} JSON part, {@code files} parts and an optional {@code supportZip}. */
    private Response followUpWithFiles(String email, String number, Map<String, Object> followUp,
                                       List<FilePart> files, FilePart supportZip) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        body.add("followUp", new HttpEntity<>(followUp, json));
        files.forEach(file -> body.add("files", entity(file)));
        if (supportZip != null) {
            body.add("supportZip", entity(supportZip));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> response = api.as(email).template().exchange("/api/tickets/" + number
                + "/follow-ups", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
        return new Response(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }

    private record FilePart(String name, String contentType, byte[] content) {
    }

    private static FilePart part(String name, String contentType, byte[] content) {
        return new FilePart(name, contentType, content);
    }

    /** The web form: a {@code ticket} JSON part, {@code files} parts and an optional {@code supportZip} part. */
    private Response fileWithFiles(String email, Map<String, Object> request, List<FilePart> files,
                                   FilePart supportZip) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        body.add("ticket", new HttpEntity<>(request, json));
        files.forEach(file -> body.add("files", entity(file)));
        if (supportZip != null) {
            body.add("supportZip", entity(supportZip));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> response = api.as(email).template()
                .exchange("/api/tickets", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
        return new Response(response.getStatusCode().value(), response.getHeaders(), response.getBody());
    }

    private static HttpEntity<ByteArrayResource> entity(FilePart file) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(file.contentType()));
        return new HttpEntity<>(new ByteArrayResource(file.content()) {
            @Override
            public String getFilename() {
                return file.name();
            }
        }, headers);
    }

    private static ResponseEntity<byte[]> download(TestRestTemplate rest, String url) {
        return rest.exchange(url, HttpMethod.GET, null, byte[].class);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
