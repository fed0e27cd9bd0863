package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.attachment.FileSizes;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.Ticket;

/**
 * Nothing a sender puts in a mail can stop the desk: a message larger than the desk reads is not downloaded, MIME
 * structure is bounded, and whatever goes wrong with one message — errors included — fails that message, with its
 * reason for staff, and the next one goes ahead. Nothing is fetched again and again. (That the heap stays small with
 * a 300 MB message: BigMailIT.)
 */
@SupportDeskTest
class BoundedMailTest extends EmailChannel {

    @Autowired InboundMailStore store;
    @Autowired InboundMailProcessor processor;
    @Autowired EmailIntake intake;
    @Autowired InboundMailProperties properties;
    @Autowired org.supportdesk.cluster.ClusterNode node;
    @Autowired MailReadLimit readLimit;
    @Autowired TransactionTemplate transaction;
    @Autowired Clock clock;

    String paula;

    @BeforeEach
    void organisation() {
        paula = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("paula");
    }

    @Test
    void aMailNestedTenThousandLevelsDeepIsNotReadButItsSenderIsToldAndTheNextMailIsProcessedInTheSamePoll() {
        String deep = "<deep." + System.nanoTime() + "@mail.customer.example>";
        smtp.deliver(Smtp.nestedMultiparts(paula, deep, "Ten thousand levels", 10_000), paula, Smtp.SUPPORT);
        Smtp.Draft next = Smtp.mail(paula).subject("A request after the deep one");
        smtp.deliver(next);

        poller.pollOnce();

        // none of its parts is read; kept whole as message.eml it is over the mail limit for files (671 KiB of
        // 512 KiB here), so the sender is told the limits instead of getting a ticket (issue #24: never silence)
        InboundMail refused = row(deep);
        assertThat(refused.status()).isEqualTo(InboundStatus.REFUSED);
        assertThat(refused.outcome()).startsWith("Too large").endsWith("sender answered");
        assertThat(sentTo(paula)).extracting(m -> m.subject())
                .contains("Your message was too large: Ten thousand levels");
        assertThat(row(next.messageId()).status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticketsOf(paula)).extracting(Ticket::summary).containsExactly("A request after the deep one");
    }

