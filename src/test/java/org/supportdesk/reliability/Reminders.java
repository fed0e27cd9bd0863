package org.supportdesk.reliability;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * PENDING tickets made the way agents make them, and their first-reminder timers moved over the engine REST API
 * (a real JVM's engine clock cannot be moved: the timers' due dates are).
 */
final class Reminders {

    static final String REMINDER = "Reminder: we are waiting for your answer";
    private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private Reminders() {
    }

    /** Files {@code count} tickets through the given nodes (4 clients) and makes each PENDING; their numbers. */
    static List<String> pending(Cluster cluster, List<Node> nodes, String prefix, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<String>> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            made.add(clients.submit(() -> {
                Node node = nodes.get(n % nodes.size());
                String key = prefix.replace(' ', '-') + "-" + n;
                String number = cluster.fileWithRetries(node, key, prefix + " ticket " + n).number();
                cluster.makePending(node, number);
                return number;
            }));
        }
        List<String> numbers = new ArrayList<>();
        for (Future<String> f : made) {
            numbers.add(f.get());
        }
        clients.shutdown();
        return numbers;
    }

    /** The ids of the first-reminder timer jobs of these tickets (engine REST). */
    static List<String> firstReminderJobs(Cluster cluster, Node node, Collection<String> numbers) {
        Set<String> instances = new HashSet<>();
        Set<String> wanted = new HashSet<>(numbers);
        for (List<Object> row : cluster.desk.rows("select id_, business_key_ from act_ru_execution where parent_id_"
                + " is null and business_key_ like 'SD-%'")) {
            if (wanted.contains((String) row.get(1))) {
                instances.add((String) row.get(0));
            }
        }
        JsonNode jobs = Desk.require("GET", node.url() + "/engine-rest/job?activityId=Timer_FirstReminder&timers=true"
                + "&maxResults=1000000", Node.ADMIN, Node.ADMIN_PASSWORD, null).json();
        List<String> ids = new ArrayList<>();
        for (JsonNode job : jobs) {
            if (instances.contains(job.get("processInstanceId").asText())) {
                ids.add(job.get("id").asText());
            }
        }
        return ids;
    }

    /** Sets each job's due date to {@code due} (4 clients, spread over the nodes). */
    static void setDue(Cluster cluster, List<Node> nodes, List<String> jobs, Instant due) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        String date = ENGINE_DATE.format(due);
        for (int i = 0; i < jobs.size(); i++) {
            String job = jobs.get(i);
            Node node = nodes.get(i % nodes.size());
            work.add(clients.submit(() -> {
                for (int attempt = 0; ; attempt++) {
                    try {
                        Desk.Response response = Desk.call("PUT", node.url() + "/engine-rest/job/" + job + "/duedate",
                                Node.ADMIN, Node.ADMIN_PASSWORD, Map.of("duedate", date));
                        if (response.ok() || attempt >= 5) {
                            return response.status();
                        }
                    } catch (IOException e) {
                        if (attempt >= 5) {
                            throw e;
                        }
                    }
                    Desk.pause(200);
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        clients.shutdown();
    }

    /** Reminder mails at the server per ticket: [copies, distinct Message-IDs, tickets with none, with two ids]. */
    static int[] atServer(Cluster cluster, Collection<String> numbers) {
        Map<String, List<MailServers.Received>> reminders = cluster.customerMailsBy(REMINDER);
        int copies = 0;
        int ids = 0;
        int missing = 0;
        int twice = 0;
        for (String number : numbers) {
            List<MailServers.Received> got = reminders.getOrDefault(number, List.of());
            copies += got.size();
            long distinct = got.stream().map(MailServers.Received::messageId).distinct().count();
            ids += (int) distinct;
            missing += got.isEmpty() ? 1 : 0;
            twice += distinct > 1 ? 1 : 0;
        }
        return new int[]{copies, ids, missing, twice};
    }

    static String sqlList(Collection<String> numbers) {
        StringBuilder ids = new StringBuilder();
        for (String number : numbers) {
            ids.append(ids.length() == 0 ? "" : ",").append(Long.parseLong(number.substring(3)));
        }
        return ids.length() == 0 ? "-1" : ids.toString();
    }
}
