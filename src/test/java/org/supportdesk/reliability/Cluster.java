package org.supportdesk.reliability;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * What every scenario works with: the two nodes, the mail servers, the database, one customer organisation with its
 * owner (an authorized contact) and one agent in every team; and the calls a customer and an agent make.
 */
final class Cluster {

    static final String CUSTOMER = "owner@umbrella.example";
    static final String CUSTOMER_PASSWORD = "umbrella-owner-secret";
    static final String AGENT = "agent";
    static final String AGENT_PASSWORD = "reliability-agent-secret";
    private static final Pattern INVITATION = Pattern.compile("/invitations/([A-Za-z0-9_\\-]+)");

    final Node a;
    final Node b;
    final MailServers mail;
    final Desk desk;
    final boolean shortRun;

    Cluster(Node a, Node b, MailServers mail, Desk desk, boolean shortRun) {
        this.a = a;
        this.b = b;
        this.mail = mail;
        this.desk = desk;
        this.shortRun = shortRun;
    }

    Node other(Node node) {
        return node == a ? b : a;
    }

    /**
     * Production's way in: the administrator creates the agent (engine REST) and registers the organisation, its
     * licence and its owner (staff API); the owner chooses a password through the link of the invitation mail.
     */
    void setUp() {
        String admin = Node.ADMIN;
        String password = Node.ADMIN_PASSWORD;
        Desk.require("POST", a.url() + "/engine-rest/user/create", admin, password, Map.of(
                "profile", Map.of("id", AGENT, "firstName", "Ada", "lastName", "Agent",
                        "email", "agent@support.example"),
                "credentials", Map.of("password", AGENT_PASSWORD)));
        for (String group : List.of("support-agents", "team-repository", "team-lifecycle", "team-general",
                "team-accounts", "team-sev1")) {
            Desk.require("PUT", b.url() + "/engine-rest/group/" + group + "/members/" + AGENT, admin, password, null);
        }
        Desk.require("POST", a.url() + "/api/staff/organizations", admin, password, Map.of("id", "umbrella",
                "name", "Umbrella Corp", "timeZone", "America/New_York", "holidayRegion", "US"));
        Desk.require("PUT", b.url() + "/api/staff/organizations/umbrella/licences/UMB-RM-0001", admin, password,
                Map.of("product", "REPOSITORY_MANAGER", "expiresOn", "2099-12-31", "supportLevel", "STANDARD"));
        Desk.require("PUT", a.url() + "/api/staff/organizations/umbrella/licences/UMB-RM-0001/extended-support",
                admin, password, Map.of("expiresOn", "2099-12-31"));
        Desk.require("POST", a.url() + "/api/staff/organizations/umbrella/owners", admin, password, Map.of(
                "email", CUSTOMER, "name", "Uma Owner", "authorizedContact", true));
        String[] token = new String[1];
        if (!Desk.await(Duration.ofMinutes(2), Duration.ofMillis(500), () -> {
            token[0] = invitationToken().orElse(null);
            return token[0] != null;
        })) {
            throw new IllegalStateException("no invitation mail reached " + CUSTOMER);
        }
        Desk.require("POST", b.url() + "/api/invitations/" + token[0], null, null,
                Map.of("password", CUSTOMER_PASSWORD));
    }

    private Optional<String> invitationToken() {
        var user = mail.greenMail.getUserManager().getUserByEmail(CUSTOMER);
        if (user == null) {
            return Optional.empty();
        }
        try {
            var inbox = mail.greenMail.getManagers().getImapHostManager().getInbox(user);
            for (var stored : MailServers.snapshot(inbox)) {
                String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(stored.getMimeMessage())
                        .replace("=\r\n", "").replace("=3D", "=");
                Matcher matcher = INVITATION.matcher(body);
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException(e);
        }
        return Optional.empty();
    }

    static Map<String, Object> ticketRequest(String summary) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("product", "REPOSITORY_MANAGER");
        request.put("topic", "CONFIGURATION");
        request.put("concernType", "PROBLEM");
        request.put("summary", summary);
        request.put("description", "Filed by the reliability harness: " + summary);
        return request;
    }

