package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.catalog.Product;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketStatus;

/**
 * R5 "no reply loops": auto-replies, out-of-office notices, list and bulk mail and bounces are kept but never
 * answered, never open a ticket and never reopen one.
 */
@SupportDeskTest
class EmailNoLoopsTest extends EmailChannel {

    OrgFixture org;
    String paula;

    @BeforeEach
    void organisation() {
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        paula = org.contact("paula");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Auto-Submitted           | auto-replied | Automatic reply: {subject}
            X-Auto-Response-Suppress | All          | Automatic reply: {subject}
            X-Autoreply              | yes          | Out of Office: {subject}
            """)
    void outOfOfficeReplyToAPendingTicketLeavesItPending(String header, String value, String subject) {
        String number = pending();
        Mailbox.Mail question = last(paula);
        int mailsBefore = sentTo(paula).size();
        EngineTime.setNewYork("2026-12-01T10:01");

        InboundMail ooo = deliver(Smtp.mail(paula).subject(subject.replace("{subject}", question.subject()))
                .inReplyTo(question.header("Message-ID")).references(question.header("Message-ID"))
                .header(header, value)
                .text("I am out of the office until 4 January 2027 with limited access to email."));

        assertThat(ooo.status()).isEqualTo(InboundStatus.IGNORED);
        assertThat(ooo.ticketId()).isNull();
        assertThat(ooo.outcome()).contains("Automatic mail");
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.PENDING);
        assertThat(tickets.process(number)).isWaitingAt("Timer_FirstReminder", "Timer_SecondReminder",
                "Timer_AutoClose");
        assertThat(customerMessages(number)).isEmpty();
        assertThat(sentTo(paula)).as("nothing sent back").hasSize(mailsBefore);
        assertThat(mailbox.to(AGENT_MAIL, number)).extracting(Mailbox.Mail::body)
                .noneMatch(body -> body.contains("out of the office"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Precedence       | bulk
            Precedence       | list
            Precedence       | junk
            List-Id          | Example Newsletter <news.example.com>
            List-Unsubscribe | <mailto:unsubscribe@news.example.com>
            """)
    void bulkAndListMailIsKeptButNeitherFiledNorAnswered(String header, String value) {
        InboundMail newsletter = deliver(Smtp.mail(paula).subject("December newsletter").header(header, value)
                .text("Our news of the month."));

        assertThat(newsletter.status()).isEqualTo(InboundStatus.IGNORED);
        assertThat(ticketsOf(paula)).isEmpty();
        assertThat(sentTo(paula)).isEmpty();
    }

    @Test
    void listMailFromAnUnknownAddressIsNotAnsweredEither() {
        String list = unknownAddress("announce");

        InboundMail mail = deliver(Smtp.mail(list).subject("Webinar invitation").header("Precedence", "list")
                .header("List-Id", "<webinars.example.com>"));

        assertThat(mail.status()).isEqualTo(InboundStatus.IGNORED);
        assertThat(sentTo(list)).isEmpty();
    }

    @Test
    void aBounceOfOurMailNeitherReopensNorIsAnswered() {
        String number = pending();
        Mailbox.Mail question = last(paula);
        String daemon = "MAILER-DAEMON@mx." + org.id() + ".example";
        String messageId = "<bounce." + System.nanoTime() + "@mx." + org.id() + ".example>";
        byte[] bounce = Smtp.bytes("""
                From: Mail Delivery System <%s>
                To: support@support.example
                Subject: Undelivered Mail Returned to Sender
                Message-ID: %s
                In-Reply-To: %s
                Date: Tue, 1 Dec 2026 10:01:00 -0500
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="rep"

                --rep
                Content-Type: text/plain; charset=us-ascii

                The mail system could not deliver your message to %s: mailbox full.
                --rep
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example
                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.2.2
                --rep--
                """.formatted(daemon, messageId, question.header("Message-ID"), paula, paula));

        smtp.deliver(bounce, daemon, Smtp.SUPPORT);
        poller.pollOnce();

        InboundMail stored = row(messageId);
        assertThat(stored.status()).isEqualTo(InboundStatus.IGNORED);
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.PENDING);
        assertThat(customerMessages(number)).isEmpty();
        assertThat(sentTo(daemon)).isEmpty();
    }

    @Test
    void mailFromAnAutomatedSenderIsNotAnswered() {
        String robot = "no-reply@" + org.id() + ".example";

        InboundMail mail = deliver(Smtp.mail(robot).subject("Your weekly report"));

        assertThat(mail.status()).isEqualTo(InboundStatus.IGNORED);
        assertThat(sentTo(robot)).isEmpty();
    }

    @Test
    void ourOwnAcknowledgementComingBackIsIgnored() {
        String number = ticket(deliver(Smtp.mail(paula).subject("Policy evaluation fails")).ticketId()).number();
        Mailbox.Mail ack = last(paula);

        // e.g. a customer's forwarding rule sends our mail straight back, headers and all
        InboundMail echo = deliver(Smtp.mail(paula).subject("FW: " + ack.subject())
                .header("Auto-Submitted", ack.header("Auto-Submitted")).inReplyTo(ack.header("Message-ID"))
                .text(ack.body()));

        assertThat(echo.status()).isEqualTo(InboundStatus.IGNORED);
        assertThat(customerMessages(number)).isEmpty();
        assertThat(sentTo(paula)).hasSize(1);
    }

    @Test
    void outOfOfficeHoursOutageIsNotAnAutoReply() {
        String ella = fixtures.organization().licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), true)
                .owner("ella");
        EngineTime.setNewYork("2026-12-04T18:00"); // Friday evening

        InboundMail mail = deliver(Smtp.mail(ella).to(Smtp.EXTENDED_SUPPORT)
                .subject("Out of office hours outage: production repository down")
                .text("The repository does not start since 17:30. Please call me."));

        assertThat(mail.status()).as(mail.outcome()).isEqualTo(InboundStatus.PROCESSED);
        Ticket ticket = ticket(mail.ticketId());
        assertThat(ticket.concernType()).isEqualTo(ConcernType.CRITICAL_OUTAGE);
        assertThat(mailbox.to("oncall@support.example", ticket.number())).hasSize(1);
    }

    /** Files a ticket on Tuesday 1 December 10:00, triages it, and asks Paula for information. */
    private String pending() {
        String number = tickets.file(paula);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        return number;
    }
}
