package org.supportdesk.staffdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.supportdesk.CamundaWebapps;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.catalog.Product;
import org.supportdesk.portal.Labels;
import org.supportdesk.portal.PortalHttp;
import org.supportdesk.staff.StaffGroup;
import org.supportdesk.ticket.BusinessImpact;
import org.supportdesk.ticket.Channel;
import org.supportdesk.ticket.CloseReason;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.ticket.Topic;

import com.jayway.jsonpath.JsonPath;
import org.supportdesk.processes.Sev1OutageDiagram;

/**
 * What the Tasklist "Ticket" tab reads (issue #22): the ticket of a task, whole, from the desk's tables at the moment
 * it is asked for, and its files, with the Tasklist session (no second login); staff who work tickets only, and only
 * for a task they may see.
 */
@SupportDeskTest
class TasklistTicketTabTest {

    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired StaffDesk desk;
    @Autowired JdbcClient jdbc;
    @Autowired CodeLabels labels;
    @LocalServerPort int port;

    CamundaWebapps webapps;
    OrgFixture org;
    String rita;
    String carl;

    @BeforeEach
    void setUp() {
        webapps = new CamundaWebapps(port);
        EngineTime.setNewYork("2026-11-10T10:00"); // a Tuesday
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        rita = org.owner("rita");
        carl = org.contact("carl");
    }

    @Test
    void anAgentsTasklistSessionReadsTheTicketOfTheTaskAsTheTablesHoldItNow() throws Exception {
        Map<String, Object> request = Tickets.request();
        request.put("summary", "Evaluation fails after the upgrade");
        request.put("description", "The log says <script>alert('x')</script> and stops.");
        request.put("cc", List.of(carl));
        String number = tickets.file(rita, request);
        EngineTime.setNewYork("2026-11-10T10:40");
        tickets.triage(number, "HIGH", "team-lifecycle");
        EngineTime.setNewYork("2026-11-10T11:15");
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        EngineTime.setNewYork("2026-11-10T13:00");
        tickets.reply(rita, number, "We run <b>1.180</b>.");
        desk.addNote(number, "agent", "Called them: two nodes behind a proxy.");
        String task = tickets.task(number).getId();

        CamundaWebapps.Session tasklist = webapps.signIn("agent", "agent", "tasklist");
        HttpResponse<String> answer = tasklist.get(ticketPath(task));

        assertThat(answer.statusCode()).isEqualTo(200);
        String json = answer.body();
        assertThat(read(json, "$.ticket.number")).isEqualTo(number);
        assertThat(read(json, "$.ticket.summary")).isEqualTo("Evaluation fails after the upgrade");
        assertThat(read(json, "$.ticket.description")).isEqualTo("The log says <script>alert('x')</script> and stops.");
        assertThat(JsonPath.<List<String>>read(json, "$.ticket.conversation[*].body"))
                .containsExactly("Which version do you run?", "We run <b>1.180</b>.");
        assertThat(JsonPath.<List<String>>read(json, "$.ticket.conversation[*].authorType"))
                .containsExactly("AGENT", "CUSTOMER");
        assertThat(JsonPath.<List<String>>read(json, "$.ticket.notes[*].body"))
                .containsExactly("Called them: two nodes behind a proxy.");
        assertThat(read(json, "$.ticket.requester.email")).isEqualTo(rita);
        assertThat(JsonPath.<List<String>>read(json, "$.ticket.cc")).containsExactly(carl);
        assertThat(JsonPath.<Map<String, String>>read(json, "$.labels")).containsEntry("product", "Lifecycle")
                .containsEntry("topic", "Configuration").containsEntry("concernType", "Problem")
                .containsEntry("businessImpact", "Normal").containsEntry("priority", "High")
                .containsEntry("team", "Lifecycle team").containsEntry("status", "Open")
                .containsEntry("channel", "Web form");
        assertThat(read(json, "$.customer.timeZone")).isEqualTo("America/New_York");
        assertThat(Instant.parse(read(json, "$.targets.firstRespondedAt")))
                .isEqualTo(EngineTime.newYork("2026-11-10T11:15"));
        assertThat(Instant.parse(read(json, "$.targets.firstResponseDue")))
                .isEqualTo(EngineTime.newYork("2026-11-10T14:00")); // HIGH: 4 business hours from filing
        assertThat(JsonPath.<Boolean>read(json, "$.targets.firstResponseBreached")).isFalse();
        // the customer's reply waits for support: the next reply is due 4 business hours after it (HIGH)
        assertThat(Instant.parse(read(json, "$.targets.nextReplyDue")))
                .isEqualTo(EngineTime.newYork("2026-11-10T17:00"));
        assertThat(read(json, "$.task.id")).isEqualTo(task);
        assertThat(read(json, "$.staffPage")).isEqualTo("/staff/tickets/" + number);

        // the tables, not a copy: what changed there since is in the next answer
        long ticketId = TicketNumber.parse(number).orElseThrow();
        jdbc.sql("update ticket_message set body = ? where ticket_id = ? and author_type = 'CUSTOMER'")
                .params("We run 1.180 on two nodes.", ticketId).update();
        desk.addNote(number, "manager", "Their contract renews in December.");

        String again = tasklist.get(ticketPath(task)).body();
        assertThat(JsonPath.<List<String>>read(again, "$.ticket.conversation[*].body"))
                .containsExactly("Which version do you run?", "We run 1.180 on two nodes.");
        assertThat(JsonPath.<List<String>>read(again, "$.ticket.notes[*].body"))
                .containsExactly("Called them: two nodes behind a proxy.", "Their contract renews in December.");
    }

