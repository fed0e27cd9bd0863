package org.supportdesk.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Scenario 5: N first-reminder timers due at the same moment, two nodes' job executors on them: each reminder sent
 * once. The same with one node (the other stopped) in the same run, for the time.
 */
final class ReminderStorm {

    private ReminderStorm() {
    }

    record Storm(int timers, int jobs, double seconds, int[] atServer, long rows, boolean done) {
        double perSecond() {
            return seconds <= 0 ? 0 : timers / seconds;
        }
    }

    static void run(Cluster cluster, Results.Scenario scenario, int timers, int oneNodeTimers) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        long setupStart = System.nanoTime();
        List<Node> both = List.of(cluster.a, cluster.b);
        List<String> two = Reminders.pending(cluster, both, "S5 " + run, timers);
        double setup = (System.nanoTime() - setupStart) / 1e9;
        Storm twoNodes = storm(cluster, both, two);

        cluster.b.stop(); // SIGTERM: signs off
        List<Node> one = List.of(cluster.a);
        List<String> single = Reminders.pending(cluster, one, "S5one " + run, oneNodeTimers);
        Storm oneNode = storm(cluster, one, single);

        scenario.figure("PENDING tickets made (filed, triaged, information requested), two nodes",
                        timers + " in " + String.format(java.util.Locale.ROOT, "%.0f s", setup))
                .figure("two nodes: timers due at once / reminders received / distinct Message-IDs",
                        twoNodes.jobs() + " / " + twoNodes.atServer()[0] + " / " + twoNodes.atServer()[1])
                .figure("two nodes: due moment to last reminder at the server", String.format(java.util.Locale.ROOT,
                        "%.1f s (%.1f reminders/s)", twoNodes.seconds(), twoNodes.perSecond()))
                .figure("one node: timers due at once / reminders received / distinct Message-IDs",
                        oneNode.jobs() + " / " + oneNode.atServer()[0] + " / " + oneNode.atServer()[1])
                .figure("one node: due moment to last reminder at the server", String.format(java.util.Locale.ROOT,
                        "%.1f s (%.1f reminders/s)", oneNode.seconds(), oneNode.perSecond()))
                .figure("two nodes against one (throughput)", String.format(java.util.Locale.ROOT, "%.2f×",
                        oneNode.perSecond() == 0 ? 0 : twoNodes.perSecond() / oneNode.perSecond()));
        for (var entry : List.of(java.util.Map.entry("two nodes", twoNodes),
                java.util.Map.entry("one node", oneNode))) {
            Storm storm = entry.getValue();
            int[] server = storm.atServer();
            scenario.check(entry.getKey() + ": every reminder sent once", storm.done() && storm.jobs() == storm.timers()
                            && storm.rows() == storm.timers() && server[2] == 0 && server[3] == 0
                            && server[0] - server[1] <= 1,
                    storm.jobs() + " timers, " + storm.rows() + " queued, " + server[2] + " missing, " + server[3]
                            + " twice, " + (server[0] - server[1]) + " repeated");
        }
    }

    private static Storm storm(Cluster cluster, List<Node> nodes, List<String> numbers) throws Exception {
        String ids = Reminders.sqlList(numbers);
        // the mail of the set-up goes out first, so that only reminders are timed
        Desk.await(Duration.ofMinutes(10), Duration.ofSeconds(1), () -> cluster.desk.count(
                "select count(*) from outbound_mail where status <> 'SENT'") == 0);
        List<String> jobs = Reminders.firstReminderJobs(cluster, nodes.get(0), numbers);
        // every timer gets the same due moment, far enough ahead for all the calls that set it
        long pilotStart = System.nanoTime();
        List<String> pilot = jobs.subList(0, Math.min(40, jobs.size()));
        Reminders.setDue(cluster, nodes, pilot, Instant.now().plus(Duration.ofDays(1)));
        double perJob = (System.nanoTime() - pilotStart) / 1e9 / Math.max(1, pilot.size());
        Instant due = Instant.now().plusMillis((long) (jobs.size() * perJob * 1500) + 5000);
        Reminders.setDue(cluster, nodes, jobs, due);
        boolean done = Desk.await(Duration.ofMinutes(30), Duration.ofSeconds(1), () -> cluster.desk.count(
                "select count(*) from outbound_mail where template = 'reminder-1' and status = 'SENT'"
                        + " and ticket_id in (" + ids + ")") >= numbers.size());
        Number last = (Number) cluster.desk.rows("select extract(epoch from max(sent_at)) from outbound_mail where"
                + " template = 'reminder-1' and ticket_id in (" + ids + ")").get(0).get(0);
        double seconds = last == null ? -1 : last.doubleValue() - due.toEpochMilli() / 1000.0;
        // anything sent twice or late shows up at the server: wait until it holds one per ticket, or a while
        Desk.await(Duration.ofSeconds(60), Duration.ofSeconds(1), () -> Reminders.atServer(cluster, numbers)[2] == 0);
        long rows = cluster.desk.count("select count(*) from outbound_mail where template = 'reminder-1' and"
                + " ticket_id in (" + ids + ")");
        return new Storm(numbers.size(), jobs.size(), seconds, Reminders.atServer(cluster, numbers), rows, done);
    }
}
