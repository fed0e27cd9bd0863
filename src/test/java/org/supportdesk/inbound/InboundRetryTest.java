package org.supportdesk.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.RawHttp;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.AuthorType;

import com.jayway.jsonpath.JsonPath;

/**
 * Q2: a transient error (here: the ticket row locked by another transaction, as another node would hold it) does not
 * lose a customer's mail: it is tried again after a back-off; only when the retries run out is it FAILED, and staff
 * send a FAILED mail through again.
 */
@SupportDeskTest
class InboundRetryTest extends EmailChannel {

    @Autowired TransactionTemplate transaction;
    @Autowired InboundMailStore store;
    @LocalServerPort int port;

    final ExecutorService otherNode = Executors.newSingleThreadExecutor();
    String paula;
    String number;

    @BeforeEach
    void ticket() {
        paula = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("paula");
        number = tickets.file(paula);
        tickets.triage(number, "NORMAL", "team-lifecycle");
    }

    @AfterEach
    void stopOtherNode() {
        otherNode.shutdownNow();
    }

    @Test
    void aReplyThatMeetsALockedTicketIsTriedAgainAfterABackOffAndThenJoinsTheConversation() throws Exception {
        Smtp.Draft reply = Smtp.mail(paula).subject("Re: [" + number + "] Policy evaluation fails")
                .text("Here is the log you asked for.");
        smtp.deliver(reply);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> lock = holdTicketLock(release);

        poller.pollOnce();

        InboundMail waiting = row(reply.messageId());
        Instant failedAt = EngineTime.now();
        assertThat(waiting.status()).isEqualTo(InboundStatus.STORED);
        assertThat(waiting.retries()).isEqualTo(1);
        assertThat(waiting.outcome()).startsWith("Transient error, tried again at");
        assertThat(nextAttempt(waiting.id())).isBetween(failedAt.plusSeconds(29), failedAt.plusSeconds(31));
        assertThat(customerMessages()).isZero();

        release.countDown();
        lock.get(10, TimeUnit.SECONDS);
        poller.pollOnce();
        assertThat(row(reply.messageId()).status()).as("not before its back-off").isEqualTo(InboundStatus.STORED);
        EngineTime.set(EngineTime.now().plusSeconds(31));
        poller.pollOnce();

        assertThat(row(reply.messageId()).status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(customerMessages()).isEqualTo(1);
    }

    @Test
    void whenTheRetriesRunOutTheMailIsFailedAndStaffSendItThroughAgain() throws Exception {
        Smtp.Draft reply = Smtp.mail(paula).subject("Re: [" + number + "] Policy evaluation fails")
                .text("Here is the log you asked for.");
        store.store(Smtp.SUPPORT, smtp.received(reply));
        long id = row(reply.messageId()).id();
        // it met a transient error at every try so far
        jdbc.sql("update inbound_mail set retries = ? where id = ?").params(InboundMailProcessor.MAX_RETRIES, id)
                .update();
        CountDownLatch release = new CountDownLatch(1);
        Future<?> lock = holdTicketLock(release);

        poller.pollOnce();
        release.countDown();
        lock.get(10, TimeUnit.SECONDS);

        InboundMail failed = row(reply.messageId());
        assertThat(failed.status()).isEqualTo(InboundStatus.FAILED);
        assertThat(failed.outcome()).startsWith("Gave up after " + InboundMailProcessor.MAX_RETRIES + " retries");
        Api.Response listed = api.as("agent", "agent").get("/api/staff/inbound-mail?status=FAILED");
        assertThat(JsonPath.<java.util.List<Integer>>read(listed.body(), "$[*].id")).contains((int) id);

        Api.Response retried = api.as("agent", "agent").post("/api/staff/inbound-mail/" + id + "/retry", null);
        poller.pollOnce();

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.<String>json("$.status")).isEqualTo("STORED");
        assertThat(retried.<String>json("$.outcome")).contains("Retried by agent");
        assertThat(row(reply.messageId()).status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(customerMessages()).isEqualTo(1);
    }

    @Test
    void onlyFailedMailCanBeRetried() {
        Smtp.Draft mail = Smtp.mail(paula).subject("A new request");
        smtp.deliver(mail);
        poller.pollOnce();

        Api.Response processed = api.as("agent", "agent").post("/api/staff/inbound-mail/" + row(mail.messageId()).id()
                + "/retry", null);
        Api.Response unknown = api.as("agent", "agent").post("/api/staff/inbound-mail/987654321/retry", null);
        Api.Response customer = api.as(paula).post("/api/staff/inbound-mail/" + row(mail.messageId()).id() + "/retry",
                null);

        assertThat(processed.status()).isEqualTo(409);
        assertThat(processed.<String>json("$.detail"))
                .contains("only FAILED mail, or STORED mail waiting for its next try, can be retried");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(customer.status()).isEqualTo(401);
    }

    @Test
    void aPageOfAnotherSiteCannotRetryFailedMailButTheDesksOwnPageCan() throws Exception {
        Smtp.Draft reply = Smtp.mail(paula).subject("Re: [" + number + "] Policy evaluation fails").text("The log.");
        store.store(Smtp.SUPPORT, smtp.received(reply));
        long id = row(reply.messageId()).id();
        jdbc.sql("update inbound_mail set status = 'FAILED', outcome = 'Gave up' where id = ?").param(id).update();
        String retry = "/api/staff/inbound-mail/" + id + "/retry";

        RawHttp.Response sandboxed = new RawHttp("127.0.0.1", port).send("POST", retry, new byte[0],
                RawHttp.basic("agent", "agent"), "Origin: null");
        RawHttp.Response otherSite = new RawHttp("127.0.0.1", port).send("POST", retry, new byte[0],
                RawHttp.basic("agent", "agent"), "Origin: http://localhost.evil.example:" + port);

        assertThat(sandboxed.status()).isEqualTo(403);
        assertThat(JsonPath.<String>read(sandboxed.body(), "$.type")).endsWith(":cross-site-request");
        assertThat(otherSite.status()).isEqualTo(403);
        assertThat(row(reply.messageId()).status()).isEqualTo(InboundStatus.FAILED);

        RawHttp.Response retried = new RawHttp("127.0.0.1", port).send("POST", retry, new byte[0],
                RawHttp.basic("agent", "agent"), "Origin: http://LOCALHOST:" + port);

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(row(reply.messageId()).status()).isEqualTo(InboundStatus.STORED);
    }

    @Test
    void q2_storedMailWaitingForItsNextTryIsSentThroughByStaffAndProcessedNow() throws Exception {
        Smtp.Draft reply = Smtp.mail(paula).subject("Re: [" + number + "] Policy evaluation fails")
                .text("Here is the log you asked for.");
        smtp.deliver(reply);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> lock = holdTicketLock(release);
        poller.pollOnce();
        release.countDown();
        lock.get(10, TimeUnit.SECONDS);
        long id = row(reply.messageId()).id();
        assertThat(row(reply.messageId()).status()).isEqualTo(InboundStatus.STORED);
        assertThat(nextAttempt(id)).isAfter(EngineTime.now());
        Api.Response waiting = api.as("agent", "agent").get("/api/staff/inbound-mail?status=STORED");
        assertThat(JsonPath.<java.util.List<Integer>>read(waiting.body(), "$[*].id")).contains((int) id);
        assertThat(dashboard.inboundNeedingAPerson().rows()).as("the managers' dashboard lists it to retry")
                .anySatisfy(row -> assertThat(row).startsWith(Long.toString(id), "STORED"));

        Api.Response retried = api.as("agent", "agent").post("/api/staff/inbound-mail/" + id + "/retry", null);
        poller.pollOnce(); // engine time has not moved: the back-off is not what lets it through

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.<String>json("$.outcome")).contains("Retried by agent");
        InboundMail processed = row(reply.messageId());
        assertThat(processed.status()).isEqualTo(InboundStatus.PROCESSED);
        assertThat(processed.outcome()).isEqualTo("Reply on " + number);
        assertThat(customerMessages()).isEqualTo(1);
    }