    @Test
    void anAttachmentDownloadsWithTheTasklistSessionAndIsTheFileTheCustomerSent() throws Exception {
        byte[] log = "2026-11-10 09:58 ERROR evaluation failed\n<html>not rendered</html>\n"
                .getBytes(StandardCharsets.UTF_8);
        String number = tickets.fileWithFile(rita, Tickets.request(), "server.log", log);
        String task = tickets.task(number).getId();
        CamundaWebapps.Session tasklist = webapps.signIn("agent", "agent", "tasklist");

        String url = read(tasklist.get(ticketPath(task)).body(), "$.ticket.attachments[0].url");
        assertThat(url).startsWith("/camunda/api/support-desk/tasks/" + task + "/ticket/attachments/");
        HttpResponse<byte[]> file = tasklist.download(url);

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(log);
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"server.log\"");
        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/octet-stream");
        assertThat(anonymous(url).statusCode()).isEqualTo(401);
        assertThat(tasklist.download(url.replaceFirst("/\\d+$", "/999999")).statusCode()).isEqualTo(404);
    }

    /**
     * Tasklist keeps calling the webapps' API while the tab reads the ticket and its files; were the tab's calls to
     * give the session a new id (Spring Security's session-fixation protection does on a request it sees signed in),
     * a Tasklist call still in flight with the old id would find no session and sign the agent out.
     */
    @Test
    void theTabsCallsKeepTheTasklistSessionsIdSoTasklistsOwnCallsStaySignedIn() throws Exception {
        String number = tickets.fileWithFile(rita, Tickets.request(), "server.log",
                "a log line\n".getBytes(StandardCharsets.UTF_8));
        String task = tickets.task(number).getId();
        CamundaWebapps.Session tasklist = webapps.signIn("agent", "agent", "tasklist");
        String signedIn = tasklist.cookie("SESSION");
        assertThat(signedIn).isNotBlank();

        HttpResponse<String> ticket = tasklist.get(ticketPath(task));
        HttpResponse<byte[]> file = tasklist.download(read(ticket.body(), "$.ticket.attachments[0].url"));

        assertThat(ticket.statusCode()).isEqualTo(200);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(ticket.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("SESSION="));
        assertThat(file.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("SESSION="));
        assertThat(tasklist.cookie("SESSION")).isEqualTo(signedIn);
        HttpResponse<String> whoAmI = tasklist.get("/camunda/api/admin/auth/user/default");
        assertThat(whoAmI.statusCode()).isEqualTo(200);
        assertThat(read(whoAmI.body(), "$.userId")).isEqualTo("agent");
    }

    @Test
    void analystsAre403AndCustomersOrNobodyAre401WithoutAPasswordPrompt() throws Exception {
        String number = tickets.fileWithFile(rita, Tickets.request(), "server.log", new byte[]{1, 2, 3});
        String task = tickets.task(number).getId();
        CamundaWebapps.Session tasklist = webapps.signIn("agent", "agent", "tasklist");
        String file = read(tasklist.get(ticketPath(task)).body(), "$.ticket.attachments[0].url");

        CamundaWebapps.Session cockpit = webapps.signIn("analyst", "analyst", "cockpit");
        for (String path : List.of(ticketPath(task), file)) {
            HttpResponse<String> analyst = cockpit.get(path);
            assertThat(analyst.statusCode()).as(path).isEqualTo(403);
            assertThat(analyst.body()).as(path).doesNotContain("Policy evaluation fails");

            HttpResponse<String> nobody = anonymous(path);
            assertThat(nobody.statusCode()).as(path).isEqualTo(401);
            assertThat(nobody.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
            assertThat(nobody.body()).as(path).contains("urn:support-desk:problem:sign-in-required",
                    "Sign in to Tasklist first");

            HttpResponse<String> customerLogin = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
                    .header("Authorization", CamundaWebapps.basic(rita + ":" + TestFixtures.PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(customerLogin.statusCode()).as(path).isEqualTo(401);

            HttpResponse<String> portalSession = new PortalHttp(port).signIn(rita, TestFixtures.PASSWORD).get(path);
            assertThat(portalSession.statusCode()).as(path).isEqualTo(401);
            assertThat(portalSession.body()).as(path).doesNotContain("Policy evaluation fails");
        }
    }

    @Test
    void aTaskTheStaffMemberMayNotSeeIsNotFoundAndNothingIsSentBack() throws Exception {
        String number = tickets.file(rita);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        String task = tickets.task(number).getId();

        CamundaWebapps.Session oncall = webapps.signIn("oncall", "oncall", "tasklist"); // team-sev1, not lifecycle
        HttpResponse<String> otherTeam = oncall.get(ticketPath(task));
        assertThat(otherTeam.statusCode()).isEqualTo(404);
        assertThat(otherTeam.body()).doesNotContain(number, "Policy evaluation fails");

        CamundaWebapps.Session agent = webapps.signIn("agent", "agent", "tasklist");
        assertThat(agent.get(ticketPath(task)).statusCode()).isEqualTo(200);
        assertThat(agent.get(ticketPath("no-such-task")).statusCode()).isEqualTo(404);
    }

    @Test
    void theOutageTaskOfTheSev1QueueShowsItsTicketToTheOnCallEngineer() throws Exception {
        EngineTime.setNewYork("2026-12-01T10:00"); // in business hours: straight to "Assess the outage"
        String sam = fixtures.organization().activeLicence(Product.REPOSITORY_MANAGER).owner("sam");
        Map<String, Object> outage = Tickets.request();
        outage.put("product", "REPOSITORY_MANAGER");
        outage.put("topic", "INSTALLATION_UPGRADE");
        outage.put("concernType", "CRITICAL_OUTAGE");
        outage.put("summary", "Repository down");
        outage.put("description", "The repository does not start after the upgrade.");
        String number = tickets.file(sam, outage);
        org.camunda.bpm.engine.task.Task assess = tickets.task(number);
        assertThat(assess.getTaskDefinitionKey()).isEqualTo(Sev1OutageDiagram.ASSESS_TASK);

        String json = webapps.signIn("oncall", "oncall", "tasklist").get(ticketPath(assess.getId())).body();

        assertThat(read(json, "$.ticket.number")).isEqualTo(number);
        assertThat(read(json, "$.ticket.description")).isEqualTo("The repository does not start after the upgrade.");
        assertThat(JsonPath.<Map<String, String>>read(json, "$.labels"))
                .containsEntry("concernType", "Critical production outage (SEV-1)").containsEntry("priority", "Urgent")
                .containsEntry("team", "SEV-1 queue");
        assertThat(JsonPath.<Map<String, Object>>read(json, "$.targets")).containsKey("firstResponseDue")
                .doesNotContainKey("firstRespondedAt").doesNotContainKey("nextReplyDue");
    }

    @Test
    void theTabsCallsOnlyReadEvenWithTheSessionAndItsCsrfToken() throws Exception {
        String number = tickets.file(rita);
        String task = tickets.task(number).getId();
        CamundaWebapps.Session tasklist = webapps.signIn("agent", "agent", "tasklist");

        assertThat(tasklist.post(ticketPath(task), "{}").statusCode()).isEqualTo(403);
        assertThat(tasklist.get(ticketPath(task)).statusCode()).isEqualTo(200);
    }

    @Test
    void everyCodeOfATicketHasALabelForPeopleAndTheFormsNamesForTheirs() {
        Map<String, Class<? extends Enum<?>>> kinds = Map.of("businessImpact", BusinessImpact.class,
                "status", TicketStatus.class, "closeReason", CloseReason.class, "channel", Channel.class);
        kinds.forEach((kind, codes) -> Arrays.stream(codes.getEnumConstants()).forEach(code ->
                assertThat(labels.of(kind, code)).as(kind + " " + code).isNotBlank().doesNotContain("_")
                        .isNotEqualTo(code.name())));
        StaffGroup.teams().forEach(team -> assertThat(labels.team(team.id())).isEqualTo(team.displayName()));

        // what the forms offer (FormLabelsTest) is what the tab says
        org.supportdesk.ticket.Ticket outage = new org.supportdesk.ticket.Ticket(1001, "acme", "a@acme.example", "A",
                Channel.EMAIL, Product.FIREWALL, Topic.INTEGRATIONS, ConcernType.CRITICAL_OUTAGE, "s", "d", null,
                null, BusinessImpact.HIGH, "i", TicketStatus.CLOSED, CloseReason.NO_RESPONSE, Priority.URGENT,
                "team-sev1", null, null, false, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null);
        Labels forms = new Labels();
        assertThat(labels.of(outage)).isEqualTo(new StaffDeskJson.Labels(forms.product(Product.FIREWALL),
                forms.topic(Topic.INTEGRATIONS), forms.concern(ConcernType.CRITICAL_OUTAGE), "Higher business impact",
                forms.priority(Priority.URGENT), "SEV-1 queue", "Closed: no answer from the customer", "Email"));
    }

    private static String ticketPath(String task) {
        return "/camunda/api/support-desk/tasks/" + task + "/ticket";
    }

    private HttpResponse<String> anonymous(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String read(String json, String path) {
        return JsonPath.read(json, path);
    }
}
