package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.catalog.Product;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.ticket.Ticket;

/**
 * R21, Q3: one message that reached both the Extended Support address and support@ (one in To, the other in Cc) is
 * two copies in two mailboxes; it is handled once, on the Extended Support path, whichever copy is polled first.
 */
@SupportDeskTest
class EmailCopiesTest extends EmailChannel {

    @Autowired RuntimeService runtime;

    String ella;

    @BeforeEach
    void extendedSupportCustomerAtNight() {
        ella = fixtures.organization().licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1), true)
                .owner("ella");
        EngineTime.setNewYork("2026-12-04T18:00"); // Friday evening: out of hours
    }

    @Test
    void aMailToExtendedSupportWithSupportInCcIsOneOutagePagedOnce() {
        Smtp.Draft outage = outage().to(Smtp.EXTENDED_SUPPORT).cc(Smtp.SUPPORT);
        byte[] raw = outage.build();
        smtp.deliver(raw, ella, Smtp.SUPPORT);
        smtp.deliver(raw, ella, Smtp.EXTENDED_SUPPORT);

        poller.pollOnce();

        List<InboundMail> copies = copies(outage.messageId());
        assertThat(copies).extracting(InboundMail::mailbox).containsExactlyInAnyOrder(Smtp.SUPPORT, Smtp.EXTENDED_SUPPORT);
        InboundMail handled = copy(copies, Smtp.EXTENDED_SUPPORT);
        InboundMail other = copy(copies, Smtp.SUPPORT);
        assertThat(handled.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(other.status()).isEqualTo(InboundStatus.IGNORED);
        assertThat(other.outcome()).contains(Smtp.EXTENDED_SUPPORT);
        assertThat(ticketsOf(ella)).singleElement().extracting(Ticket::concernType)
                .isEqualTo(ConcernType.CRITICAL_OUTAGE);
        String number = ticketsOf(ella).get(0).number();
        assertThat(mailbox.to("oncall@support.example", number)).hasSize(1);
    }

    @Test
    void whenTheExtendedSupportCopyArrivesLaterTheSupportCopyWaitsForItAndLeavesItTheWork() {
        Smtp.Draft outage = outage().to(Smtp.SUPPORT).cc(Smtp.EXTENDED_SUPPORT);
        byte[] raw = outage.build();
        smtp.deliver(raw, ella, Smtp.SUPPORT);

        poller.pollOnce();

        InboundMail waiting = copy(copies(outage.messageId()), Smtp.SUPPORT);
        assertThat(waiting.status()).isEqualTo(InboundStatus.STORED);
        assertThat(waiting.outcome()).contains("waiting for that copy");
        assertThat(ticketsOf(ella)).isEmpty();

        smtp.deliver(raw, ella, Smtp.EXTENDED_SUPPORT);
        poller.pollOnce();
        EngineTime.set(EngineTime.now().plusSeconds(21));
        poller.pollOnce();

        List<InboundMail> copies = copies(outage.messageId());
        assertThat(copy(copies, Smtp.EXTENDED_SUPPORT).status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(copy(copies, Smtp.SUPPORT).status()).isEqualTo(InboundStatus.IGNORED);
        assertThat(ticketsOf(ella)).singleElement().extracting(Ticket::concernType)
                .isEqualTo(ConcernType.CRITICAL_OUTAGE);
    }

    @Test
    void aCopyThatNamesExtendedSupportButWhoseCopyNeverComesIsHandledAfterTenMinutes() {
        Smtp.Draft outage = outage().to(Smtp.SUPPORT).cc(Smtp.EXTENDED_SUPPORT);
        smtp.deliver(outage.build(), ella, Smtp.SUPPORT);
        poller.pollOnce();

        EngineTime.set(EngineTime.now().plusSeconds(601));
        poller.pollOnce();

        assertThat(copy(copies(outage.messageId()), Smtp.SUPPORT).status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticketsOf(ella)).singleElement().extracting(Ticket::concernType)
                .isNotEqualTo(ConcernType.CRITICAL_OUTAGE);
    }

    @Test
    void eachCopyDeliveredTwiceToItsMailboxIsStillOneCopy() {
        Smtp.Draft outage = outage().to(Smtp.EXTENDED_SUPPORT).cc(Smtp.SUPPORT);
        byte[] raw = outage.build();
        for (int i = 0; i < 2; i++) {
            smtp.deliver(raw, ella, Smtp.SUPPORT);
            smtp.deliver(raw, ella, Smtp.EXTENDED_SUPPORT);
        }

        poller.pollOnce();

        assertThat(copies(outage.messageId())).hasSize(2);
        assertThat(ticketsOf(ella)).hasSize(1);
    }

    @Test
    void aReplyToAMessageThatReachedBothMailboxesFindsItsTicket() {
        Smtp.Draft outage = outage().to(Smtp.EXTENDED_SUPPORT).cc(Smtp.SUPPORT);
        byte[] raw = outage.build();
        // the Extended Support copy is handled first; the support@ copy, polled later, names the same ticket
        smtp.deliver(raw, ella, Smtp.EXTENDED_SUPPORT);
        poller.pollOnce();
        smtp.deliver(raw, ella, Smtp.SUPPORT);
        poller.pollOnce();
        String number = ticketsOf(ella).get(0).number();
        assertThat(copies(outage.messageId())).extracting(InboundMail::ticketId)
                .containsOnly(ticketsOf(ella).get(0).id());

        // the customer's mail client answers its own mail (References: the first Message-ID, no [SD-…] in the subject)
        Smtp.Draft reply = Smtp.mail(ella).to(Smtp.EXTENDED_SUPPORT).cc(Smtp.SUPPORT).subject("Re: Production down")
                .text("It is still down after the restart.").inReplyTo(outage.messageId())
                .references(outage.messageId());
        byte[] replyRaw = reply.build();
        smtp.deliver(replyRaw, ella, Smtp.SUPPORT);
        smtp.deliver(replyRaw, ella, Smtp.EXTENDED_SUPPORT);
        poller.pollOnce();

        List<InboundMail> copies = copies(reply.messageId());
        assertThat(copies).extracting(InboundMail::status)
                .containsExactlyInAnyOrder(InboundStatus.PROCESSED, InboundStatus.IGNORED);
        assertThat(ticketsOf(ella)).hasSize(1);
        assertThat(customerMessages(number)).extracting(m -> m.body())
                .anyMatch(body -> body.contains("still down after the restart"));
    }

    private Smtp.Draft outage() {
        return Smtp.mail(ella).subject("Production repository down").text("The repository does not start since 17:30.");
    }

    private List<InboundMail> copies(String messageId) {
        return jdbc.sql("select id from inbound_mail where message_id = ? order by id").param(messageId)
                .query(Long.class).list().stream().map(id -> inbound.find(id).orElseThrow()).toList();
    }

    private static InboundMail copy(List<InboundMail> copies, String mailbox) {
        return copies.stream().filter(c -> c.mailbox().equals(mailbox)).findFirst().orElseThrow();
    }
}
