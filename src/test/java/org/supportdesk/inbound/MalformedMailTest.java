package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportdesk.Api;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.Ticket;

/**
 * Q2 and issue 5: broken mail never stops the poller. It is stored, marked FAILED with the reason for staff, and
 * the next message goes ahead; nothing that arrived is lost.
 */
@SupportDeskTest
class MalformedMailTest extends EmailChannel {

    String paula;

    @BeforeEach
    void organisation() {
        paula = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("paula");
    }

    @Test
    void brokenMimeFailsWithItsReasonAndTheNextMessageIsStillProcessed() {
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
        assertThat(broken.status()).isEqualTo(InboundStatus.FAILED);
        assertThat(broken.outcome()).containsIgnoringCase("boundary");
        assertThat(inbound.raw(broken.id())).isNotEmpty();
        InboundMail next = row(good.messageId());
        assertThat(next.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticketsOf(paula)).extracting(Ticket::summary).containsExactly("A good request after the broken one");
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
                From: %s
                To: support@support.example
                Subject: Broken for staff
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: multipart/mixed

                no parts
                """.formatted(paula, messageId)), paula, Smtp.SUPPORT);
        poller.pollOnce();

        Api.Response response = api.as("agent", "agent").get("/api/staff/inbound-mail?status=FAILED");

        assertThat(response.status()).isEqualTo(200);
        List<String> statuses = response.json("$[?(@.messageId == '" + messageId + "')].status");
        List<String> outcomes = response.json("$[?(@.messageId == '" + messageId + "')].outcome");
        List<String> subjects = response.json("$[?(@.messageId == '" + messageId + "')].subject");
        assertThat(statuses).containsExactly("FAILED");
        assertThat(outcomes).singleElement().asString().containsIgnoringCase("boundary");
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
