package org.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.Sev1OutageDiagram;
import org.supportdesk.ticket.BusinessImpact;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.processes.SupportTicketDiagram;

/** The ticket page: what the customer sees, replies, follow-ups and downloads, for their organisation only (R13–R17). */
@SupportDeskTest
class TicketPageTest {

    @Autowired WebApplicationContext context;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired TicketRepository repository;
    @Autowired RuntimeService runtime;

    MockMvc mvc;
    OrgFixture org;
    String rita;
    String carl;
    String otto;

    @BeforeEach
    void setUp() {
        mvc = Portal.mvc(context);
        EngineTime.setNewYork("2026-12-01T10:00");
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        rita = org.owner("rita");
        carl = org.contact("carl");
        otto = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("otto");
    }

    @Test
    void theTicketShowsStatusPriorityRequestConversationAndFiles() throws Exception {
        Map<String, Object> request = Tickets.request();
        request.put("stepsToReproduce", "Open it.\nEvaluate it.");
        request.put("businessImpact", "HIGH");
        request.put("businessImpactStatement", "Releases are blocked");
        request.put("cc", java.util.List.of(carl));
        String number = tickets.fileWithFile(rita, request, "server.log", "ERROR boom".getBytes());
        tickets.triage(number, "HIGH", "team-lifecycle");
        EngineTime.setNewYork("2026-12-01T11:00");
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");

        Document page = page(rita, number);

        assertThat(page.select("h1").text()).isEqualTo(number + " Policy evaluation fails");
        assertThat(page.select(".status-line .badge").text()).isEqualTo("Waiting for you");
        assertThat(page.select(".status-line").text()).contains("Support asked you for information");
        assertThat(page.select(".facts").text()).contains("Priority High", "Product Lifecycle", "Kind Problem",
                "Copied " + carl, "Filed 1 Dec 2026, 10:00 EST");
        assertThat(page.select("#request-title + .text").text()).isEqualTo("Evaluating the default policy fails with an error.");
        assertThat(page.select("section .text").eachText()).contains("Open it. Evaluate it.", "Releases are blocked");
        assertThat(page.select("section .text").stream().map(Element::wholeText)).contains("Open it.\nEvaluate it.");
        assertThat(page.select(".conversation .message.from-support .text").text()).isEqualTo("Which version do you run?");
        Attachment file = repository.attachments(repository.findByNumber(number).orElseThrow().id()).get(0);
        String download = "/tickets/" + number + "/attachments/" + file.id();
        assertThat(page.select("#attachments a").attr("href")).isEqualTo(download);
        assertThat(page.select("#attachments").text()).contains("server.log", "10 B", file.sha256());
        assertThat(page.select("#reply form textarea[name=body]")).hasSize(1);
        assertThat(page.select("#reply-title").text()).isEqualTo("Answer support");
        assertThat(page.select("#follow-up")).isEmpty();
    }