    @Test
    void q2_newStoredMailNotWaitingForARetryIsNotRetriedByStaff() {
        Smtp.Draft mail = Smtp.mail(paula).subject("Not yet polled");
        store.store(Smtp.SUPPORT, smtp.received(mail));

        Api.Response retried = api.as("agent", "agent").post("/api/staff/inbound-mail/" + row(mail.messageId()).id()
                + "/retry", null);

        assertThat(retried.status()).isEqualTo(409);
        assertThat(retried.<String>json("$.detail")).contains("is STORED");
    }

    /** Failures a message's own bytes cause, as the MIME library throws them. */
    enum Unreadable {
        BROKEN_BASE64(new org.eclipse.angus.mail.util.DecodingException("BASE64Decoder: Error in encoded stream"),
                "a part's encoded content is broken (DecodingException: BASE64Decoder: Error in encoded stream)"),
        UNKNOWN_ENCODING(new java.io.IOException("Unknown encoding: base9000"),
                "the message cannot be read as mail (IOException: Unknown encoding: base9000)"),
        UNKNOWN_CHARSET(new java.io.UnsupportedEncodingException("x-unknown-8"),
                "a part names an encoding or charset that cannot be read (UnsupportedEncodingException: x-unknown-8)"),
        NO_START_BOUNDARY(new jakarta.mail.internet.ParseException("Missing start boundary"),
                "a header or the MIME structure is malformed (ParseException: Missing start boundary)");

        final Throwable error;
        final String words;

