package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.catalog.Product;

/**
 * R5 "no reply loops", issue 24 item 3: automatic mail is recognised from its top-level headers alone, before its body
 * is parsed and before a usable From is required. However broken its body or its From, it is kept IGNORED with the
 * reason, never FAILED, never a ticket, and never answered: the mail server receives nothing from the desk.
 * (Each header and sender on its own: LoopGuardTest.)
 */
@SupportDeskTest
class AutomaticMailFirstTest extends EmailChannel {

    String paula;

    @BeforeEach
    void organisation() {
        paula = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("paula");
    }

    @Test
    void r5_aBounceWithoutMimeBoundaryIsIgnoredNotFailedAndNotAnswered() {
        String daemon = "MAILER-DAEMON@mx." + System.nanoTime() + ".example";
        String messageId = "<bounce." + System.nanoTime() + "@mx.example>";

        InboundMail bounce = appendAndPoll(messageId, """
                Return-Path: <>
                From: Mail Delivery System <%s>
                To: support@support.example
                Subject: Undelivered Mail Returned to Sender
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status

                The mail system could not deliver your message: mailbox full.
                """.formatted(daemon, messageId));

        assertIgnoredWith(bounce, "empty return path (a bounce)");
    }

    @Test
    void r5_listMailWithAnEmptyInReplyToIsIgnoredNotFailedAndNotAnswered() {
        String member = unknownAddress("elena");
        String messageId = "<fml." + System.nanoTime() + "@lists.example>";

        InboundMail list = appendAndPoll(messageId, """
                From: %s
                To: support@support.example
                Subject: [elena:00123] Re: release notes
                Message-ID: %s
                In-Reply-To:
                X-ML-Name: elena
                X-MLServer: fml [fml 4.0.3 release (20040720/4.0.3)]
                MIME-Version: 1.0
                Content-Type: text/plain; charset=ISO-2022-JP

                The release notes are out.
                """.formatted(member, messageId));

        assertIgnoredWith(list, "X-MLServer header");
    }

    @Test
    void r5_mailFromMailerDaemonWithAnEmptyAddressIsIgnoredNotFailed() {
        String messageId = "<daemon." + System.nanoTime() + "@mx.example>";

        InboundMail bounce = appendAndPoll(messageId, """
                From: MAILER-DAEMON <>
                To: support@support.example
                Subject: failure notice
                Message-ID: %s

                Hi. This is the qmail-send program. I'm afraid I wasn't able to deliver your message.
                """.formatted(messageId));

        assertIgnoredWith(bounce, "sent by MAILER-DAEMON <>");
    }

    @Test
    void r5_anArfComplaintReportIsIgnoredAndNotAnswered() {
        String isp = unknownAddress("abuse");
        String messageId = "<arf." + System.nanoTime() + "@isp.example>";

        InboundMail complaint = appendAndPoll(messageId, """
                From: %s
                To: support@support.example
                Subject: FW: Your ticket SD-1001 was received
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="arf"

                --arf
                Content-Type: text/plain; charset=us-ascii

                This is an email abuse report for an email message received from IP 192.0.2.1.
                --arf
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: SomeGenerator/1.0
                Version: 1
                --arf--
                """.formatted(isp, messageId));

        assertIgnoredWith(complaint, "complaint report (ARF)");
    }

    @Test
    void r5_aHotmailComplaintIsIgnoredAndNotAnswered() {
        String messageId = "<jmrp." + System.nanoTime() + "@hotmail.com>";

        InboundMail complaint = appendAndPoll(messageId, """
                From: staff@hotmail.com
                To: support@support.example
                Subject: complaint about message from 192.0.2.1
                Message-ID: %s
                X-HmXmrOriginalRecipient: <someone@hotmail.com>
                MIME-Version: 1.0
                Content-Type: message/rfc822

                From: support@support.example
                Subject: Your ticket SD-1001 was received

                Thank you.
                """.formatted(messageId));

        assertIgnoredWith(complaint, "X-HmXmrOriginalRecipient header");
    }

    @Test
    void r5_listMailFromAnUnknownSenderWithListSubscribeIsIgnoredWhereItWasRefusedAndAnswered() {
        String member = unknownAddress("member");
        String messageId = "<list." + System.nanoTime() + "@lists.example>";

        InboundMail list = appendAndPoll(messageId, """
                From: %s
                To: support@support.example
                Subject: Meeting minutes
                Message-ID: %s
                List-Subscribe: <mailto:minutes-request@lists.example?subject=subscribe>
                Content-Type: text/plain; charset=us-ascii

                Minutes attached.
                """.formatted(member, messageId));

        assertIgnoredWith(list, "List-Subscribe header");
    }

    @Test
    void r5_aPersonsMailIsStillAnsweredWhenItsSenderMayNotFile() {
        String stranger = unknownAddress("sam");
        String messageId = "<person." + System.nanoTime() + "@nowhere.example>";

        InboundMail mail = appendAndPoll(messageId, """
                Authentication-Results: %s
                From: %s
                To: support@support.example
                Subject: Our server is down
                Message-ID: %s
                Content-Type: text/plain; charset=us-ascii

                Please help.
                """.formatted(Smtp.dmarcPass(stranger), stranger, messageId));

        assertThat(mail.status()).isEqualTo(InboundStatus.REFUSED);
        assertThat(sentTo(stranger)).hasSize(1);
    }

    /** Puts the message in with IMAP APPEND (GreenMail refuses MAIL FROM:<>), polls once, returns its row. */
    private InboundMail appendAndPoll(String messageId, String rfc822) {
        mailbox.deliver(); // whatever earlier tests queued goes out first
        append(Smtp.bytes(rfc822));
        poller.pollOnce();
        return row(messageId);
    }

    private void assertIgnoredWith(InboundMail mail, String reason) {
        int received = greenMail.getReceivedMessages().length;
        assertThat(mail.status()).as(mail.outcome()).isEqualTo(InboundStatus.IGNORED);
        assertThat(mail.outcome()).isEqualTo("Automatic mail (" + reason + "): kept, not answered");
        assertThat(mail.ticketId()).isNull();
        mailbox.deliver();
        assertThat(greenMail.getReceivedMessages()).as("nothing sent by the desk").hasSize(received);
    }
}
