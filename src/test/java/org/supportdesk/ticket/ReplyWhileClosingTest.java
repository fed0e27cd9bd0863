package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.web.Refusal;

/**
 * Q3: a customer's reply that arrives while another node closes the ticket waits for the close (the ticket's row is
 * read locked) and is then refused as a reply to a closed ticket, instead of being added to a ticket nobody works any
 * more.
 */
@SupportDeskTest
class ReplyWhileClosingTest {

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Conversation conversation;
    @Autowired TicketRepository repository;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void aReplyWhileTheTicketIsBeingClosedWaitsForTheCloseAndIsRefused() throws Exception {
        String requester = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
        String number = tickets.file(requester);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        long id = repository.findByNumber(number).orElseThrow().id();
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // what "Close: solved" writes, in a transaction that is still open
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    repository.updateStatus(id, TicketStatus.CLOSED, CloseReason.SOLVED, Instant.now());
                    closed.countDown();
                    try {
                        commit.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(closed.await(30, TimeUnit.SECONDS)).isTrue();

        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread customer = new Thread(() -> {
            try {
                outcome.set(conversation.reply(new CustomerReply.Web(requester, number,
                        "One more thing: it also fails on Sundays.", List.of(), null)));
            } catch (RuntimeException refused) {
                outcome.set(refused);
            }
        });
        customer.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> customer.getState() == Thread.State.WAITING
                || customer.getState() == Thread.State.TIMED_WAITING || customer.getState() == Thread.State.BLOCKED);
        commit.countDown();
        closing.get(30, TimeUnit.SECONDS);
        customer.join(30_000);

        assertThat(outcome.get()).isInstanceOfSatisfying(Refusal.class,
                refusal -> assertThat(refusal.code()).isEqualTo("ticket-closed"));
        assertThat(repository.messages(id)).noneMatch(m -> m.body().contains("fails on Sundays"));
    }
}
