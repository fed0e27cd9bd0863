package org.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.catalog.Product;
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
        assertThat(page.select("#follow-up textarea").text()).isEqualTo("It is back.");
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
