package org.supportdesk.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 1: tickets through both nodes; one node SIGKILLed midway; clients retry broken calls with the same
 * Idempotency-Key on the other node. Every ticket once with a running process, every acknowledgement once at the
 * server, the killed node restarts and rejoins.
 */
final class IntakeWithKilledNode {

    static final String ACKNOWLEDGEMENT = "We received your request";

    private IntakeWithKilledNode() {
    }

    static void run(Cluster cluster, Results.Scenario scenario, int tickets) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<Integer, Cluster.Filed> filed = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < 4; c++) {
            int client = c;
            work.add(clients.submit(() -> {
                for (int i = client; i < tickets; i += 4) {
                    Node first = i % 2 == 0 ? cluster.a : cluster.b;
                    filed.put(i, cluster.fileWithRetries(first, "s1-" + run + "-" + i, "S1 " + run + " ticket " + i));
                    if (done.incrementAndGet() == tickets / 2) {
                        killedAt.set(System.nanoTime());
                        cluster.b.kill(); // SIGKILL while the other clients' calls are in flight
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        clients.shutdown();
        long intake = System.nanoTime() - start;

        long restart = System.nanoTime();
        cluster.b.start();
        boolean rejoined = cluster.b.awaitUp(Duration.ofMinutes(3));
        long rejoin = System.nanoTime() - restart;

        List<String> numbers = filed.values().stream().map(Cluster.Filed::number).distinct().toList();
        boolean allAcks = Desk.await(Duration.ofMinutes(5), Duration.ofSeconds(1), () ->
                cluster.customerMailsBy(ACKNOWLEDGEMENT).keySet().containsAll(numbers)
                        && cluster.desk.count("select count(*) from outbound_mail where template = 'acknowledgement'"
                        + " and status <> 'SENT' and ticket_id in (select id from ticket where summary like ?)",
                        "S1 " + run + " %") == 0);
        long recovered = System.nanoTime() - killedAt.get();

        String like = "S1 " + run + " %";
        long stored = cluster.desk.count("select count(*) from ticket where summary like ?", like);
        long distinct = cluster.desk.count("select count(distinct summary) from ticket where summary like ?", like);
        long running = cluster.desk.count("select count(*) from ticket t where t.summary like ? and exists (select 1"
                + " from act_ru_execution e where e.business_key_ = 'SD-' || t.id and e.parent_id_ is null)", like);
        long queuedTwice = cluster.desk.count("select count(*) from (select ticket_id from outbound_mail where"
                + " template = 'acknowledgement' and ticket_id in (select id from ticket where summary like ?)"
                + " group by ticket_id having count(*) > 1) twice", like);
        Map<String, List<MailServers.Received>> acks = cluster.customerMailsBy(ACKNOWLEDGEMENT);
        int received = 0;
        int distinctIds = 0;
        int ticketsWithTwoMails = 0;
        int missing = 0;
        for (String number : numbers) {
            List<MailServers.Received> copies = acks.getOrDefault(number, List.of());
            received += copies.size();
            long ids = copies.stream().map(MailServers.Received::messageId).distinct().count();
            distinctIds += (int) ids;
            if (ids > 1) {
                ticketsWithTwoMails++;
            }
            if (copies.isEmpty()) {
                missing++;
            }
        }
        int sameIdCopies = received - distinctIds;
        int failedCalls = filed.values().stream().mapToInt(Cluster.Filed::failedCalls).sum();
        int retried = (int) filed.values().stream().filter(f -> f.attempts() > 1).count();
        long beating = cluster.desk.count(
                "select count(*) from cluster_node where heartbeat_at > now() - interval '30 seconds'");

        scenario.figure("tickets sent", tickets)
                .figure("tickets stored", stored)
                .figure("tickets duplicated", stored - distinct)
                .figure("tickets lost", tickets - distinct)
                .figure("calls that broke or failed (retried with the same key)", failedCalls + " (" + retried
                        + " tickets)")
                .figure("acknowledgements sent (one per ticket)", numbers.size())
                .figure("acknowledgements received at the server", received)
                .figure("acknowledgements duplicated (second Message-ID)", ticketsWithTwoMails)
                .figure("acknowledgements repeated with the same Message-ID (the one mail in flight)", sameIdCopies)
                .figure("intake time", Results.seconds(intake))
                .figure("killed node back (start to UP)", Results.seconds(rejoin))
                .figure("time to recover (kill to every acknowledgement at the server)", allAcks
                        ? Results.seconds(recovered) : "not within 5 min");
        scenario.check("every ticket stored exactly once", stored == tickets && distinct == tickets,
                        stored + " stored, " + distinct + " distinct")
                .check("every ticket has a running process", running == tickets, running + " running")
                .check("every acknowledgement queued once", queuedTwice == 0, queuedTwice + " queued twice")
                .check("every acknowledgement at the server, exactly one Message-ID per ticket",
                        missing == 0 && ticketsWithTwoMails == 0, missing + " missing, " + ticketsWithTwoMails
                                + " with two Message-IDs")
                .check("at most the one mail in flight repeated (same Message-ID)", sameIdCopies <= 1,
                        sameIdCopies + " repeated")
                .check("the killed node restarts and rejoins (UP, beating)", rejoined && beating >= 2,
                        (rejoined ? "UP" : "not UP") + ", " + beating + " nodes beating");
    }
}
