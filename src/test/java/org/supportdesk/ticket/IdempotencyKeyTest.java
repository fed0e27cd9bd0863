package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.supportdesk.Api;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

import com.jayway.jsonpath.JsonPath;

/**
 * A client whose connection died (or whose node was killed) sends the call again with the same Idempotency-Key and
 * gets what the first call made: one ticket, one reply, one follow-up, one acknowledgement mail.
 */
@SupportDeskTest
class IdempotencyKeyTest {

    @Autowired Api api;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired Mailbox mailbox;
    @Autowired JdbcClient jdbc;
    @Autowired TicketRepository ticketRepository;

    final ExecutorService clients = Executors.newFixedThreadPool(4);
    String rita;

    @BeforeEach
    void requester() {
        rita = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("rita");
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void theSameKeyTwiceFilesOneTicket() {
        ResponseEntity<String> first = post(rita, "/api/tickets", Tickets.request(), "key-1");
        ResponseEntity<String> retry = post(rita, "/api/tickets", Tickets.request(), "key-1");

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(number(retry)).isEqualTo(number(first));
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(ticketCount(rita)).isEqualTo(1);
        assertThat(tickets.process(number(first))).isNotNull();
        assertThat(mailbox.to(rita, "We received your request")).hasSize(1);
    }

    @Test
    void differentKeysAreDifferentRequests() {
        post(rita, "/api/tickets", Tickets.request(), "key-a");
        post(rita, "/api/tickets", Tickets.request(), "key-b");
        post(rita, "/api/tickets", Tickets.request(), null);

        assertThat(ticketCount(rita)).isEqualTo(3);
    }

    @Test
    void aKeyBelongsToTheCallerWhoSentIt() {
        String sam = fixtures.organization().activeLicence(Product.LIFECYCLE).contact("sam");

        String ritas = number(post(rita, "/api/tickets", Tickets.request(), "shared-key"));
        String sams = number(post(sam, "/api/tickets", Tickets.request(), "shared-key"));

        assertThat(sams).isNotEqualTo(ritas);
        assertThat(ticketCount(sam)).isEqualTo(1);
    }

    @Test
    void twoCallsWithTheSameKeyAtTheSameMomentFileOneTicket() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Callable<ResponseEntity<String>> call = () -> {
            start.await();
            return post(rita, "/api/tickets", Tickets.request(), "race-key");
        };
        List<Future<ResponseEntity<String>>> calls = List.of(clients.submit(call), clients.submit(call),
                clients.submit(call));
        start.countDown();

        List<String> numbers = calls.stream().map(f -> {
            try {
                return number(f.get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();

        assertThat(numbers).containsOnly(numbers.get(0));
        assertThat(ticketCount(rita)).isEqualTo(1);
    }

    @Test
    void aRetriedReplyIsAddedOnce() {
        String number = tickets.file(rita);
        Map<String, Object> reply = Map.of("body", "We run 3.70.1.");

        ResponseEntity<String> first = post(rita, "/api/tickets/" + number + "/replies", reply, "reply-1");
        ResponseEntity<String> retry = post(rita, "/api/tickets/" + number + "/replies", reply, "reply-1");

        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(JsonPath.<Integer>read(retry.getBody(), "$.id")).isEqualTo(JsonPath.<Integer>read(first.getBody(), "$.id"));
        assertThat(ticketRepository.messages(ticketRepository.findByNumber(number).orElseThrow().id()))
                .filteredOn(m -> m.body().contains("3.70.1")).hasSize(1);
    }

    @Test
    void aRetriedFollowUpMakesOneFollowUp() {
        String number = tickets.file(rita);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        tickets.work(number, "SOLVE", "Fixed by the upgrade.");
        Map<String, Object> followUp = Map.of("description", "It is back.");

        String first = number(post(rita, "/api/tickets/" + number + "/follow-ups", followUp, "follow-1"));
        String retry = number(post(rita, "/api/tickets/" + number + "/follow-ups", followUp, "follow-1"));

        assertThat(retry).isEqualTo(first);
        assertThat(ticketCount(rita)).isEqualTo(2);
    }

    @Test
    void aKeyUsedForAnotherKindOfCallIsRefused() {
        String number = number(post(rita, "/api/tickets", Tickets.request(), "used-key"));

        ResponseEntity<String> reply = post(rita, "/api/tickets/" + number + "/replies", Map.of("body", "x"),
                "used-key");

        assertThat(reply.getStatusCode().value()).isEqualTo(422);
        assertThat(JsonPath.<String>read(reply.getBody(), "$.detail")).contains("Use a new key");
    }

    @Test
    void aKeyThatIsNotAKeyIsABadRequestAndFilesNothing() {
        ResponseEntity<String> refused = post(rita, "/api/tickets", Tickets.request(), "x".repeat(201));

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(JsonPath.<String>read(refused.getBody(), "$.detail")).contains("Idempotency-Key");
        assertThat(ticketCount(rita)).isZero();
    }

    private ResponseEntity<String> post(String caller, String path, Object body, String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            headers.set("Idempotency-Key", key);
        }
        return api.as(caller).template().exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private static String number(ResponseEntity<String> response) {
        return JsonPath.read(response.getBody(), "$.number");
    }

    private int ticketCount(String requester) {
        return jdbc.sql("select count(*) from ticket where requester_email = ?").param(requester)
                .query(Integer.class).single();
    }
}
