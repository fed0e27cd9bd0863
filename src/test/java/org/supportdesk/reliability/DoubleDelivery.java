package org.supportdesk.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 2: every inbound mail delivered twice while both nodes poll the same mailboxes: one ticket or one reply
 * each. Some messages reach both mailboxes (Extended Support address in To, support@ in Cc), and so do replies to
 * them, which find their ticket by References alone.
 */
final class DoubleDelivery {

    private DoubleDelivery() {
    }

    private record Sent(String messageId, String token, String number, boolean reply) {
    }

    static void run(Cluster cluster, Results.Scenario scenario, int mails, List<String> openTickets) {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Sent> sent = new ArrayList<>();
        int newMails = mails / 2;
        int copiesBoth = Math.max(2, mails / 10);
        long start = System.nanoTime();
        // new requests, each delivered twice to support@ (the last ones to both mailboxes, twice each)
        for (int i = 0; i < newMails; i++) {
            String id = "<s2-" + run + "-" + i + "@mail.umbrella.example>";
            String token = "S2-" + run + "-new-" + i;
            boolean both = i >= newMails - copiesBoth;
            byte[] raw = MailServers.mail(Cluster.CUSTOMER, both ? MailServers.EXTENDED_SUPPORT : MailServers.SUPPORT,
                    both ? List.of(MailServers.SUPPORT) : List.of(), "S2 " + run + " new request " + i, id, null,
                    "Please help (" + token + ").");
            deliverTwice(cluster, raw, both);
            sent.add(new Sent(id, token, null, false));
        }
        // replies to open tickets (by [SD-n] in the subject), each delivered twice
        int replies = mails - newMails - copiesBoth;
        for (int i = 0; i < replies; i++) {
            String number = openTickets.get(i % openTickets.size());
            String id = "<s2-" + run + "-r" + i + "@mail.umbrella.example>";
            String token = "S2-" + run + "-reply-" + i;
            byte[] raw = MailServers.mail(Cluster.CUSTOMER, MailServers.SUPPORT, List.of(),
                    "Re: [" + number + "] " + IntakeWithKilledNode.ACKNOWLEDGEMENT, id, null,
                    "More details (" + token + ").");
            deliverTwice(cluster, raw, false);
            sent.add(new Sent(id, token, number, true));
        }
        // wait for the two-mailbox requests to have their tickets, then answer them by References only
        List<Sent> firstRound = List.copyOf(sent);
        boolean settled = Desk.await(Duration.ofMinutes(5), Duration.ofSeconds(1),
                () -> allSettled(cluster, firstRound));
        for (int i = newMails - copiesBoth; i < newMails; i++) {
            Sent request = sent.get(i);
            String id = "<s2-" + run + "-cr" + i + "@mail.umbrella.example>";
            String token = "S2-" + run + "-copy-reply-" + i;
            byte[] raw = MailServers.mail(Cluster.CUSTOMER, MailServers.EXTENDED_SUPPORT, List.of(MailServers.SUPPORT),
                    "Re: S2 " + run + " new request " + i, id, request.messageId(), "Still broken (" + token + ").");
            deliverTwice(cluster, raw, true);
            sent.add(new Sent(id, token, "of:" + request.messageId(), true));
        }
        settled &= Desk.await(Duration.ofMinutes(5), Duration.ofSeconds(1), () -> allSettled(cluster, sent));
        long elapsed = System.nanoTime() - start;

        int ticketsOk = 0;
        int repliesOk = 0;
        int duplicated = 0;
        int lost = 0;
        for (Sent mail : sent) {
            if (!mail.reply()) {
                long made = cluster.desk.count("select count(*) from ticket where origin_message_id = ?",
                        mail.messageId());
                if (made == 1) {
                    ticketsOk++;
                } else if (made == 0) {
                    lost++;
                } else {
                    duplicated++;
                }
            } else {
                long kept = cluster.desk.count("select count(*) from ticket_message where body like ?",
                        "%(" + mail.token() + ")%");
                long right = mail.number().startsWith("of:")
                        ? cluster.desk.count("select count(*) from ticket_message m join ticket t on t.id = m.ticket_id"
                        + " where m.body like ? and t.origin_message_id = ?", "%(" + mail.token() + ")%",
                        mail.number().substring(3))
                        : cluster.desk.count("select count(*) from ticket_message m where m.body like ? and"
                        + " 'SD-' || m.ticket_id = ?", "%(" + mail.token() + ")%", mail.number());
                if (kept == 1 && right == 1) {
                    repliesOk++;
                } else if (kept == 0 || right == 0) {
                    lost++;
                } else {
                    duplicated++;
                }
            }
        }
        long failed = cluster.desk.count("select count(*) from inbound_mail where status = 'FAILED'");
        long newCount = sent.stream().filter(s -> !s.reply()).count();
        long replyCount = sent.size() - newCount;
        scenario.figure("messages (each delivered twice)", sent.size())
                .figure("of them to both mailboxes (2 copies, each delivered twice)", copiesBoth * 2)
                .figure("deliveries at the server", sent.size() * 2 + copiesBoth * 4)
                .figure("new requests: one ticket each", ticketsOk + " of " + newCount)
                .figure("replies: one message on the right ticket each", repliesOk + " of " + replyCount)
                .figure("duplicated", duplicated)
                .figure("lost", lost)
                .figure("FAILED inbound mail", failed)
                .figure("time until all were handled", settled ? Results.seconds(elapsed) : "not within 10 min");
        scenario.check("each new request is exactly one ticket", ticketsOk == newCount, ticketsOk + " of " + newCount)
                .check("each reply is exactly one message on its ticket", repliesOk == replyCount,
                        repliesOk + " of " + replyCount)
                .check("nothing duplicated, nothing lost", duplicated == 0 && lost == 0,
                        duplicated + " duplicated, " + lost + " lost")
                .check("no inbound mail FAILED", failed == 0, failed + " FAILED");
    }

    private static void deliverTwice(Cluster cluster, byte[] raw, boolean bothMailboxes) {
        for (int copy = 0; copy < 2; copy++) {
            if (bothMailboxes) {
                cluster.mail.deliver(raw, Cluster.CUSTOMER, MailServers.SUPPORT, MailServers.EXTENDED_SUPPORT);
            } else {
                cluster.mail.deliver(raw, Cluster.CUSTOMER, MailServers.SUPPORT);
            }
        }
    }

    /** Every message stored and none waiting or being processed. */
    private static boolean allSettled(Cluster cluster, List<Sent> sent) {
        for (Sent mail : sent) {
            List<List<Object>> rows = cluster.desk.rows("select status from inbound_mail where message_id = ?",
                    mail.messageId());
            if (rows.isEmpty() || rows.stream().anyMatch(r -> r.get(0).equals("STORED")
                    || r.get(0).equals("PROCESSING"))) {
                return false;
            }
        }
        return true;
    }

}
