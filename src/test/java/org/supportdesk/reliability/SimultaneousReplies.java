package org.supportdesk.reliability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * Scenario 3: on the same ticket, in the same second, through different nodes: a reply by mail, a reply on the portal
 * (node A, with another page of the same browser session loading on node B) and the agent completing the Work task
 * (engine REST, node B). All three kept, nothing FAILED, no call refused.
 */
final class SimultaneousReplies {

    private SimultaneousReplies() {
    }

    static void run(Cluster cluster, Results.Scenario scenario, int rounds) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            String number = cluster.fileWithRetries(i % 2 == 0 ? cluster.a : cluster.b, "s3-" + run + "-" + i,
                    "S3 " + run + " ticket " + i).number();
            cluster.triage(i % 2 == 0 ? cluster.b : cluster.a, number);
            numbers.add(number);
        }
        Portal browser = new Portal();
        browser.signIn(cluster.a, Cluster.CUSTOMER, Cluster.CUSTOMER_PASSWORD);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        int portalOk = 0;
        int agentOk = 0;
        int sessionOk = 0;
        List<String> refused = new ArrayList<>();
        List<String> mailIds = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            String number = numbers.get(i);
            String token = browser.replyToken(cluster.b, number);
            String work = cluster.awaitTask(cluster.b, number, SupportTicketDiagram.WORK_TASK);
            String mailId = "<s3-" + run + "-" + i + "@mail.umbrella.example>";
            mailIds.add(mailId);
            CyclicBarrier together = new CyclicBarrier(4);
            Future<?> mail = pool.submit(() -> {
                together.await();
                cluster.mail.deliver(MailServers.mail(Cluster.CUSTOMER, MailServers.SUPPORT, List.of(),
                        "Re: [" + number + "] " + IntakeWithKilledNode.ACKNOWLEDGEMENT, mailId, null,
                        "By mail: S3-" + run + "-mail-" + number), Cluster.CUSTOMER, MailServers.SUPPORT);
                return null;
            });
            Future<HttpResponse<String>> portal = pool.submit(() -> {
                together.await();
                return browser.reply(cluster.a, number, token, "On the portal: S3-" + run + "-portal-" + number);
            });
            Future<HttpResponse<String>> page = pool.submit(() -> {
                together.await();
                return browser.get(cluster.b, "/tickets/" + number);
            });
            Future<Desk.Response> agent = pool.submit(() -> {
                together.await();
                return cluster.complete(cluster.b, work, Map.of("action", "REPLY",
                        "reply", "From the agent: S3-" + run + "-agent-" + number));
            });
            mail.get();
            HttpResponse<String> portalResponse = portal.get();
            String location = portalResponse.headers().firstValue("Location").orElse("");
            if (portalResponse.statusCode() == 302 && location.contains("#message-")) {
                portalOk++;
            } else {
                refused.add(number + " portal " + portalResponse.statusCode());
            }
            if (page.get().statusCode() == 200) {
                sessionOk++;
            } else {
                refused.add(number + " page " + page.get().statusCode());
            }
            // the agent submits once, as in Tasklist: a completion that meets the other two must be accepted as it is
            Desk.Response agentResponse = agent.get();
            if (agentResponse.ok()) {
                agentOk++;
            } else {
                refused.add(number + " agent " + agentResponse.status() + " " + abbreviate(agentResponse.body()));
            }
        }
        pool.shutdown();

        boolean handled = Desk.await(Duration.ofMinutes(3), Duration.ofSeconds(1), () -> mailIds.stream().allMatch(id ->
                cluster.desk.count("select count(*) from inbound_mail where message_id = ? and status not in"
                        + " ('STORED', 'PROCESSING')", id) == 1));
        int allThree = 0;
        List<String> missing = new ArrayList<>();
        for (String number : numbers) {
            long mail = kept(cluster, "By mail: S3-" + run + "-mail-" + number, number);
            long portal = kept(cluster, "On the portal: S3-" + run + "-portal-" + number, number);
            long agent = kept(cluster, "From the agent: S3-" + run + "-agent-" + number, number);
            if (mail == 1 && portal == 1 && agent == 1) {
                allThree++;
            } else {
                missing.add(number + " mail " + mail + " portal " + portal + " agent " + agent);
            }
        }
        long failed = cluster.desk.count("select count(*) from inbound_mail where status = 'FAILED'");
        long processed = mailIds.stream().filter(id -> cluster.desk.count("select count(*) from inbound_mail where"
                + " message_id = ? and status = 'PROCESSED'", id) == 1).count();
        scenario.figure("tickets, each answered three ways at once", rounds)
                .figure("portal replies accepted (node A)", portalOk)
                .figure("pages of the same session served meanwhile (node B)", sessionOk)
                .figure("Work tasks completed by the agent (node B)", agentOk)
                .figure("mail replies processed", processed)
                .figure("tickets that kept all three", allThree)
                .figure("FAILED inbound mail", failed);
        scenario.check("all three kept on every ticket", allThree == rounds, missing.isEmpty() ? allThree + " of "
                        + rounds : String.join("; ", missing))
                .check("no call refused or failed (portal, session, agent)", refused.isEmpty(),
                        refused.isEmpty() ? "none" : String.join("; ", refused))
                .check("every mail reply PROCESSED, nothing FAILED", handled && processed == rounds && failed == 0,
                        processed + " processed, " + failed + " FAILED");
    }

    private static long kept(Cluster cluster, String text, String number) {
        return cluster.desk.count("select count(*) from ticket_message where body like ? and 'SD-' || ticket_id = ?",
                "%" + text + "%", number);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) : text;
    }
}
