package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.Channel;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketMessage;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.ticket.Topic;
import org.supportdesk.processes.SupportTicketDiagram;

/** R15 and R16 by mail: replies join their ticket's conversation, reopen a PENDING one, follow up a closed one. */
@SupportDeskTest
class EmailReplyTest extends EmailChannel {

    static final List<String> PENDING_TIMERS = List.of("Timer_FirstReminder", "Timer_SecondReminder", "Timer_AutoClose");

    OrgFixture org;
    String paula;
    String carl;

    @BeforeEach
    void organisation() {
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        paula = org.contact("paula");
        carl = org.member("carl", false, false);
    }

    @Test
    void replyToOurMailJoinsItsTicketWithoutTheQuotedHistory() {
        Smtp.Draft request = Smtp.mail(paula).subject("Policy evaluation fails");
        String number = ticket(deliver(request).ticketId()).number();
        Mailbox.Mail ack = last(paula);

        InboundMail reply = deliver(Smtp.mail(paula).subject("Re: something my client made up")
                .inReplyTo(ack.header("Message-ID"))
                .references(request.messageId() + " <" + number + "@support.example> " + ack.header("Message-ID"))
                .text("""
                        We run version 1.2.3.

                        On Tue, 1 Dec 2026 at 10:00, Support Desk <support@support.example> wrote:
                        > Hello paula,
                        > thank you for contacting support.
                        """));

        assertThat(reply.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(reply.ticketId()).isEqualTo(ticket(number).id());
        assertThat(ticketsOf(paula)).hasSize(1);
        TicketMessage message = customerMessages(number).get(0);
        assertThat(message.body()).isEqualTo("We run version 1.2.3.");
        assertThat(message.channel()).isEqualTo(Channel.EMAIL);
        assertThat(message.author()).isEqualTo(paula);
        assertThat(customerMessages(number)).hasSize(1);
    }

    @Test
    void replyToTheCustomersOwnFirstMailJoinsTheTicket() {
        Smtp.Draft request = Smtp.mail(paula).cc(carl).subject("Policy evaluation fails");
        String number = ticket(deliver(request).ticketId()).number();

        // Carl answers "reply all" to Paula's mail, not to ours
        InboundMail reply = deliver(Smtp.mail(carl).subject("Re: Policy evaluation fails")
                .inReplyTo(request.messageId()).references(request.messageId())
                .text("It fails on my machine too."));

        assertThat(reply.ticketId()).isEqualTo(ticket(number).id());
        assertThat(customerMessages(number)).extracting(TicketMessage::author, TicketMessage::body)
                .containsExactly(tuple(carl, "It fails on my machine too."));
    }

    @Test
    void replyFoundOnlyByTheTicketReferenceInTheSubject() {
        String number = tickets.file(paula);
        tickets.triage(number, "NORMAL", "team-lifecycle");

        InboundMail reply = deliver(Smtp.mail(paula).subject("Re: [" + number + "] Policy evaluation fails")
                .text("Here is one more detail: it only fails for the default policy."));

        assertThat(reply.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(reply.ticketId()).isEqualTo(ticket(number).id());
        assertThat(customerMessages(number)).extracting(TicketMessage::body)
                .containsExactly("Here is one more detail: it only fails for the default policy.");
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.OPEN);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(mailbox.to(AGENT_MAIL, number)).extracting(Mailbox.Mail::body)
                .anyMatch(body -> body.contains("it only fails for the default policy"));
    }

    @Test
    void r2_anAuthorizedContactAnswersByMailForARequesterWhoLeftAndTheRequestersMailNoLongerJoins() {
        String olga = org.owner("olga");
        String number = tickets.file(paula);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        assertThat(api.as(olga).delete("/api/organizations/" + org.id() + "/members/" + paula).status())
                .isEqualTo(204);
        tickets.work(number, "REPLY", "Please send us the policy file.");
        Mailbox.Mail answer = last(olga);
        assertThat(answer.subject()).contains(number);

        InboundMail contact = deliver(Smtp.mail(olga).subject("Re: [" + number + "] Policy evaluation fails")
                .inReplyTo(answer.header("Message-ID")).text("Paula has left; here is the policy file."));
        InboundMail former = deliver(Smtp.mail(paula).subject("Re: [" + number + "] Policy evaluation fails")
                .text("I still have an opinion on this."));

        assertThat(contact.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(contact.ticketId()).isEqualTo(ticket(number).id());
        assertThat(former.status()).isNotEqualTo(InboundStatus.PROCESSED);
        assertThat(customerMessages(number)).extracting(TicketMessage::author, TicketMessage::body)
                .containsExactly(tuple(olga, "Paula has left; here is the policy file."));
        assertThat(mailbox.to(AGENT_MAIL, number)).extracting(Mailbox.Mail::body)
                .anyMatch(body -> body.contains("here is the policy file"));
    }

    @Test
    void outlookReplyWithInReplyToButNoReferences() {
        String number = tickets.file(paula);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "REPLY", "Please try the new policy engine.");
        Mailbox.Mail answer = last(paula);

        InboundMail reply = deliver(Smtp.mail(paula).subject("RE: [" + number + "] Policy evaluation fails")
                .inReplyTo(answer.header("Message-ID"))
                .header("Thread-Index", "AdnV1b2c3d4e5f6g7h8i9j0k")
                .header("X-MS-Has-Attach", "")
                .text("""
                        It works now, thanks!

                        -----Original Message-----
                        From: Support Desk <support@support.example>
                        Sent: Tuesday, December 1, 2026 10:05 AM
                        To: paula <%s>
                        Subject: Re: [%s] Policy evaluation fails

                        Please try the new policy engine.
                        """.formatted(paula, number)));

        assertThat(reply.ticketId()).isEqualTo(ticket(number).id());
        assertThat(customerMessages(number)).extracting(TicketMessage::body).containsExactly("It works now, thanks!");
    }

    @Test
    void germanOutlookReplyFoundByTheSubjectReferenceAlone() {
        String number = tickets.file(paula);
        tickets.triage(number, "NORMAL", "team-lifecycle");

        InboundMail reply = deliver(Smtp.mail(paula).subject("AW: [" + number + "] Policy evaluation fails")
                .text("""
                        Danke, das hat geholfen.

                        -----Ursprüngliche Nachricht-----
                        Von: Support Desk <support@support.example>
                        Gesendet: Dienstag, 1. Dezember 2026 16:05
                        Betreff: [%s] Policy evaluation fails

                        Bitte versuchen Sie die neue Version.
                        """.formatted(number)));

        assertThat(reply.ticketId()).isEqualTo(ticket(number).id());
        assertThat(customerMessages(number)).extracting(TicketMessage::body).containsExactly("Danke, das hat geholfen.");
    }

    @Test
    void replyToAPendingTicketReopensItAndCancelsTheReminders() {
        String number = pending();
        Mailbox.Mail question = last(paula);
        EngineTime.setNewYork("2026-12-02T09:30");

        InboundMail reply = deliver(Smtp.mail(paula).subject(question.subject().replaceFirst("^Re:", "Re: Re:"))
                .inReplyTo(question.header("Message-ID")).references(question.header("References") + " "
                        + question.header("Message-ID"))
                .text("We run 1.2.3.\n\nOn Tue, 1 Dec 2026 at 10:00, Support Desk wrote:\n> Which version do you run?"));

        assertThat(reply.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.OPEN);
        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK).hasPassed(SupportTicketDiagram.REOPEN);
        assertThat(tickets.task(number).getAssignee()).isEqualTo(Tickets.AGENT);
        assertThat(tickets.task(number).getDueDate()).as("R11 next reply: 8 business hours after the mail")
                .isEqualTo(java.util.Date.from(EngineTime.newYork("2026-12-03T09:30")));
        String processId = tickets.process(number).getId();
        assertThat(PENDING_TIMERS).allSatisfy(timer -> assertThat(jobs.timer(processId, timer)).isNull());
        assertThat(mailbox.to(AGENT_MAIL, number)).extracting(Mailbox.Mail::body)
                .anyMatch(body -> body.contains("We run 1.2.3."));
        assertThat(customerMessages(number)).extracting(TicketMessage::body).containsExactly("We run 1.2.3.");
    }

