package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.catalog.Product;

/**
 * R5 and R8 by mail: who may not file, or sends too much, opens no ticket; the message is kept and the sender gets
 * one polite answer a day, threaded under their mail.
 */
@SupportDeskTest
class EmailRefusedTest extends EmailChannel {

    OrgFixture org;
    String paula;

    @BeforeEach
    void organisation() {
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        paula = org.contact("paula");
    }

    @Test
    void anUnknownSenderGetsExactlyOneAnswerForThreeMessages() {
        String stranger = unknownAddress("sam");
        Smtp.Draft first = Smtp.mail(stranger).fromName("Sam Stranger").subject("Our server is down");

        deliver(first);
        deliver(Smtp.mail(stranger).subject("Re: Our server is down").text("Hello? Anybody there?"));
        deliver(Smtp.mail(stranger).subject("Re: Re: Our server is down").text("Please answer!"));

        List<InboundMail> kept = rowsFrom(stranger);
        assertThat(kept).hasSize(3).allSatisfy(mail -> {
            assertThat(mail.status()).isEqualTo(InboundStatus.REFUSED);
            assertThat(mail.ticketId()).isNull();
        });
        assertThat(ticketsOf(stranger)).isEmpty();
        List<Mailbox.Mail> answers = sentTo(stranger);
        assertThat(answers).hasSize(1);
        Mailbox.Mail answer = answers.get(0);
        assertThat(answer.subject()).isEqualTo("We could not accept your message: Our server is down");
        assertThat(answer.header("Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(answer.header("In-Reply-To")).isEqualTo(first.messageId());
        assertThat(answer.body()).contains("Hello Sam Stranger")
                .contains("Only authorized support contacts of a licensed organisation can file support tickets")
                .contains("We have kept your message");
    }

    @Test
    void theDailyCapAllowsAnotherAnswerTheNextDay() {
        String stranger = unknownAddress("sam");
        deliver(Smtp.mail(stranger).subject("First try"));
        deliver(Smtp.mail(stranger).subject("Second try"));

        EngineTime.set(EngineTime.now().plus(Duration.ofHours(25)));
        deliver(Smtp.mail(stranger).subject("Next day"));

        assertThat(sentTo(stranger)).extracting(Mailbox.Mail::subject).containsExactly(
                "We could not accept your message: First try", "We could not accept your message: Next day");
    }

    @Test
    void aMemberWhoIsNotAnAuthorizedContactIsToldWhoCanFile() {
        String owner = org.owner("olga");
        String mia = org.member("mia", false, false);

        deliver(Smtp.mail(mia).subject("Policy evaluation fails"));
        deliver(Smtp.mail(mia).subject("Policy evaluation still fails"));
        deliver(Smtp.mail(mia).subject("Why no answer?"));

        assertThat(rowsFrom(mia)).hasSize(3).extracting(InboundMail::status).containsOnly(InboundStatus.REFUSED);
        assertThat(ticketsOf(mia)).isEmpty();
        List<Mailbox.Mail> answers = sentTo(mia);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).header("Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(answers.get(0).body()).contains("Org " + org.id()).contains(paula).contains(owner)
                .contains("To become one, ask an owner");
    }

    @Test
    void aContactOfAnOrganisationWithoutActiveLicenceIsToldWhy() {
        String lapsed = fixtures.organization().licence(Product.LIFECYCLE, java.time.LocalDate.of(2020, 1, 1), false)
                .contact("lars");

        InboundMail mail = deliver(Smtp.mail(lapsed).subject("Help"));

        assertThat(mail.status()).isEqualTo(InboundStatus.REFUSED);
        assertThat(ticketsOf(lapsed)).isEmpty();
        assertThat(sentTo(lapsed)).singleElement().extracting(Mailbox.Mail::body).asString()
                .contains("has no active licence");
    }

    @Test
    void aMessageLargerThanTheEmailLimitIsKeptAndTheSenderToldTheLimit() {
        // over the 512 KiB limit, within the 1 MiB the desk reads (BoundedMailTest: what is larger is not read)
        byte[] dump = random(600 * 1024);
        Smtp.Draft mail = Smtp.mail(paula).subject("Heap dump").attach("heap.hprof", "application/octet-stream", dump);

        InboundMail stored = deliver(mail);

        assertThat(stored.status()).isEqualTo(InboundStatus.REFUSED);
        assertThat(stored.ticketId()).isNull();
        assertThat(stored.outcome()).contains("Too large");
        assertThat(stored.size()).isGreaterThan(dump.length);
        assertThat(inbound.raw(stored.id())).hasSize((int) stored.size());
        assertThat(ticketsOf(paula)).isEmpty();
        List<Mailbox.Mail> answers = sentTo(paula);
        assertThat(answers).hasSize(1);
        Mailbox.Mail answer = answers.get(0);
        assertThat(answer.subject()).isEqualTo("Your message was too large: Heap dump");
        assertThat(answer.header("Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(answer.header("In-Reply-To")).isEqualTo(mail.messageId());
        assertThat(answer.body()).contains("by mail we accept at most 512.0 KiB per file and 512.0 KiB per request")
                .contains("600.0 KiB").contains("where we accept 1.0 MiB per file and 2.0 MiB per request")
                .contains("We have kept the message");
    }

    @Test
    void aLargeMessageSentAgainTheSameDayIsKeptWithoutAnotherAnswer() {
        deliver(Smtp.mail(paula).subject("Heap dump").attach("heap.hprof", "application/octet-stream",
                random(600 * 1024)));

        InboundMail again = deliver(Smtp.mail(paula).subject("Heap dump, again")
                .attach("heap.hprof", "application/octet-stream", random(600 * 1024)));

        assertThat(again.status()).isEqualTo(InboundStatus.REFUSED);
        assertThat(sentTo(paula)).hasSize(1);
    }

    @Test
    void aSmallAttachmentIsAccepted() {
        InboundMail stored = deliver(Smtp.mail(paula).subject("Small log")
                .attach("server.log", "text/plain", "ERROR no policy".getBytes()));

        assertThat(stored.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticketRepository.attachments(stored.ticketId())).hasSize(1);
    }

    @Test
    void anAttachmentWithinTheLimitsIsAcceptedDespiteItsEncoding() {
        InboundMail stored = deliver(Smtp.mail(paula).subject("Log within the limit")
                .attach("server.log.gz", "application/gzip", random(400 * 1024)));

        assertThat(stored.status()).as(stored.outcome()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(sentTo(paula)).extracting(Mailbox.Mail::subject).noneMatch(s -> s.contains("too large"));
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
