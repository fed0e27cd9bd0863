package org.supportdesk.ticket;

import org.supportdesk.catalog.ConcernType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Member;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.SupportTicketDiagram;

/** What customers do besides filing: replies while open (R15), follow-ups (R16), and the ineligible path (R4). */
@SupportDeskTest
class CustomerActivityTest {

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired Api api;
    @Autowired TicketRepository repository;
    @Autowired TicketProcess process;
    @Autowired AccountRepository accounts;
    @Autowired HistoryService history;
    @Autowired RuntimeService runtime;

    OrgFixture org;
    String requester;

    @BeforeEach
    void organisation() {
        EngineTime.setNewYork("2026-12-01T10:00");
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        requester = org.owner("olive");
    }

    @Test
    void replyWhileOpenJoinsTheConversationAndTellsTheAssignee() {
        String number = tickets.file(requester);
        tickets.triage(number, "NORMAL", "team-lifecycle");

        tickets.reply(requester, number, "One more detail: it started after the upgrade.");

        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK).hasPassed("Task_NotifyAssigneeOfComment");
        assertThat(repository.findByNumber(number).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
        assertThat(mailbox.to("agent@support.example", number)).extracting(Mailbox.Mail::body)
                .anyMatch(body -> body.contains("it started after the upgrade"));
    }

    @Test
    void replyBeforeTriageTellsTheTeam() {
        String number = tickets.file(requester);

        tickets.reply(requester, number, "Forgot to say: production only.");

        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(mailbox.to("agent@support.example", number + "] ")).extracting(Mailbox.Mail::subject)
                .anyMatch(subject -> subject.contains("olive wrote"));
    }

    @Test
    void theReplyJoinsTheTicketsTablesAndNoProcessVariable() {
        String number = tickets.file(requester);
        tickets.triage(number, "NORMAL", "team-lifecycle");

        tickets.reply(requester, number, "Logs attached tomorrow.");

        assertThat(repository.messages(repository.findByNumber(number).orElseThrow().id()))
                .extracting(TicketMessage::body).contains("Logs attached tomorrow.");
        assertThat(runtime.getVariables(tickets.process(number).getId()).values())
                .noneMatch(value -> String.valueOf(value).contains("Logs attached tomorrow."));
    }

    @Test
    void aFollowUpIsFiledByWhoeverFilesItAndTheOriginalRequesterIsCopiedWhileAMember() {
        String colleague = org.contact("carl");
        String original = tickets.file(requester);
        tickets.triage(original, "NORMAL", "team-lifecycle");
        tickets.work(original, "SOLVE", "Solved by a restart.");

        Api.Response response = api.as(colleague).post("/api/tickets/" + original + "/follow-ups",
                Map.of("description", "It happened again on my server."));

        assertThat(response.status()).isEqualTo(201);
        Ticket followUp = repository.findByNumber(response.json("$.number")).orElseThrow();
        assertThat(followUp.requesterEmail()).isEqualTo(colleague);
        assertThat(repository.cc(followUp.id())).containsExactly(requester);
    }

    @Test
    void aFollowUpIsCheckedOnWhoFilesItNotOnTheOriginalRequester() {
        String colleague = org.contact("carl");
        String original = tickets.file(colleague);
        tickets.triage(original, "NORMAL", "team-lifecycle");
        tickets.work(original, "SOLVE", "Solved by a restart.");
        accounts.setAuthorizedContact(colleague, false); // carl is no longer a contact; olive still is

        Api.Response filed = api.as(requester).post("/api/tickets/" + original + "/follow-ups",
                Map.of("description", "Again, after carl left."));
        assertThat(filed.status()).isEqualTo(201);
        Ticket followUp = repository.findByNumber(filed.json("$.number")).orElseThrow();
        assertThat(followUp.requesterEmail()).isEqualTo(requester);
        assertThat(repository.cc(followUp.id())).containsExactly(colleague);
    }

    @Test
    void followUpOfAClosedTicketStartsANewLinkedTicket() {
        String original = tickets.file(requester);
        tickets.triage(original, "NORMAL", "team-lifecycle");
        tickets.work(original, "SOLVE", "Solved by a restart.");

        Api.Response response = api.as(requester).post("/api/tickets/" + original + "/follow-ups",
                Map.of("description", "It happened again."));

        String followUp = response.json("$.number");
        assertThat(tickets.process(followUp)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(mailbox.to(requester, followUp)).extracting(Mailbox.Mail::subject)
                .containsExactly("[" + followUp + "] Follow-up to " + original + " created: Follow-up to " + original
                        + ": Policy evaluation fails");
        assertThat(repository.followUps(repository.findByNumber(original).orElseThrow().id()))
                .containsExactly(TicketNumber.parse(followUp).orElseThrow());
    }

    @Test
    void revokedContactCanNoLongerFile() {
        String contact = org.contact("cora");
        accounts.setAuthorizedContact(contact, false);

        assertThat(api.as(contact).post("/api/tickets", Tickets.request()).status()).isEqualTo(403);
        assertThat(accounts.findMember(contact)).get().extracting(Member::authorizedContact).isEqualTo(false);
    }
}