        Unreadable(Throwable error, String words) {
            this.error = error;
            this.words = words;
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Unreadable.class)
    void q2_aParsingOrDecodingErrorFailsTheMailAtOnceWithoutARetry(Unreadable unreadable) {
        String subject = "Unreadable " + unreadable + " " + System.nanoTime();
        MailboxPoller failing = pollerWhoseIntakeThrows(subject, new IllegalStateException(
                "The message cannot be read as mail: " + unreadable.error.getMessage(), unreadable.error));
        Smtp.Draft mail = Smtp.mail(paula).subject(subject);
        smtp.deliver(mail);

        failing.pollOnce();

        InboundMail failed = row(mail.messageId());
        assertThat(failed.status()).isEqualTo(InboundStatus.FAILED);
        assertThat(failed.retries()).isZero();
        assertThat(failed.outcome()).isEqualTo("Cannot be read, not retried: " + unreadable.words);
        assertThat(jdbc.sql("select next_attempt_at from inbound_mail where id = ?").param(failed.id())
                .query(java.time.OffsetDateTime.class).optional()).isEmpty();

        EngineTime.set(EngineTime.now().plus(java.time.Duration.ofHours(5)));
        failing.pollOnce();

        assertThat(row(mail.messageId()).status()).as("never tried again by itself").isEqualTo(InboundStatus.FAILED);
        assertThat(row(mail.messageId()).attempts()).isEqualTo(1);
    }

    @Test
    void q2_anUnreachableDatabaseIsTriedAgainAfterABackOff() {
        String subject = "While the database is away " + System.nanoTime();
        MailboxPoller failing = pollerWhoseIntakeThrows(subject,
                new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new java.sql.SQLTransientConnectionException("Connection is not available")));
        Smtp.Draft mail = Smtp.mail(paula).subject(subject);
        smtp.deliver(mail);
        Instant failedAt = EngineTime.now();

        failing.pollOnce();

        InboundMail waiting = row(mail.messageId());
        assertThat(waiting.status()).isEqualTo(InboundStatus.STORED);
        assertThat(waiting.retries()).isEqualTo(1);
        assertThat(waiting.outcome()).startsWith("Transient error, tried again at");
        assertThat(nextAttempt(waiting.id())).isBetween(failedAt.plusSeconds(29), failedAt.plusSeconds(31));

        EngineTime.set(EngineTime.now().plusSeconds(31));
        poller.pollOnce(); // the database is back

        assertThat(row(mail.messageId()).status()).isEqualTo(InboundStatus.PROCESSED);
    }

    @Autowired org.supportdesk.dashboard.Dashboard dashboard;
    @Autowired EmailIntake intake;
    @Autowired InboundMailProperties properties;
    @Autowired org.supportdesk.cluster.ClusterNode node;
    @Autowired MailReadLimit readLimit;
    @Autowired java.time.Clock clock;

    /** A poller whose intake throws {@code error} for the mail with this subject, as the real one would. */
    private MailboxPoller pollerWhoseIntakeThrows(String subject, RuntimeException error) {
        EmailIntake throwing = org.mockito.Mockito.spy(intake);
        org.mockito.Mockito.doThrow(error).when(throwing).handle(
                org.mockito.ArgumentMatchers.argThat(mail -> mail != null && subject.equals(mail.subject())),
                org.mockito.ArgumentMatchers.any());
        return new MailboxPoller(properties, store, new InboundMailProcessor(inbound, throwing, transaction, node,
                clock), readLimit);
    }

    @Test
    void theBackOffDoublesUpToHalfAnHour() {
        assertThat(InboundMailProcessor.backOff(0)).hasSeconds(30);
        assertThat(InboundMailProcessor.backOff(1)).hasSeconds(60);
        assertThat(InboundMailProcessor.backOff(5)).hasMinutes(16);
        assertThat(InboundMailProcessor.backOff(6)).hasMinutes(30);
        assertThat(InboundMailProcessor.backOff(40)).hasMinutes(30);
    }

    /** Another node's transaction that holds the ticket row until {@code release}. */
    private Future<?> holdTicketLock(CountDownLatch release) throws InterruptedException {
        CountDownLatch locked = new CountDownLatch(1);
        long ticketId = ticketRepository.findByNumber(number).orElseThrow().id();
        Future<?> future = otherNode.submit(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("select id from ticket where id = ? for update").param(ticketId).query(Long.class).single();
            locked.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        return future;
    }

    private Instant nextAttempt(long id) {
        return jdbc.sql("select next_attempt_at from inbound_mail where id = ?").param(id)
                .query(java.time.OffsetDateTime.class).single().toInstant();
    }

    private long customerMessages() {
        return ticketRepository.messages(ticketRepository.findByNumber(number).orElseThrow().id()).stream()
                .filter(m -> m.authorType() == AuthorType.CUSTOMER).count();
    }
}
