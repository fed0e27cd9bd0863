package org.supportdesk.reliability;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 4: the SMTP server is unreachable during intake and reminders, then back: no ticket call fails, every mail
 * waits and then reaches the server once.
 */
final class SmtpOutage {

    private SmtpOutage() {
    }

    static void run(Cluster cluster, Results.Scenario scenario, Duration outage, int tickets, int pendingTickets)
            throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Node> both = List.of(cluster.a, cluster.b);
        List<String> pending = Reminders.pending(cluster, both, "S4P " + run, pendingTickets);
        List<String> jobs = Reminders.firstReminderJobs(cluster, cluster.a, pending);

        cluster.mail.smtpDown();
        long down = System.nanoTime();
        List<String> numbers = new ArrayList<>();
        int failedCalls = 0;
        List<String> failures = new ArrayList<>();
        long spacing = outage.toMillis() / 2 / Math.max(1, tickets);
        for (int i = 0; i < tickets; i++) {
            Node node = i % 2 == 0 ? cluster.a : cluster.b;
            try {
                Desk.Response response = cluster.file(node, "s4-" + run + "-" + i, "S4 " + run + " ticket " + i);
                if (response.status() == 201) {
                    numbers.add(response.json().get("number").asText());
                } else {
                    failedCalls++;
                    failures.add(response.status() + "");
                }
            } catch (IOException e) {
                failedCalls++;
                failures.add(e.toString());
            }
            if (i == tickets / 4) {
                // the reminders fall due while the server is away
                Reminders.setDue(cluster, both, jobs, Instant.now());
            }
            Desk.pause(spacing); // intake spread over the first half of the outage
        }
        boolean waiting = Desk.await(Duration.ofMinutes(2), Duration.ofSeconds(1), () -> cluster.desk.count(
                "select count(*) from outbound_mail where status = 'QUEUED' and last_error is not null") > 0);
        long waitingMails = cluster.desk.count("select count(*) from outbound_mail where status <> 'SENT'");
        // a load balancer's probe while the server is away: both nodes stay in (mail waits in the outbox)
        boolean readyA = cluster.a.ready();
        boolean readyB = cluster.b.ready();
        long remaining = outage.toNanos() - (System.nanoTime() - down);
        if (remaining > 0) {
            Desk.pause(remaining / 1_000_000); // the outage lasts what it lasts
        }
        cluster.mail.smtpUp();
        long up = System.nanoTime();
        String ackLike = "S4 " + run + " %";
        String reminderIds = Reminders.sqlList(pending);
        boolean delivered = Desk.await(Duration.ofMinutes(10), Duration.ofSeconds(1), () ->
                cluster.customerMailsBy(IntakeWithKilledNode.ACKNOWLEDGEMENT).keySet().containsAll(numbers)
                        && Reminders.atServer(cluster, pending)[2] == 0
                        && cluster.desk.count("select count(*) from outbound_mail where status <> 'SENT' and"
                        + " (ticket_id in (" + reminderIds + ") or ticket_id in (select id from ticket where summary"
                        + " like ?))", ackLike) == 0);
        long recovered = System.nanoTime() - up;

        Map<String, List<MailServers.Received>> acks = cluster.customerMailsBy(IntakeWithKilledNode.ACKNOWLEDGEMENT);
        int ackCopies = 0;
        int ackIds = 0;
        int ackMissing = 0;
        int ackTwice = 0;
        for (String number : numbers) {
            List<MailServers.Received> got = acks.getOrDefault(number, List.of());
            ackCopies += got.size();
            long distinct = got.stream().map(MailServers.Received::messageId).distinct().count();
            ackIds += (int) distinct;
            ackMissing += got.isEmpty() ? 1 : 0;
            ackTwice += distinct > 1 ? 1 : 0;
        }
        int[] reminders = Reminders.atServer(cluster, pending);
        long incidents = cluster.desk.count("select count(*) from act_ru_incident");
        long stored = cluster.desk.count("select count(*) from ticket where summary like ?", ackLike);
        scenario.figure("outage", outage.toMinutes() + " min (SMTP proxy closed: connections refused)")
                .figure("tickets sent during the outage", tickets)
                .figure("tickets stored", stored)
                .figure("ticket calls that failed", failedCalls)
                .figure("reminder timers due during the outage", jobs.size())
                .figure("mails waiting while the server was away", waitingMails)
                .figure("acknowledgements received / distinct Message-IDs", ackCopies + " / " + ackIds)
                .figure("reminders received / distinct Message-IDs", reminders[0] + " / " + reminders[1])
                .figure("mails duplicated (second Message-ID)", ackTwice + reminders[3])
                .figure("mails lost", ackMissing + reminders[2])
                .figure("incidents", incidents)
                .figure("time to recover (server back to every mail delivered)", delivered ? Results.seconds(recovered)
                        : "not within 10 min");
        scenario.check("no ticket call failed", failedCalls == 0 && stored == tickets, failedCalls + " failed"
                        + (failures.isEmpty() ? "" : " " + failures.subList(0, Math.min(3, failures.size()))))
                .check("mail waited while the server was away", waiting, waitingMails + " waiting")
                .check("both nodes ready during the outage (/actuator/health/readiness)", readyA && readyB,
                        "A " + (readyA ? "ready" : "NOT ready") + ", B " + (readyB ? "ready" : "NOT ready"))
                .check("every acknowledgement delivered once", ackMissing == 0 && ackTwice == 0 && ackCopies
                        - ackIds <= 1, ackMissing + " missing, " + ackTwice + " twice")
                .check("every reminder delivered once", jobs.size() == pendingTickets && reminders[2] == 0
                        && reminders[3] == 0 && reminders[0] - reminders[1] <= 1, jobs.size() + " timers, "
                        + reminders[2] + " missing, " + reminders[3] + " twice")
                .check("no incident left", incidents == 0, incidents + " incidents");
    }
}
