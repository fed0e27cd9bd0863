package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

/**
 * Q2 on one ticket: a customer replies while the agent completes the Work task. Both rewrite the process's
 * conversation, so the database lets one commit and the engine refuses the other. Here that other is made to happen
 * every time: a transaction rewrites the conversation and holds it until the answer under test waits for it, then
 * commits. Neither the agent nor the customer may see an error, and each text is kept once.
 */
@SupportDeskTest
class RacingAnswersTest {

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired TicketRepository repository;
    @Autowired RuntimeService runtime;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
    @Autowired Api api;
    @LocalServerPort int port;

    String requester;

    @BeforeEach
    void organisation() {
        EngineTime.newYork("2026-12-01T10:00"); // a Tuesday
        requester = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rene");
    }

    @Test
    void anAgentsAnswerThatMeetsAConcurrentChangeOfTheTicketIsAcceptedAndMailedOnce() throws Exception {
        String number = tickets.file(requester);
        tickets.triage(number, "HIGH", "team-lifecycle");
        String taskId = tickets.task(number).getId();

        HttpResponse<String> answered;
        try (Held held = Held.conversation(this, number)) {
            CompletableFuture<HttpResponse<String>> agent = CompletableFuture.supplyAsync(() -> call("agent",
                    "/engine-rest/task/" + taskId + "/submit-form",
                    "{\"variables\":{\"action\":{\"value\":\"REPLY\"},\"reply\":{\"value\":\"Restart the agent.\"}}}"));
            held.commitOnceItWaits(agent);
            answered = agent.get(60, TimeUnit.SECONDS);
        }

        assertThat(answered.statusCode()).as(answered.body()).isIn(200, 204);
        assertThat(repository.messages(ticketId(number))).filteredOn(m -> m.body().equals("Restart the agent."))
                .hasSize(1);
        assertThat(mailbox.to(requester, "Re: [" + number + "]")).singleElement()
                .satisfies(mail -> assertThat(mail.body()).contains("Restart the agent."));
        assertThat(conversation(number)).as("the form's conversation, written again after the conflict")
                .contains("Restart the agent.");
    }

    @Test
    void theSameHoldsThroughTasklistsOwnApiSignedInToTheWebapp() throws Exception {
        String number = tickets.file(requester);
        tickets.triage(number, "HIGH", "team-lifecycle");
        String taskId = tickets.task(number).getId();
        Tasklist tasklist = Tasklist.signIn(this, "agent");

        org.supportdesk.RawHttp.Response answered;
        try (Held held = Held.conversation(this, number)) {
            CompletableFuture<org.supportdesk.RawHttp.Response> agent = CompletableFuture.supplyAsync(() -> tasklist.post(
                    "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form",
                    "{\"variables\":{\"action\":{\"value\":\"REPLY\"},\"reply\":{\"value\":\"Clear the cache.\"}}}"));
            held.commitOnceItWaits(agent);
            answered = agent.get(60, TimeUnit.SECONDS);
        }

        assertThat(answered.status()).as(answered.body()).isIn(200, 204);
        assertThat(repository.messages(ticketId(number)))
                .filteredOn(m -> m.body().equals("Clear the cache.") && m.author().equals("agent")).hasSize(1);
        assertThat(mailbox.to(requester, "Re: [" + number + "]")).singleElement()
                .satisfies(mail -> assertThat(mail.body()).contains("Clear the cache."));
    }

    @Test
    void aCustomersReplyThatMeetsAConcurrentChangeOfTheTicketIsKeptOnce() throws Exception {
        String number = tickets.file(requester);
        tickets.triage(number, "HIGH", "team-lifecycle");

        Api.Response replied;
        try (Held held = Held.conversation(this, number)) {
            CompletableFuture<Api.Response> customer = CompletableFuture.supplyAsync(() ->
                    tickets.reply(requester, number, "It happens on every node."));
            held.commitOnceItWaits(customer);
            replied = customer.get(60, TimeUnit.SECONDS);
        }

        assertThat(replied.status()).as(replied.body()).isEqualTo(201);
        assertThat(repository.messages(ticketId(number)))
                .filteredOn(m -> m.body().equals("It happens on every node.")).hasSize(1);
        assertThat(conversation(number)).contains("It happens on every node.");
    }

