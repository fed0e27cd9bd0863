package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.SupportTicketDiagram;

/** The support-ticket process from filing to closing (R10–R16, R22), driven through the API and Tasklist's engine calls. */
@SupportDeskTest
class TicketLifecycleTest {

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired Jobs jobs;
    @Autowired Api api;
    @Autowired TicketRepository repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;

    OrgFixture org;
    String requester;
    String colleague;

    @BeforeEach
    void organisation() {
        EngineTime.setNewYork("2026-12-01T10:00"); // a Tuesday
        org = fixtures.organization().activeLicence(Product.LIFECYCLE).activeLicence(Product.REPOSITORY_MANAGER);
        requester = org.owner("rita");
        colleague = org.contact("carl");
    }

    @Test
    void filedTicketWaitsForTriageInItsTeamQueue() {
        String number = tickets.file(requester);

        ProcessInstance process = tickets.process(number);
        assertThat(process).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK).hasPassed("Task_RouteTicket");
        assertThat(process).task().hasCandidateGroup("team-lifecycle");
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.NEW);
    }

    @Test
    void requesterAndCcsGetTheAcknowledgementWithTheTicketNumber() {
        Map<String, Object> request = Tickets.request();
        request.put("cc", java.util.List.of(colleague));
        String number = tickets.file(requester, request);

        Mailbox.Mail ack = mailbox.to(requester).get(0);
        assertThat(ack.subject()).startsWith("[" + number + "] We received your request");
        assertThat(ack.recipients(jakarta.mail.Message.RecipientType.CC)).containsExactly(colleague);
        assertThat(ack.header("Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(ack.header("Message-ID")).startsWith("<" + number + ".");
        assertThat(ack.header("References")).isEqualTo("<" + number + "@support.example>");
    }

    @Test
    void theTeamHearsOfTheNewTicket() {
        String number = tickets.file(requester);

        assertThat(mailbox.to("agent@support.example", number)).extracting(Mailbox.Mail::subject)
                .anyMatch(s -> s.startsWith("[" + number + "] New NORMAL ticket in team-lifecycle"));
    }

    @Test
    void triageSetsPriorityAndTeamAndOpensTheTicket() {
        String number = tickets.file(requester);

        tickets.triage(number, "HIGH", "team-repository");

        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK).task().isAssignedTo(Tickets.AGENT);
        assertThat(tickets.candidateGroups(number)).containsExactly("team-repository");
        Ticket ticket = ticket(number);
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.priority()).isEqualTo(Priority.HIGH);
        assertThat(ticket.team()).isEqualTo("team-repository");
        assertThat(ticket.assignee()).isEqualTo(Tickets.AGENT);
    }

    @Test
    void triageRefusesAnUnknownTeam() {
        String number = tickets.file(requester);

        assertThatThrownBy(() -> tickets.triage(number, "HIGH", "team-nobody")).hasMessageContaining("team-nobody");
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
    }

    @Test
    void replyMailsTheCustomerAndKeepsTheTicketWithTheAgent() {
        String number = triaged();

        tickets.work(number, "REPLY", "Please try the new policy engine.");

        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK).task().isAssignedTo(Tickets.AGENT);
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.OPEN);
        assertThat(repository.messages(ticket(number).id())).extracting(TicketMessage::body)
                .containsExactly("Please try the new policy engine.");
        Mailbox.Mail reply = last(requester);
        assertThat(reply.subject()).isEqualTo("Re: [" + number + "] Policy evaluation fails");
        assertThat(reply.body()).contains("Please try the new policy engine.").contains("Alex Agent");
        assertThat(reply.header("Auto-Submitted")).isNull();
    }

    @Test
    void mailsOfATicketThreadUnderEachOther() {
        String number = triaged();
        tickets.work(number, "REPLY", "First answer.");
        String previous = last(requester).header("Message-ID");

        tickets.work(number, "REPLY", "Second answer.");

        Mailbox.Mail second = last(requester);
        assertThat(second.header("In-Reply-To")).isEqualTo(previous);
        assertThat(second.header("References")).isEqualTo("<" + number + "@support.example> " + previous);
    }

    @Test
    void replyOrInformationRequestNeedsText() {
        String number = triaged();

        assertThatThrownBy(() -> tickets.work(number, "REQUEST_INFO", " ")).hasMessageContaining("Write the answer");
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void solvingClosesTheTicketAndTellsTheCustomer() {
        String number = triaged();

        tickets.work(number, "SOLVE", "Fixed by the upgrade to 1.2.");

        assertThat(tickets.process(number)).isNull();
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(ticket(number).closeReason()).isEqualTo(CloseReason.SOLVED);
        assertThat(last(requester).subject()).isEqualTo("Re: [" + number + "] Solved: Policy evaluation fails");
        assertThat(last(requester).body()).contains("Fixed by the upgrade to 1.2.");
    }

    @Test
    void duplicateClosesTheTicket() {
        String kept = tickets.file(requester);
        String number = triaged();

        tickets.complete(number, Map.of("action", "CLOSE_DUPLICATE", "duplicateOf", kept));

        assertThat(ticket(number).closeReason()).isEqualTo(CloseReason.DUPLICATE);
        assertThat(last(requester).subject()).contains("Closed as a duplicate");
    }

    private String triaged() {
        String number = tickets.file(requester);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        return number;
    }

    private Ticket ticket(String number) {
        return repository.findByNumber(number).orElseThrow();
    }

    private Mailbox.Mail last(String address) {
        var mails = mailbox.to(address);
        return mails.get(mails.size() - 1);
    }

}