    /** POST /api/tickets on {@code node} with the key; IOException when the call broke. */
    Desk.Response file(Node node, String key, String summary) throws IOException {
        return Desk.call("POST", node.url() + "/api/tickets", CUSTOMER, CUSTOMER_PASSWORD, ticketRequest(summary),
                Map.of("Idempotency-Key", key));
    }

    /** What a careful client does: on a broken call or a 5xx, the same call with the same key on the other node. */
    record Filed(String number, int attempts, int failedCalls) {
    }

    Filed fileWithRetries(Node first, String key, String summary) {
        Node node = first;
        int failed = 0;
        for (int attempt = 1; attempt <= 20; attempt++) {
            try {
                Desk.Response response = file(node, key, summary);
                if (response.status() == 201) {
                    return new Filed(response.json().get("number").asText(), attempt, failed);
                }
                if (response.status() < 500 && response.status() != 409) {
                    throw new IllegalStateException("ticket refused: " + response.status() + " " + response.body());
                }
            } catch (IOException broken) {
                // the node died under the call, or refuses connections: try the other
            }
            failed++;
            node = other(node);
            Desk.pause(Math.min(2000, 100L * attempt));
        }
        throw new IllegalStateException("ticket " + key + " not filed after 20 attempts");
    }

    /** The open user task of the ticket's process with this definition key, or null. */
    String task(Node node, String number, String taskKey) {
        try {
            Desk.Response response = Desk.call("GET", node.url() + "/engine-rest/task?processInstanceBusinessKey="
                    + URLEncoder.encode(number, StandardCharsets.UTF_8) + "&taskDefinitionKey=" + taskKey, AGENT,
                    AGENT_PASSWORD, null);
            if (!response.ok()) {
                return null;
            }
            JsonNode tasks = response.json();
            return tasks.isEmpty() ? null : tasks.get(0).get("id").asText();
        } catch (IOException e) {
            return null;
        }
    }

    String awaitTask(Node node, String number, String taskKey) {
        String[] id = new String[1];
        if (!Desk.await(Duration.ofMinutes(2), Duration.ofMillis(200), () -> {
            id[0] = task(node, number, taskKey);
            return id[0] != null;
        })) {
            throw new IllegalStateException("no " + taskKey + " task for " + number);
        }
        return id[0];
    }

    /** The agent submits a task's form over the engine REST API with these values, as Tasklist does. */
    Desk.Response complete(Node node, String taskId, Map<String, String> values) throws IOException {
        Map<String, Object> variables = new HashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value, "type", "String")));
        return Desk.call("POST", node.url() + "/engine-rest/task/" + taskId + "/submit-form", AGENT, AGENT_PASSWORD,
                Map.of("variables", variables));
    }

    /** Triage: the ticket goes OPEN and waits in the Work task. */
    void triage(Node node, String number) {
        String task = awaitTask(node, number, SupportTicketDiagram.TRIAGE_TASK);
        requireOk(() -> complete(node, task, Map.of("priority", "NORMAL", "team", "team-repository")));
        awaitTask(node, number, SupportTicketDiagram.WORK_TASK);
    }

    /** Triage, then the agent asks for information: the ticket is PENDING with its reminder timers. */
    void makePending(Node node, String number) {
        triage(node, number);
        String work = awaitTask(node, number, SupportTicketDiagram.WORK_TASK);
        requireOk(() -> complete(node, work, Map.of("action", "REQUEST_INFO",
                "reply", "Which version do you run? (" + number + ")")));
    }

    interface Call {
        Desk.Response run() throws IOException;
    }

    static void requireOk(Call call) {
        try {
            Desk.Response response = call.run();
            if (!response.ok()) {
                throw new IllegalStateException(response.status() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The copies the server holds in the customer's mailbox whose subject contains {@code marker}, by ticket. */
    Map<String, List<MailServers.Received>> customerMailsBy(String marker) {
        Map<String, List<MailServers.Received>> byTicket = new HashMap<>();
        Pattern number = Pattern.compile("\\[(SD-\\d+)]");
        for (MailServers.Received received : mail.receivedBy(CUSTOMER)) {
            if (received.subject() != null && received.subject().contains(marker)) {
                Matcher matcher = number.matcher(received.subject());
                if (matcher.find()) {
                    byTicket.computeIfAbsent(matcher.group(1), k -> new java.util.ArrayList<>()).add(received);
                }
            }
        }
        return byTicket;
    }
}