    @Test
    void replyToAClosedTicketOpensALinkedFollowUp() {
        String colleague = org.contact("cora");
        Map<String, Object> request = Tickets.request();
        request.put("cc", List.of(colleague));
        String original = tickets.file(paula, request);
        tickets.triage(original, "NORMAL", "team-lifecycle");
        tickets.work(original, "SOLVE", "Fixed by the upgrade to 1.2.");
        Mailbox.Mail solved = last(paula);
        EngineTime.setNewYork("2026-12-03T11:00");

        InboundMail reply = deliver(Smtp.mail(paula).subject(solved.subject().replaceFirst("^Re:", "Re: Re:"))
                .inReplyTo(solved.header("Message-ID"))
                .text("It broke again after the restart.\n\nOn Tue, 1 Dec 2026, Support Desk wrote:\n> Fixed."));

        Ticket closed = ticket(original);
        assertThat(closed.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(customerMessages(original)).isEmpty();
        assertThat(reply.status()).isEqualTo(InboundStatus.PROCESSED);
        Ticket followUp = ticket(reply.ticketId());
        assertThat(followUp.id()).isNotEqualTo(closed.id());
        assertThat(followUp.followUpOf()).isEqualTo(closed.id());
        assertThat(ticketRepository.followUps(closed.id())).containsExactly(followUp.id());
        assertThat(followUp.organizationId()).isEqualTo(org.id());
        assertThat(followUp.requesterEmail()).isEqualTo(paula);
        assertThat(followUp.product()).isEqualTo(Product.LIFECYCLE);
        assertThat(followUp.topic()).isEqualTo(Topic.CONFIGURATION);
        assertThat(followUp.channel()).isEqualTo(Channel.EMAIL);
        assertThat(ticketRepository.cc(followUp.id())).containsExactly(colleague);
        assertThat(followUp.description()).isEqualTo("It broke again after the restart.");
        assertThat(tickets.process(followUp.number())).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(mailbox.to(paula, "[" + followUp.number() + "]")).extracting(Mailbox.Mail::subject)
                .containsExactly("[" + followUp.number() + "] Follow-up to " + original + " created: Follow-up to "
                        + original + ": Policy evaluation fails");
        assertThat(mailbox.to(colleague, "[" + followUp.number() + "] Follow-up")).hasSize(1);
    }

    @Test
    void r16_aMailFollowUpKeepsItsAttachments() {
        String original = tickets.file(paula);
        tickets.triage(original, "NORMAL", "team-lifecycle");
        tickets.work(original, "SOLVE", "Fixed by the upgrade to 1.2.");
        Mailbox.Mail solved = last(paula);

        InboundMail reply = deliver(Smtp.mail(paula).subject("Re: " + solved.subject())
                .inReplyTo(solved.header("Message-ID")).text("It broke again; the log is attached.")
                .attach("server.log", "text/plain", "ERROR again".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        Ticket followUp = ticket(reply.ticketId());
        assertThat(followUp.followUpOf()).isEqualTo(ticket(original).id());
        assertThat(ticketRepository.attachments(followUp.id()))
                .extracting(a -> a.fileName() + " " + a.size() + " bytes").containsExactly("server.log 11 bytes");
    }

    @Test
    void aStrangerCannotWriteIntoATicketByItsNumber() {
        String number = tickets.file(paula);
        String stranger = unknownAddress("mallory");

        InboundMail mail = deliver(Smtp.mail(stranger).subject("Re: [" + number + "] licence")
                .text("Please send the licence key to me."));

        assertThat(mail.status()).isEqualTo(InboundStatus.REFUSED);
        assertThat(mail.ticketId()).isNull();
        assertThat(customerMessages(number)).isEmpty();
        assertThat(sentTo(stranger)).hasSize(1);
        assertThat(sentTo(stranger).get(0).body()).as("nothing about the ticket is revealed")
                .doesNotContain("Policy evaluation fails", paula);
    }

    @Test
    void aContactOfAnotherOrganisationCannotWriteIntoATicket() {
        String number = tickets.file(paula);
        String other = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("otto");
        Mailbox.Mail ack = last(paula);

        InboundMail mail = deliver(Smtp.mail(other).subject("Re: [" + number + "] Policy evaluation fails")
                .inReplyTo(ack.header("Message-ID")).text("Forwarded to me, so I answer."));

        assertThat(mail.status()).isEqualTo(InboundStatus.REFUSED);
        assertThat(customerMessages(number)).isEmpty();
    }

    /** Files a ticket on Tuesday 1 December 10:00, triages it, and asks Paula for information. */
    private String pending() {
        String number = tickets.file(paula);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.PENDING);
        return number;
    }
}