    private long ticketId(String number) {
        return repository.findByNumber(number).orElseThrow().id();
    }

    private String conversation(String number) {
        return LongText.read(runtime.getVariable(tickets.process(number).getId(), TicketVariables.CONVERSATION));
    }

    /** Sessions of the database waiting for a lock another one holds (H2's view of itself). */
    private int waiting() {
        return jdbc.queryForObject("select count(*) from information_schema.sessions where blocker_id is not null",
                Integer.class);
    }

    /** Another transaction that has rewritten the ticket's conversation and not committed yet. */
    private static final class Held implements AutoCloseable {
        private final CountDownLatch written = new CountDownLatch(1);
        private final CountDownLatch commit = new CountDownLatch(1);
        private final Thread thread;
        private final RacingAnswersTest test;

        private Held(RacingAnswersTest test, String processInstanceId) {
            this.test = test;
            this.thread = new Thread(() -> new TransactionTemplate(test.transactions).executeWithoutResult(status -> {
                test.runtime.setVariable(processInstanceId, TicketVariables.CONVERSATION,
                        LongText.of("(rewritten by another transaction)"));
                written.countDown();
                try {
                    commit.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }), "held-conversation");
        }

        static Held conversation(RacingAnswersTest test, String number) throws InterruptedException {
            Held held = new Held(test, test.tickets.process(number).getId());
            held.thread.start();
            assertThat(held.written.await(30, TimeUnit.SECONDS)).isTrue();
            return held;
        }

        /** Lets the holder commit as soon as the answer under test waits for its lock: the answer then loses. */
        void commitOnceItWaits(CompletableFuture<?> answer) throws InterruptedException {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> test.waiting() > 0 || answer.isDone());
            commit.countDown();
            thread.join(30_000);
        }

        @Override
        public void close() throws InterruptedException {
            commit.countDown();
            thread.join(30_000);
        }
    }

    /** Signed in to Tasklist as its login page does: the XSRF cookie first, then the form with its token. */
    private record Tasklist(org.supportdesk.RawHttp browser, int port) {
        static Tasklist signIn(RacingAnswersTest test, String user) throws Exception {
            org.supportdesk.RawHttp browser = new org.supportdesk.RawHttp("127.0.0.1", test.port);
            browser.get("/camunda/app/tasklist/default/");
            org.supportdesk.RawHttp.Response login = browser.send("POST",
                    "/camunda/api/admin/auth/user/default/login/tasklist",
                    ("username=" + user + "&password=" + user).getBytes(StandardCharsets.UTF_8),
                    "Content-Type: application/x-www-form-urlencoded",
                    "X-XSRF-TOKEN: " + browser.cookie("XSRF-TOKEN"));
            assertThat(login.status()).isEqualTo(200);
            // as Tasklist's page after signing in: its first call gets the session's new XSRF token
            assertThat(browser.get("/camunda/api/engine/engine/default/filter?resoureType=Task",
                    "X-XSRF-TOKEN: " + browser.cookie("XSRF-TOKEN")).status()).isEqualTo(200);
            return new Tasklist(browser, test.port);
        }

        org.supportdesk.RawHttp.Response post(String path, String json) {
            try {
                return browser.send("POST", path, json.getBytes(StandardCharsets.UTF_8),
                        "Content-Type: application/json", "Accept: application/json",
                        "Origin: http://localhost:" + port,
                        "X-XSRF-TOKEN: " + browser.cookie("XSRF-TOKEN"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> call(String user, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
