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
 * Q2 on one ticket: a customer writes while the agent completes the Work task. The process keeps no copy of the
 * conversation, but the customer's comment still starts the diagram's event sub-process "Customer adds to an open
 * ticket" in the same process instance that the agent's completion moves on: the engine lets one commit and refuses
 * the other (optimistic locking on the instance's executions). Here that other is made to happen every time: a
 * transaction does the one and holds it until the answer under test waits for it, then commits. Neither the agent
 * nor the customer may see an error, and each text is kept once.
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
    @Autowired TicketProcess process;
    @Autowired org.camunda.bpm.engine.FormService forms;
    @Autowired org.camunda.bpm.engine.IdentityService identity;
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
        try (Held held = Held.customerComment(this, number)) {
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
        assertThat(mailbox.to("agent@support.example", number + "]")).as("the agent was told of the comment")
                .anyMatch(mail -> mail.subject().contains("wrote"));
    }

    @Test
    void theSameHoldsThroughTasklistsOwnApiSignedInToTheWebapp() throws Exception {
        String number = tickets.file(requester);
        tickets.triage(number, "HIGH", "team-lifecycle");
        String taskId = tickets.task(number).getId();
        Tasklist tasklist = Tasklist.signIn(this, "agent");

        org.supportdesk.RawHttp.Response answered;
        try (Held held = Held.customerComment(this, number)) {
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
        try (Held held = Held.agentAnswer(this, number)) {
            CompletableFuture<Api.Response> customer = CompletableFuture.supplyAsync(() ->
                    tickets.reply(requester, number, "It happens on every node."));
            held.commitOnceItWaits(customer);
            replied = customer.get(60, TimeUnit.SECONDS);
        }

        assertThat(replied.status()).as(replied.body()).isEqualTo(201);
        assertThat(repository.messages(ticketId(number)))
                .filteredOn(m -> m.body().equals("It happens on every node.")).hasSize(1);
        assertThat(repository.messages(ticketId(number))).filteredOn(m -> m.body().equals("Held answer."))
                .hasSize(1);
    }

    private long ticketId(String number) {
        return repository.findByNumber(number).orElseThrow().id();
    }

    /** Sessions of the database waiting for a lock another one holds (H2's view of itself). */
    private int waiting() {
        return jdbc.queryForObject("select count(*) from information_schema.sessions where blocker_id is not null",
                Integer.class);
    }

    /** Another transaction that has changed the ticket's process and not committed yet. */
    private static final class Held implements AutoCloseable {
        private final CountDownLatch written = new CountDownLatch(1);
        private final CountDownLatch commit = new CountDownLatch(1);
        private final Thread thread;
        private final RacingAnswersTest test;

        private Held(RacingAnswersTest test, Runnable change) {
            this.test = test;
            this.thread = new Thread(() -> new TransactionTemplate(test.transactions).executeWithoutResult(status -> {
                change.run();
                written.countDown();
                try {
                    commit.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }), "held-change");
        }

        /** The customer wrote on the open ticket: the process's event sub-process tells the agent. */
        static Held customerComment(RacingAnswersTest test, String number) throws InterruptedException {
            Ticket ticket = test.repository.findByNumber(number).orElseThrow();
            return start(new Held(test, () -> {
                test.repository.addMessage(ticket.id(), test.requester, "Rene", AuthorType.CUSTOMER, Channel.WEB,
                        "One more detail.", java.time.Instant.now());
                test.process.customerWrote(ticket);
            }));
        }

        /** The agent answered (REPLY) through the form: the process moved on to the next Work task. */
        static Held agentAnswer(RacingAnswersTest test, String number) throws InterruptedException {
            String taskId = test.tickets.task(number).getId();
            return start(new Held(test, () -> {
                test.identity.setAuthentication("agent", java.util.List.of("support-agents", "team-lifecycle"));
                try {
                    test.forms.submitTaskForm(taskId, Map.of("action", "REPLY", "reply", "Held answer."));
                } finally {
                    test.identity.clearAuthentication();
                }
            }));
        }

        private static Held start(Held held) throws InterruptedException {
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