    @Test
    void filesDownloadAsAttachmentsNeverInline() throws Exception {
        String number = tickets.fileWithFile(rita, Tickets.request(), "page.html", "<script>alert(1)</script>".getBytes());
        long id = repository.attachments(repository.findByNumber(number).orElseThrow().id()).get(0).id();

        MvcResult download = mvc.perform(get("/tickets/" + number + "/attachments/" + id).with(Portal.as(carl)))
                .andExpect(status().isOk()).andReturn();

        assertThat(download.getResponse().getContentType()).isEqualTo("application/octet-stream");
        assertThat(download.getResponse().getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"page.html\"");
        assertThat(download.getResponse().getContentAsString()).isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void anotherOrganisationsTicketAndFilesDoNotExist() throws Exception {
        String number = tickets.fileWithFile(rita, Tickets.request(), "server.log", "secret".getBytes());
        long id = repository.attachments(repository.findByNumber(number).orElseThrow().id()).get(0).id();

        Document page = Portal.html(mvc.perform(get("/tickets/" + number).with(Portal.as(otto)))
                .andExpect(status().isNotFound()).andReturn());
        assertThat(page.select("h1").text()).isEqualTo("Not found");
        assertThat(page.select(".notice.error").text()).isEqualTo("Ticket " + number + " was not found.");
        assertThat(page.text()).doesNotContain("Policy evaluation fails");

        mvc.perform(get("/tickets/" + number + "/attachments/" + id).with(Portal.as(otto))).andExpect(status().isNotFound());
        mvc.perform(multipart("/tickets/" + number + "/replies").param("body", "Mine now").with(Portal.as(otto)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/tickets/" + number + "/follow-ups").param("description", "x").with(Portal.as(otto)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/tickets/SD-999999").with(Portal.as(rita))).andExpect(status().isNotFound());
        mvc.perform(get("/tickets/nonsense").with(Portal.as(rita))).andExpect(status().isNotFound());
        assertThat(repository.messages(repository.findByNumber(number).orElseThrow().id())).isEmpty();
    }

    @Test
    void answeringAPendingTicketReopensIt() throws Exception {
        String number = pending();

        MvcResult result = mvc.perform(multipart("/tickets/" + number + "/replies")
                        .file(new MockMultipartFile("files", "version.txt", "text/plain", "3.70.1".getBytes()))
                        .param("body", "We run 3.70.1.").with(Portal.as(rita)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).startsWith("/tickets/" + number + "#message-");
        assertThat((String) result.getFlashMap().get("notice")).contains("open again");
        Ticket ticket = repository.findByNumber(number).orElseThrow();
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(tickets.task(number).getTaskDefinitionKey()).isEqualTo(SupportTicketDiagram.WORK_TASK);
        Document page = page(rita, number);
        assertThat(page.select(".conversation .message.from-customer .text").text()).isEqualTo("We run 3.70.1.");
        assertThat(page.select(".conversation .message.from-customer .files a").text()).isEqualTo("version.txt");
    }

    @Test
    void anEmptyReplyIsRefusedOnThePage() throws Exception {
        String number = tickets.file(rita);

        Document page = Portal.html(mvc.perform(multipart("/tickets/" + number + "/replies").param("body", " ")
                .with(Portal.as(rita)).with(csrf())).andExpect(status().isBadRequest()).andReturn());

        assertThat(page.select("#reply-error").text()).isEqualTo("Please write your reply first.");
    }

    @Test
    void aDiscouragedFileInAReplyIsRefusedAndTheTextKept() throws Exception {
        String number = tickets.file(rita);

        Document page = Portal.html(mvc.perform(multipart("/tickets/" + number + "/replies")
                        .file(new MockMultipartFile("files", "mail.msg", "application/vnd.ms-outlook", new byte[]{1}))
                        .param("body", "See the mail.").with(Portal.as(rita)).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn());

        assertThat(page.select("#reply-error").text()).contains("mail.msg is a .msg file");
        assertThat(page.select("#reply textarea").text()).isEqualTo("See the mail.");
    }

    @Test
    void aMemberWhoIsNeitherContactNorOnTheTicketCannotReply() throws Exception {
        String number = tickets.file(rita);
        String mona = org.member("mona", false, false);

        Document page = Portal.html(mvc.perform(multipart("/tickets/" + number + "/replies").param("body", "Me too")
                .with(Portal.as(mona)).with(csrf())).andExpect(status().isForbidden()).andReturn());

        assertThat(page.select("#reply-error").text()).contains("Only your organisation's authorized support contacts");
        assertThat(page.select("#reply textarea").text()).isEqualTo("Me too");
    }

    @Test
    void aClosedTicketOffersAFollowUpInsteadOfAReply() throws Exception {
        String number = solved();

        Document page = page(rita, number);

        assertThat(page.select(".status-line").text()).contains("Closed", "Solved.", "create a follow-up");
        assertThat(page.select("#reply")).isEmpty();
        assertThat(page.select("#follow-up button").text()).isEqualTo("Create a follow-up");
    }

    @Test
    void aReplyToAClosedTicketIsRefusedAndItsTextMovesToTheFollowUpBox() throws Exception {
        String number = solved();

        Document page = Portal.html(mvc.perform(multipart("/tickets/" + number + "/replies").param("body", "It is back.")
                .with(Portal.as(rita)).with(csrf())).andExpect(status().isConflict()).andReturn());

        assertThat(page.select("#follow-up-error").text()).contains("never reopened");
        assertThat(page.select("#follow-up-description").text()).isEqualTo("It is back.");
    }

    @Test
    void aFollowUpIsANewTicketLinkedBothWays() throws Exception {
        String original = solved();

        MvcResult result = mvc.perform(post("/tickets/" + original + "/follow-ups").param("description", "It is back.")
                .with(Portal.as(carl)).with(csrf())).andExpect(status().is3xxRedirection()).andReturn();

        String followUp = result.getResponse().getRedirectedUrl().substring("/tickets/".length());
        assertThat((String) result.getFlashMap().get("notice")).isEqualTo("We created " + followUp
                + " as a follow-up to " + original + ".");
        Document page = page(carl, followUp);
        assertThat(page.select("h1").text()).contains("Follow-up to " + original);
        assertThat(page.select("a.original-link").attr("href")).isEqualTo("/tickets/" + original);
        assertThat(page(carl, original).select("a.follow-up-link").eachAttr("href")).containsExactly("/tickets/" + followUp);
    }

    @Test
    void aFollowUpToAnOpenTicketIsRefused() throws Exception {
        String number = tickets.file(rita);

        Document page = Portal.html(mvc.perform(post("/tickets/" + number + "/follow-ups").param("description", "More")
                .with(Portal.as(rita)).with(csrf())).andExpect(status().isConflict()).andReturn());

        assertThat(page.select("#reply-error").text()).contains("not closed: reply to it instead");
        assertThat(page.select("#reply textarea").text()).isEqualTo("More");
    }

    @Test
    void anEmptyFollowUpIsRefused() throws Exception {
        String number = solved();

        Document page = Portal.html(mvc.perform(post("/tickets/" + number + "/follow-ups").param("description", "")
                .with(Portal.as(rita)).with(csrf())).andExpect(status().isBadRequest()).andReturn());

        assertThat(page.select("#follow-up-error").text()).isEqualTo("Please describe what you need help with.");
    }

    @Test
    void r16_aPortalFollowUpTakesFilesAndABusinessImpactLikeARequest() throws Exception {
        String original = solved();

        MvcResult result = mvc.perform(followUp(original, "It is back after the restart.",
                        new MockMultipartFile("files", "server.log", "text/plain", "ERROR again".getBytes()),
                        new MockMultipartFile("supportZip", "support.zip", "application/zip", new byte[]{80, 75}))
                        .param("businessImpact", "HIGH").param("businessImpactStatement", "Releases are blocked")
                        .with(Portal.as(carl)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();

        Ticket followUp = repository.findByNumber(result.getResponse().getRedirectedUrl()
                .substring("/tickets/".length())).orElseThrow();
        assertThat(followUp.businessImpact()).isEqualTo(BusinessImpact.HIGH);
        assertThat(followUp.businessImpactStatement()).isEqualTo("Releases are blocked");
        assertThat(followUp.concernType()).isEqualTo(ConcernType.PROBLEM);
        assertThat(repository.attachments(followUp.id())).extracting(Attachment::fileName)
                .containsExactlyInAnyOrder("server.log", "support.zip");
        Document page = page(carl, followUp.number());
        assertThat(page.select("#attachments a").eachText()).containsExactlyInAnyOrder("server.log", "support.zip");
        assertThat(page.select("section .text").eachText()).contains("Releases are blocked");
    }

    @Test
    void r16_aFollowUpDeclaredANewOutageTakesTheSev1PathOfANewRequest() throws Exception {
        String original = solved();

        MvcResult result = mvc.perform(followUp(original, "Production is down again.",
                        new MockMultipartFile("files", "startup.log.gz", "application/gzip", new byte[]{31, 8}))
                        .param("newOutage", "true").param("businessImpact", "NORMAL")
                        .with(Portal.as(rita)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();

        Ticket followUp = repository.findByNumber(result.getResponse().getRedirectedUrl()
                .substring("/tickets/".length())).orElseThrow();
        assertThat(followUp.concernType()).isEqualTo(ConcernType.CRITICAL_OUTAGE);
        assertThat(followUp.priority()).isEqualTo(Priority.URGENT);
        assertThat(runtime.createProcessInstanceQuery()
                .processDefinitionKey(Sev1OutageDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(followUp.number()).count()).isEqualTo(1);
    }

    @Test
    void r8_aFollowUpRefusesADiscouragedFileLikeARequestAndKeepsWhatWasTyped() throws Exception {
        String original = solved();

        Document page = Portal.html(mvc.perform(followUp(original, "Notes attached.",
                        new MockMultipartFile("files", "notes.docx", "application/msword", new byte[]{1}))
                        .param("businessImpact", "HIGH").param("businessImpactStatement", "Audit on Friday")
                        .param("newOutage", "true").with(Portal.as(rita)).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn());

        assertThat(page.select("#follow-up-files-error").text()).contains("notes.docx is a .docx file")
                .contains("PDF, plain text or compressed text");
        assertThat(page.select("#follow-up-description").text()).isEqualTo("Notes attached.");
        assertThat(page.select("#follow-up-statement").text()).isEqualTo("Audit on Friday");
        assertThat(page.select("#follow-up input[name=businessImpact][checked]").val()).isEqualTo("HIGH");
        assertThat(page.select("#follow-up-new-outage").hasAttr("checked")).isTrue();
        assertThat(repository.followUps(repository.findByNumber(original).orElseThrow().id())).isEmpty();
    }

    @Test
    void r8_aFollowUpFileOverTheLimitIsRefusedNextToTheFiles() throws Exception {
        String original = solved();

        Document page = Portal.html(mvc.perform(followUp(original, "The dump.",
                        new MockMultipartFile("files", "huge.log", "text/plain", new byte[1024 * 1024 + 1]))
                        .with(Portal.as(rita)).with(csrf()))
                .andExpect(status().isPayloadTooLarge()).andReturn());

        assertThat(page.select("#follow-up-files-error").text()).contains("huge.log is 1.0 MiB")
                .contains("at most 1.0 MiB per file and 2.0 MiB per request");
        assertThat(page.select("#follow-up-description").text()).isEqualTo("The dump.");
        assertThat(repository.followUps(repository.findByNumber(original).orElseThrow().id())).isEmpty();
    }

    @Test
    void r6_aHighImpactFollowUpNeedsItsStatementAndTheFilesMustBeChosenAgain() throws Exception {
        String original = solved();

        Document page = Portal.html(mvc.perform(followUp(original, "Still broken.",
                        new MockMultipartFile("files", "server.log", "text/plain", "ERROR".getBytes()))
                        .param("businessImpact", "HIGH").param("businessImpactStatement", " ")
                        .with(Portal.as(rita)).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn());

        assertThat(page.select("#follow-up-error").text()).startsWith("Your follow-up was not created yet.");
        assertThat(page.select("#follow-up-statement-error").text())
                .isEqualTo("Please describe the impact on your business.");
        assertThat(page.select("#follow-up-files-error").text()).isEqualTo("Nothing was sent: please choose your"
                + " files again.");
        assertThat(page.select("#follow-up-description").text()).isEqualTo("Still broken.");
        assertThat(repository.followUps(repository.findByNumber(original).orElseThrow().id())).isEmpty();
    }

    @Test
    void r16_theFollowUpFormStartsFromTheOriginalsBusinessImpact() throws Exception {
        Map<String, Object> request = Tickets.request();
        request.put("businessImpact", "HIGH");
        request.put("businessImpactStatement", "Releases are blocked");
        String number = tickets.file(rita, request);
        tickets.triage(number, "HIGH", "team-lifecycle");
        tickets.work(number, "SOLVE", "Restart the server.");

        Document page = page(rita, number);

        assertThat(page.select("#follow-up input[name=businessImpact][checked]").val()).isEqualTo("HIGH");
        assertThat(page.select("#follow-up-statement").text()).isEqualTo("Releases are blocked");
        assertThat(page.select("#follow-up-new-outage").hasAttr("checked")).isFalse();
        assertThat(page.select("#follow-up form").attr("enctype")).isEqualTo("multipart/form-data");
        assertThat(page.select("#follow-up-files-hint").text()).contains("1.0 MiB per file", ".docx");
    }

    private static MockMultipartHttpServletRequestBuilder followUp(
            String number, String description, MockMultipartFile... files) {
        var request = multipart("/tickets/" + number + "/follow-ups");
        for (MockMultipartFile file : files) {
            request.file(file);
        }
        return (MockMultipartHttpServletRequestBuilder) request.param("description", description);
    }

    @Test
    void repliesAndFollowUpsNeedTheCsrfToken() throws Exception {
        String number = tickets.file(rita);
        mvc.perform(multipart("/tickets/" + number + "/replies").param("body", "x").with(Portal.as(rita)))
                .andExpect(status().isForbidden());
        String closed = solved();
        mvc.perform(post("/tickets/" + closed + "/follow-ups").param("description", "x").with(Portal.as(rita)))
                .andExpect(status().isForbidden());

        assertThat(repository.messages(repository.findByNumber(number).orElseThrow().id())).isEmpty();
        assertThat(repository.followUps(repository.findByNumber(closed).orElseThrow().id())).isEmpty();
    }

    private String pending() {
        String number = tickets.file(rita);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        return number;
    }

    private String solved() {
        String number = tickets.file(rita);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "SOLVE", "Restart the server.");
        return number;
    }

    private Document page(String email, String number) throws Exception {
        return Portal.html(mvc.perform(get("/tickets/" + number).with(Portal.as(email))).andExpect(status().isOk()).andReturn());
    }
}
