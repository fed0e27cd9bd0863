package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.BusinessImpact;
import org.supportdesk.ticket.Channel;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketStatus;

import jakarta.mail.Message;
import org.supportdesk.processes.EscalationDiagram;
import org.supportdesk.processes.SupportTicketDiagram;

/** R6b and Q2: a customer's new mail becomes a ticket, stored first and processed once. */
@SupportDeskTest
class EmailIntakeTest extends EmailChannel {

    @Autowired RuntimeService runtime;
    @Autowired InboundMailStore store;

    OrgFixture org;
    String paula;

    @BeforeEach
    void organisation() {
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        paula = org.contact("paula");
    }

    @Test
    void mailFromAnAuthorizedContactBecomesATicket() {
        String carl = org.member("carl", false, false);
        String outsider = unknownAddress("bob");
        Smtp.Draft mail = Smtp.mail(paula).fromName("Paula Customer").cc(carl, outsider, Smtp.SUPPORT)
                .subject("Policy evaluation fails after the upgrade")
                .text("Since the upgrade to 1.2 the default policy fails.\n\nStack trace:\n  at Policy.evaluate(Policy.java:42)");

        InboundMail stored = deliver(mail);

        assertThat(stored.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(stored.ticketId()).isNotNull();
        Ticket ticket = ticket(stored.ticketId());
        assertThat(ticket.channel()).isEqualTo(Channel.EMAIL);
        assertThat(ticket.requesterEmail()).isEqualTo(paula);
        assertThat(ticket.organizationId()).isEqualTo(org.id());
        assertThat(ticket.summary()).isEqualTo("Policy evaluation fails after the upgrade");
        assertThat(lf(ticket.description()))
                .isEqualTo("Since the upgrade to 1.2 the default policy fails.\n\nStack trace:\n  at Policy.evaluate(Policy.java:42)");
        assertThat(ticket.status()).isEqualTo(TicketStatus.NEW);
        assertThat(ticket.businessImpact()).isEqualTo(BusinessImpact.NORMAL);
        assertThat(ticket.product()).as("an email does not say; triage settles it").isNull();
        assertThat(ticketRepository.cc(ticket.id())).as("only members of the organisation are copied")
                .containsExactly(carl);
        assertThat(tickets.process(ticket.number())).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(stored.outcome()).contains(ticket.number());
    }

    @Test
    void theAcknowledgementThreadsUnderTheCustomersMail() {
        String carl = org.member("carl", false, false);
        Smtp.Draft mail = Smtp.mail(paula).cc(carl).subject("Policy evaluation fails after the upgrade");

        String number = ticket(deliver(mail).ticketId()).number();

        List<Mailbox.Mail> acks = sentTo(paula);
        assertThat(acks).hasSize(1);
        Mailbox.Mail ack = acks.get(0);
        assertThat(ack.subject()).isEqualTo("[" + number + "] We received your request: Policy evaluation fails after"
                + " the upgrade");
        assertThat(ack.header("In-Reply-To")).isEqualTo(mail.messageId());
        assertThat(ack.header("References")).contains(mail.messageId()).contains("<" + number + "@support.example>");
        assertThat(ack.recipients(Message.RecipientType.CC)).containsExactly(carl);
        assertThat(ack.body()).contains(number);
    }

    @Test
    void theTeamHearsOfTheNewMailTicket() {
        String number = ticket(deliver(Smtp.mail(paula).subject("Dashboard is empty")).ticketId()).number();

        assertThat(mailbox.to(AGENT_MAIL, number)).extracting(Mailbox.Mail::subject)
                .anyMatch(subject -> subject.startsWith("[" + number + "] New NORMAL ticket"));
    }

    @Test
    void htmlOnlyMailBecomesAPlainTextDescription() {
        Smtp.Draft mail = Smtp.mail(paula).subject("Formatted request").htmlOnly("""
                <html><head><style>p { color: red; }</style></head><body>
                <p>The <b>policy</b> evaluation fails.</p>
                <p>Steps &amp; details:</p>
                <div>1. Open the policy<br>2. Press <i>Evaluate</i></div>
                </body></html>""");

        Ticket ticket = ticket(deliver(mail).ticketId());

        assertThat(ticket.description()).isEqualTo("""
                The policy evaluation fails.

                Steps & details:

                1. Open the policy
                2. Press Evaluate""");
        assertThat(ticket.description()).doesNotContain("<", "color");
    }

    @Test
    void theSameMessageDeliveredTwiceMakesOneTicket() {
        Smtp.Draft mail = Smtp.mail(paula).subject("Delivered twice");
        deliver(mail);

        smtp.deliver(mail);
        int stored = poller.pollOnce();

        assertThat(stored).isZero();
        assertThat(ticketsOf(paula)).hasSize(1);
        assertThat(rowsFrom(paula)).hasSize(1);
        assertThat(sentTo(paula)).as("one acknowledgement").hasSize(1);
    }

    @Test
    void aMessageWithoutMessageIdFetchedAgainMakesOneTicket() throws Exception {
        String subject = "No Message-ID " + System.nanoTime();
        smtp.deliver(Smtp.mail(paula).subject(subject).withoutMessageId());
        poller.pollOnce();

        setSeen(subject, false); // another node, or a mail client, shows the same stored message as new again
        int stored = poller.pollOnce();

        assertThat(stored).isZero();
        assertThat(ticketsOf(paula)).hasSize(1);
        List<InboundMail> rows = rowsFrom(paula);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).messageId()).isNull();
        assertThat(rows.get(0).messageKey()).startsWith(Smtp.SUPPORT + " sha256:");
        assertThat(rows.get(0).status()).isEqualTo(InboundStatus.PROCESSED);
    }

    @Test
    void aMessageWithoutMessageIdDeliveredTwiceMakesOneTicket() throws Exception {
        byte[] raw = Smtp.mail(paula).subject("Delivered twice without Message-ID").withoutMessageId().build();
        smtp.deliver(raw, paula, Smtp.SUPPORT);
        poller.pollOnce();
        Thread.sleep(1100); // the second delivery happens a moment later, as a retrying sender's would

        smtp.deliver(raw, paula, Smtp.SUPPORT);
        poller.pollOnce();

        assertThat(ticketsOf(paula)).hasSize(1);
        assertThat(sentTo(paula)).as("one acknowledgement").hasSize(1);
    }

    @Test
    void q2_threeMailsWithoutMessageIdFromTheSameSenderWithTheSameSubjectDateAndSizeAreThreeTickets() {
        String subject = "Same envelope " + System.nanoTime();
        for (String text : List.of("First question.", "Other question.", "Third question.")) {
            append(smtp.received(Smtp.mail(paula).subject(subject).withoutMessageId().text(text)));
        }

        assertThat(poller.pollOnce()).isEqualTo(3);
        setSeenAll(subject, false);
        assertThat(poller.pollOnce()).as("the same messages polled again").isZero();

        List<InboundMail> rows = rowsFrom(paula);
        assertThat(rows).hasSize(3).allSatisfy(mail -> {
            assertThat(mail.status()).isEqualTo(InboundStatus.PROCESSED);
            assertThat(mail.size()).isEqualTo(rows.get(0).size());
        });
        assertThat(rows).extracting(InboundMail::messageKey).doesNotHaveDuplicates();
        assertThat(ticketsOf(paula)).hasSize(3);
    }

    @Test
    void theMessageIsStoredWholeBeforeItIsProcessed() {
        Smtp.Draft mail = Smtp.mail(paula).subject("Kept as received").text("Exactly these words.");
        byte[] sent = mail.build();

        InboundMail stored = deliver(mail);

        byte[] raw = inbound.raw(stored.id());
        assertThat(stored.size()).isEqualTo(raw.length);
        assertThat(new String(raw, StandardCharsets.UTF_8)).contains("Exactly these words.")
                .contains("Message-ID: " + mail.messageId()).contains("Subject: Kept as received");
        assertThat(raw.length).isGreaterThanOrEqualTo(sent.length);
        assertThat(stored.mailbox()).isEqualTo(Smtp.SUPPORT);
        assertThat(stored.sender()).contains(paula);
        assertThat(stored.subject()).isEqualTo("Kept as received");
        assertThat(stored.receivedAt()).isEqualTo(EngineTime.now());
    }

    @Test
    void aMessageAnotherNodeIsProcessingIsLeftToIt() {
        Smtp.Draft mail = Smtp.mail(paula).subject("Claimed elsewhere");
        // another node, alive, has fetched, stored and claimed it a moment ago
        assertThat(store.store(Smtp.SUPPORT, smtp.received(mail))).isTrue();
        jdbc.sql("insert into cluster_node (node_id, host, started_at, heartbeat_at) values ('other-node', 'b', ?, ?)")
                .params(java.time.OffsetDateTime.now(), java.time.OffsetDateTime.now()).update();
        jdbc.sql("update inbound_mail set status = 'PROCESSING', claimed_by = 'other-node' where message_id = ?")
                .param(mail.messageId()).update();

        poller.pollOnce();

        assertThat(row(mail.messageId()).status()).isEqualTo(InboundStatus.PROCESSING);
        assertThat(ticketsOf(paula)).isEmpty();

        // that node stops beating: its claim is an orphan
        jdbc.sql("update cluster_node set heartbeat_at = ? where node_id = 'other-node'")
                .param(java.time.OffsetDateTime.now().minusMinutes(1)).update();
        poller.pollOnce();

        assertThat(row(mail.messageId()).status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticketsOf(paula)).hasSize(1);
    }

    @Test
    void discouragedAttachmentsAreKeptFlaggedAndMentioned() throws Exception {
        byte[] msg = "Outlook item with embedded information".getBytes(StandardCharsets.UTF_8);
        byte[] log = "ERROR no policy".getBytes(StandardCharsets.UTF_8);
        Smtp.Draft mail = Smtp.mail(paula).subject("Meeting notes and log")
                .attach("meeting-notes.msg", "application/vnd.ms-outlook", msg)
                .attach("server.log", "text/plain", log);

        Ticket ticket = ticket(deliver(mail).ticketId());

        List<Attachment> files = ticketRepository.attachments(ticket.id());
        assertThat(files).extracting(Attachment::fileName).containsExactlyInAnyOrder("meeting-notes.msg", "server.log");
        Attachment outlook = files.stream().filter(f -> f.fileName().equals("meeting-notes.msg")).findFirst().orElseThrow();
        assertThat(outlook.discouraged()).isTrue();
        assertThat(outlook.size()).isEqualTo(msg.length);
        assertThat(outlook.sha256()).isEqualTo(sha256(msg));
        assertThat(outlook.contentType()).isEqualTo("application/vnd.ms-outlook");
        Attachment text = files.stream().filter(f -> f.fileName().equals("server.log")).findFirst().orElseThrow();
        assertThat(text.discouraged()).isFalse();
        assertThat(text.sha256()).isEqualTo(sha256(log));
        String ack = sentTo(paula).get(0).body();
        assertThat(ack).contains("you attached meeting-notes.msg").contains("We kept the files")
                .doesNotContain("server.log");
    }

    @Test
    void anAttachmentFreeMailsAcknowledgementHasNoFormatNotice() {
        deliver(Smtp.mail(paula).subject("Plain request"));

        assertThat(sentTo(paula).get(0).body()).doesNotContain("you attached");
    }

    @Test
    void outageMailToExtendedSupportOutsideHoursPagesTheOncallEngineer() {
        String ella = fixtures.organization().licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), true)
                .owner("ella");
        EngineTime.setNewYork("2026-12-04T18:00"); // Friday evening

        InboundMail stored = deliver(Smtp.mail(ella).to(Smtp.EXTENDED_SUPPORT)
                .subject("Production repository down").text("The repository does not start since 17:30."));

        Ticket ticket = ticket(stored.ticketId());
        assertThat(stored.mailbox()).isEqualTo(Smtp.EXTENDED_SUPPORT);
        assertThat(ticket.channel()).isEqualTo(Channel.EXTENDED_SUPPORT);
        assertThat(ticket.concernType()).isEqualTo(ConcernType.CRITICAL_OUTAGE);
        assertThat(escalation(ticket.number())).isWaitingAt(EscalationDiagram.ACKNOWLEDGE_TASK);
        assertThat(mailbox.to("oncall@support.example", ticket.number())).extracting(Mailbox.Mail::subject)
                .singleElement().asString().startsWith("PAGE [" + ticket.number() + "] SEV-1 outage, Extended Support");
    }

    @Test
    void mailToTheStandardMailboxIsNeverAnOutageEvenWithTheAddOn() {
        String ella = fixtures.organization().licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), true)
                .owner("ella");
        EngineTime.setNewYork("2026-12-04T18:00");

        Ticket ticket = ticket(deliver(Smtp.mail(ella).subject("Question about quotas")).ticketId());

        assertThat(ticket.channel()).isEqualTo(Channel.EMAIL);
        assertThat(ticket.concernType()).isNotEqualTo(ConcernType.CRITICAL_OUTAGE);
        assertThat(escalation(ticket.number())).isNull();
    }

    private ProcessInstance escalation(String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(EscalationDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(number).singleResult();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String lf(String text) {
        return text.replace("\r\n", "\n");
    }
}