    @Test
    void aMailOfTenThousandPartsIsNotReadButFiledWithItsOriginalAndTheNextMailIsProcessedInTheSamePoll() {
        String wide = "<wide." + System.nanoTime() + "@mail.customer.example>";
        smtp.deliver(Smtp.siblingParts(paula, wide, "Ten thousand parts", 10_000), paula, Smtp.SUPPORT);
        Smtp.Draft next = Smtp.mail(paula).subject("A request after the wide one");
        smtp.deliver(next);

        poller.pollOnce();

        // none of its parts is read, but the mail is not lost: a ticket with the original and a note to staff
        InboundMail filed = row(wide);
        assertThat(filed.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(filed.outcome()).contains("the mail was malformed");
        assertThat(row(next.messageId()).status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticketsOf(paula)).extracting(Ticket::summary)
                .containsExactlyInAnyOrder("Ten thousand parts", "A request after the wide one");
    }

    @Test
    void aMailOverWhatTheDeskReadsIsNotDownloadedButKeptFromItsEnvelope() {
        // the desk reads twice the 512 KiB mail limit of application-test.yaml
        assertThat(readLimit.bytes()).isEqualTo(1024 * 1024);
        Smtp.Draft big = Smtp.mail(paula).subject("Heap dump of the whole server")
                .attach("heap.hprof", "application/octet-stream", random(1024 * 1024));
        smtp.deliver(big);
        Smtp.Draft next = Smtp.mail(paula).subject("A request after the big one");
        smtp.deliver(next);

        int stored = poller.pollOnce();

        assertThat(stored).isEqualTo(2);
        InboundMail kept = row(big.messageId());
        assertThat(kept.status()).isEqualTo(InboundStatus.FAILED);
        assertThat(kept.size()).as("the size the server stated").isGreaterThan(1024 * 1024);
        assertThat(kept.outcome()).isEqualTo("Not downloaded: " + FileSizes.text(kept.size())
                + " is over the 1.0 MiB the desk reads");
        assertThat(kept.sender()).isEqualTo(paula);
        assertThat(kept.subject()).isEqualTo("Heap dump of the whole server");
        assertThat(kept.ticketId()).isNull();
        String raw = new String(inbound.raw(kept.id()), StandardCharsets.UTF_8);
        assertThat(raw).as("the envelope only: no body, no header block").hasSizeLessThan(1024)
                .contains("From: " + paula, "Subject: Heap dump of the whole server", "Message-ID: " + big.messageId(),
                        "X-Support-Desk-Size: " + kept.size())
                .doesNotContain("heap.hprof", "Authentication-Results", "Received");
        assertThat(isSeen("Heap dump of the whole server")).as("flagged seen: never fetched again").isTrue();
        assertThat(sentTo(paula)).extracting(m -> m.subject()).noneMatch(s -> s.contains("Heap dump"));
        assertThat(row(next.messageId()).status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticketsOf(paula)).extracting(Ticket::summary).containsExactly("A request after the big one");
    }

    @Test
    void aMailNotDownloadedIsKeptOnceWhenItShowsUpAgain() {
        Smtp.Draft big = Smtp.mail(paula).subject("Big, twice")
                .attach("core.dump", "application/octet-stream", random(1536 * 1024));
        smtp.deliver(big);
        poller.pollOnce();

        setSeen("Big, twice", false); // another mail client shows it as new again
        int stored = poller.pollOnce();

        assertThat(stored).isZero();
        assertThat(rowsFrom(paula)).singleElement().satisfies(mail -> {
            assertThat(mail.messageId()).isEqualTo(big.messageId());
            assertThat(mail.status()).isEqualTo(InboundStatus.FAILED);
        });
        assertThat(isSeen("Big, twice")).isTrue();
    }

    @Test
    void aMailNotDownloadedWithoutMessageIdIsKeptOnceToo() {
        smtp.deliver(Smtp.mail(paula).subject("Big without Message-ID").withoutMessageId()
                .attach("core.dump", "application/octet-stream", random(1536 * 1024)));
        poller.pollOnce();

        setSeen("Big without Message-ID", false);
        int stored = poller.pollOnce();

        assertThat(stored).isZero();
        assertThat(rowsFrom(paula)).singleElement().satisfies(mail -> {
            assertThat(mail.messageKey()).startsWith(Smtp.SUPPORT + " uid:");
            assertThat(mail.status()).isEqualTo(InboundStatus.FAILED);
            assertThat(mail.outcome()).startsWith("Not downloaded:");
        });
    }

    @Test
    void q2_threeMailsNotDownloadedWithTheSameEnvelopeAndNoMessageIdAreThreeAndEachIsKeptOnce() {
        String subject = "Three alike " + System.nanoTime();
        byte[] raw = Smtp.mail(paula).subject(subject).withoutMessageId()
                .attach("core.dump", "application/octet-stream", random(1536 * 1024)).build();
        for (int i = 0; i < 3; i++) {
            append(raw); // the same sender, subject, date and size: only where they are in the mailbox differs
        }

        assertThat(poller.pollOnce()).isEqualTo(3);
        setSeenAll(subject, false); // another mail client shows them as new again
        assertThat(poller.pollOnce()).isZero();

        List<InboundMail> kept = rowsFrom(paula);
        assertThat(kept).hasSize(3).allSatisfy(mail -> {
            assertThat(mail.status()).isEqualTo(InboundStatus.FAILED);
            assertThat(mail.outcome()).startsWith("Not downloaded:");
            assertThat(mail.messageKey()).startsWith(Smtp.SUPPORT + " uid:");
        });
        assertThat(kept).extracting(InboundMail::messageKey).doesNotHaveDuplicates();
    }

    /** Errors a message can cause while it is processed. */
    enum Crash {
        OUT_OF_MEMORY("OutOfMemoryError: Requested array size exceeds VM limit") {
            @Override
            void happen() {
                long[] all = new long[Integer.MAX_VALUE]; // more than any heap may hold: a real OutOfMemoryError
                throw new AssertionError(all.length);
            }
        },
        STACK_OVERFLOW("StackOverflowError") {
            @Override
            void happen() {
                throw new AssertionError(deeper(0)); // recurses until the stack overflows: a real StackOverflowError
            }
        };

        final String reason;

        Crash(String reason) {
            this.reason = reason;
        }

        abstract void happen();

        static int deeper(int depth) {
            return deeper(depth + 1) + 1;
        }
    }

    @ParameterizedTest
    @EnumSource(Crash.class)
    void anErrorWhileProcessingFailsThatMailWithItsReasonAndTheNextGoesAhead(Crash crash) {
        String subject = "Crash while processing " + crash;
        EmailIntake crashing = spy(intake);
        doAnswer(invocation -> {
            crash.happen();
            return null;
        }).when(crashing).handle(argThat(mail -> subject.equals(mail.subject())), any());
        MailboxPoller crashingPoller = new MailboxPoller(properties, store,
                new InboundMailProcessor(inbound, crashing, transaction, node, clock), readLimit);
        Smtp.Draft bad = Smtp.mail(paula).subject(subject);
        Smtp.Draft next = Smtp.mail(paula).subject("A request after the crash");
        smtp.deliver(bad);
        smtp.deliver(next);

        crashingPoller.pollOnce();

        InboundMail failed = row(bad.messageId());
        assertThat(failed.status()).isEqualTo(InboundStatus.FAILED);
        assertThat(failed.outcome()).isEqualTo(crash.reason);
        assertThat(row(next.messageId()).status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(ticketsOf(paula)).extracting(Ticket::summary).containsExactly("A request after the crash");

        poller.pollOnce();

        assertThat(row(bad.messageId()).status()).as("not processed again").isEqualTo(InboundStatus.FAILED);
        assertThat(row(bad.messageId()).attempts()).isEqualTo(1);
    }

    @Test
    void aMailWhoseProcessingNeverFinishesIsFailedAfterThreeStarts() {
        Smtp.Draft mail = Smtp.mail(paula).subject("Stops the node every time");
        assertThat(store.store(Smtp.SUPPORT, smtp.received(mail))).isTrue();
        // three nodes took it in turn, and each stopped while processing it (the last one beats no more)
        jdbc.sql("update inbound_mail set status = 'PROCESSING', claimed_by = 'a-node-that-stopped', attempts = 3"
                        + " where message_id = ?")
                .param(mail.messageId()).update();

        poller.pollOnce();

        InboundMail failed = row(mail.messageId());
        assertThat(failed.status()).isEqualTo(InboundStatus.FAILED);
        assertThat(failed.outcome()).isEqualTo("Processing was started 3 times and never finished (the node stopped"
                + " each time); not started again");
        assertThat(ticketsOf(paula)).isEmpty();
    }

    @Test
    void anErrorWhileDownloadingKeepsTheMailFromItsEnvelopeAndItIsNeverFetchedAgain() {
        InboundMailStore crashing = spy(store);
        doAnswer(invocation -> {
            throw new OutOfMemoryError("Java heap space");
        }).when(crashing).store(eq(Smtp.SUPPORT), argThat(raw -> new String(raw, StandardCharsets.ISO_8859_1)
                .contains("Subject: Crash while downloading")));
        MailboxPoller crashingPoller = new MailboxPoller(properties, crashing, processor, readLimit);
        Smtp.Draft bad = Smtp.mail(paula).subject("Crash while downloading");
        Smtp.Draft next = Smtp.mail(paula).subject("A request after the download crash");
        smtp.deliver(bad);
        smtp.deliver(next);

        crashingPoller.pollOnce();

        InboundMail kept = row(bad.messageId());
        assertThat(kept.status()).isEqualTo(InboundStatus.FAILED);
        assertThat(kept.outcome()).isEqualTo("Not downloaded: OutOfMemoryError: Java heap space");
        assertThat(kept.sender()).isEqualTo(paula);
        assertThat(isSeen("Crash while downloading")).isTrue();
        assertThat(row(next.messageId()).status()).isEqualTo(InboundStatus.PROCESSED);

        int stored = poller.pollOnce();

        assertThat(stored).isZero();
        assertThat(row(bad.messageId()).status()).isEqualTo(InboundStatus.FAILED); // and still one row
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
