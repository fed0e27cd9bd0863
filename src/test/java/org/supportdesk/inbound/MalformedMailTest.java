package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.attachment.Attachment;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketNote;
import org.supportdesk.ticket.TicketNotes;

/**
 * Q2 and issue 5: broken mail never stops the poller. It is stored, marked FAILED with the reason for staff, and
 * the next message goes ahead; nothing that arrived is lost. Issue #24: a malformed mail from a contact is filed from
 * the text it has, what could not be decoded attached as it came, and an internal note tells staff.
 */
@SupportDeskTest
class MalformedMailTest extends EmailChannel {

    @Autowired TicketNotes notes;

    String paula;

    @BeforeEach
    void organisation() {
        paula = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("paula");
    }

    @Test
    void brokenMimeFromAContactBecomesATicketWithTheOriginalAttachedAndTheNextMessageIsStillProcessed() {
        // issue #24: a multipart without any boundary is no longer FAILED; its text is the description
        String brokenId = "<broken." + System.nanoTime() + "@mail.customer.example>";
        smtp.deliver(Smtp.bytes("""
                From: %s
                To: support@support.example
                Subject: Broken attachment
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: multipart/mixed

                This body has no MIME parts at all.
                """.formatted(paula, brokenId)), paula, Smtp.SUPPORT);
        Smtp.Draft good = Smtp.mail(paula).subject("A good request after the broken one");
        smtp.deliver(good);

        poller.pollOnce();

        InboundMail broken = row(brokenId);
        assertThat(broken.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(broken.outcome()).contains("malformed");
        Ticket ticket = ticket(broken.ticketId());
        assertThat(ticket.description()).isEqualTo("This body has no MIME parts at all.");
        assertThat(ticketRepository.attachments(ticket.id())).extracting(Attachment::fileName, Attachment::size)
                .containsExactly(tuple("message.eml", (long) inbound.raw(broken.id()).length));
        assertThat(notes.of(ticket.id())).singleElement().satisfies(note -> {
            assertThat(note.author()).isEqualTo(EmailIntake.NOTE_AUTHOR);
            assertThat(note.body()).contains("malformed").contains("attached as message.eml");
        });
        InboundMail next = row(good.messageId());
        assertThat(next.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticketsOf(paula)).extracting(Ticket::summary)
                .containsExactly("Broken attachment", "A good request after the broken one");
    }

    @Test
    void aPartThatCannotBeReadIsAttachedRawAndStaffAreToldInAnInternalNote() throws Exception {
        String messageId = "<part3." + System.nanoTime() + "@mail.customer.example>";
        smtp.deliver(resource("undecodable-part.eml", messageId), paula, Smtp.SUPPORT);

        poller.pollOnce();

        InboundMail stored = row(messageId);
        assertThat(stored.status()).isEqualTo(InboundStatus.PROCESSED);
        Ticket ticket = ticket(stored.ticketId());
        assertThat(ticket.summary()).isEqualTo("One part cannot be read");
        assertThat(lf(ticket.description())).isEqualTo("The text before the broken part.");
        assertThat(ticketRepository.attachments(ticket.id())).extracting(Attachment::fileName)
                .containsExactly("part-3.bin");
        assertThat(notes.of(ticket.id())).singleElement().extracting(TicketNote::body).asString()
                .contains("Part 3 (multipart/related) could not be read").contains("attached undecoded as part-3.bin");
        assertThat(sentTo(paula)).as("the customer is acknowledged as for any mail").hasSize(1);
    }

    @Test
    void aMalformedReplyJoinsItsTicketWithTheRawPartAndANoteForStaff() throws Exception {
        String number = ticket(deliver(Smtp.mail(paula).subject("Export hangs")).ticketId()).number();
        String messageId = "<reply3." + System.nanoTime() + "@mail.customer.example>";
        byte[] reply = new String(resource("undecodable-part.eml", messageId), StandardCharsets.ISO_8859_1)
                .replaceFirst("Subject: .*", "Subject: Re: [" + number + "] Export hangs")
                .getBytes(StandardCharsets.ISO_8859_1);
        smtp.deliver(reply, paula, Smtp.SUPPORT);

        poller.pollOnce();

        InboundMail stored = row(messageId);
        assertThat(stored.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(stored.outcome()).startsWith("Reply on " + number).contains("malformed");
        assertThat(ticketsOf(paula)).hasSize(1);
        assertThat(lf(customerMessages(number).get(0).body())).isEqualTo("The text before the broken part.");
        assertThat(ticketRepository.attachments(ticket(number).id())).extracting(Attachment::fileName)
                .containsExactly("part-3.bin");
        assertThat(notes.of(ticket(number).id())).singleElement().extracting(TicketNote::body).asString()
                .contains("attached undecoded as part-3.bin");
    }

    @Test
    void rawUtf8HeadersGiveTheSummaryAndTheAcknowledgementAsTheCustomerWroteThem() throws Exception {
        String messageId = "<utf8." + System.nanoTime() + "@mail.customer.example>";
        smtp.deliver(resource("raw-utf8-headers.eml", messageId), paula, Smtp.SUPPORT);

        poller.pollOnce();

        Ticket ticket = ticket(row(messageId).ticketId());
        assertThat(ticket.summary()).isEqualTo("Säying Hello – the export fails");
        assertThat(ticket.description()).isEqualTo("Grüße aus Köln.");
        assertThat(sentTo(paula)).singleElement().extracting(Mailbox.Mail::subject).asString()
                .contains("Säying Hello – the export fails");
        assertThat(notes.of(ticket.id())).as("a well-formed mail has no note").isEmpty();
    }

    /** A message of src/test/resources/mail/parsing from paula, with its own Message-ID. */
    private byte[] resource(String name, String messageId) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/mail/parsing/" + name)) {
            String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return raw.replaceFirst("paula@org\\.example", paula).replaceFirst("Message-ID: <[^>]+>",
                    "Message-ID: " + messageId).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static String lf(String text) {
        return text.replace("\r\n", "\n");
    }

    @Test
    void mailWithoutFromFailsAndIsNotAnswered() {
        String messageId = "<nofrom." + System.nanoTime() + "@mail.customer.example>";
        String envelope = unknownAddress("ghost");
        smtp.deliver(Smtp.bytes("""
                To: support@support.example
                Subject: Who sent this?
                Message-ID: %s
                Content-Type: text/plain; charset=UTF-8

                No From header here.
                """.formatted(messageId)), envelope, Smtp.SUPPORT);

        poller.pollOnce();

        InboundMail stored = row(messageId);
        assertThat(stored.status()).isEqualTo(InboundStatus.FAILED);
        assertThat(stored.outcome()).contains("From");
        assertThat(sentTo(envelope)).isEmpty();
    }

    @Test
    void staffSeeFailedMailWithItsReason() {
        String messageId = "<staff." + System.nanoTime() + "@mail.customer.example>";
        smtp.deliver(Smtp.bytes("""
                To: support@support.example
                Subject: Broken for staff
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: text/plain

                Nobody sent this.
                """.formatted(messageId)), paula, Smtp.SUPPORT);
        poller.pollOnce();

        Api.Response response = api.as("agent", "agent").get("/api/staff/inbound-mail?status=FAILED");

        assertThat(response.status()).isEqualTo(200);
        List<String> statuses = response.json("$[?(@.messageId == '" + messageId + "')].status");
        List<String> outcomes = response.json("$[?(@.messageId == '" + messageId + "')].outcome");
        List<String> subjects = response.json("$[?(@.messageId == '" + messageId + "')].subject");
        assertThat(statuses).containsExactly("FAILED");
        assertThat(outcomes).singleElement().asString().contains("From");
        assertThat(subjects).containsExactly("Broken for staff");
        List<String> all = response.json("$[*].status");
        assertThat(all).containsOnly("FAILED");
    }

    @Test
    void customersCannotSeeTheInboundMailList() {
        assertThat(api.as(paula).get("/api/staff/inbound-mail?status=FAILED").status()).isIn(401, 403);
        assertThat(api.anonymous().get("/api/staff/inbound-mail").status()).isEqualTo(401);
    }

    @Test
    void anUnknownStatusIsABadRequest() {
        Api.Response response = api.as("agent", "agent").get("/api/staff/inbound-mail?status=LOST");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("FAILED");
    }

    @Test
    void anOddCharsetDoesNotFailTheMessage() {
        String messageId = "<charset." + System.nanoTime() + "@mail.customer.example>";
        smtp.deliver(Smtp.bytes("""
                From: %s
                To: support@support.example
                Subject: =?x-unknown?Q?Strange_charset?=
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=x-unknown

                Hello from a strange charset.
                """.formatted(paula, messageId)), paula, Smtp.SUPPORT);

        poller.pollOnce();

        InboundMail stored = row(messageId);
        assertThat(stored.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticket(stored.ticketId()).description()).isEqualTo("Hello from a strange charset.");
    }

    @Test
    void mailWithoutSubjectOrTextStillBecomesATicket() {
        String messageId = "<bare." + System.nanoTime() + "@mail.customer.example>";
        smtp.deliver(Smtp.bytes("""
                From: %s
                To: support@support.example
                Message-ID: %s

                """.formatted(paula, messageId)), paula, Smtp.SUPPORT);

        poller.pollOnce();

        Ticket ticket = ticket(row(messageId).ticketId());
        assertThat(ticket.summary()).isEqualTo("(no subject)");
        assertThat(ticket.description()).isEqualTo("(the mail had no text)");
    }

    @Test
    void aMessageThatCouldNotBeStoredIsFetchedAgainByTheNextPoll() {
        Smtp.Draft mail = Smtp.mail(paula).subject("Arrived while the database was away");
        jdbc.sql("alter table inbound_mail rename to inbound_mail_away").update();
        try {
            smtp.deliver(mail);
            try {
                poller.pollOnce();
            } catch (RuntimeException databaseAway) {
                // the poll cannot store (nor process) anything now
            }
        } finally {
            jdbc.sql("alter table inbound_mail_away rename to inbound_mail").update();
        }
        assertThat(isSeen("Arrived while the database was away")).as("left unseen on the server").isFalse();

        poller.pollOnce();

        assertThat(row(mail.messageId()).status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticketsOf(paula)).hasSize(1);
    }
}
