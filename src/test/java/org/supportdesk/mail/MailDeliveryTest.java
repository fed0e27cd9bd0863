package org.supportdesk.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketStatus;

import com.icegreen.greenmail.util.GreenMail;
import org.supportdesk.processes.MailDeliveryDiagram;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * Q2: while the SMTP server cannot take mail, mail waits and goes out once when the server is back; each mail is
 * marked sent the moment the server took it; a node that stopped leaves its mail to another. A mail the server
 * refuses for good goes to the mail-delivery process, is retried there (R5/PT1M) and, when the retries run out,
 * waits as a Cockpit incident until someone retries it; the ticket carries on meanwhile.
 */
@SupportDeskTest
class MailDeliveryTest {

    private static final int RETRIES = 5;

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired TicketRepository ticketRepository;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired JavaMailSenderImpl mailSender;
    @Autowired JdbcClient jdbc;
    @Autowired GreenMail greenMail;
    @Autowired MailDispatcher dispatcher;
    @Autowired org.supportdesk.dashboard.Dashboard dashboard;
    @LocalServerPort int port;

    private int smtpPort;
    private String requester;

    @BeforeEach
    void organisation() {
        smtpPort = mailSender.getPort();
        EngineTime.newYork("2026-12-01T10:00"); // a Tuesday
        requester = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
    }

    private FakeSmtpServer fake;

    @AfterEach
    void restoreMailServer() throws IOException {
        mailSender.setPort(smtpPort);
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void whileTheMailServerIsUnreachableMailWaitsAndGoesOutOnceWhenItIsBack() {
        mailServerDown();
        String number = tickets.file(requester);

        dispatcher.sendDue();

        assertThat(outboundStatus(number, "acknowledgement")).isEqualTo("QUEUED");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(MailDeliveryDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(number).count()).as("no delivery process, no incident").isZero();
        assertThat(jdbc.sql("select last_error from outbound_mail where ticket_id = ? and template = 'acknowledgement'")
                .param(ticketId(number)).query(String.class).single()).contains("ConnectException");
        mailServerUp();
        dispatcher.sendDue();
        assertThat(outboundStatus(number, "acknowledgement")).as("waits for its retry").isEqualTo("QUEUED");

        EngineTime.set(EngineTime.now().plusSeconds(16));

        assertThat(mailbox.to(requester)).extracting(Mailbox.Mail::subject)
                .containsExactly("[" + number + "] We received your request: Policy evaluation fails");
        assertThat(outboundStatus(number, "acknowledgement")).isEqualTo("SENT");
    }

    @Test
    void eachMailIsMarkedSentAsSoonAsTheServerTookItSoNoneGoesTwiceWhenTheServerDiesMidBatch() throws IOException {
        String first = tickets.file(requester);
        String second = tickets.file(requester);
        String third = tickets.file(requester);
        fake = FakeSmtpServer.dyingAfter(2);
        mailSender.setPort(fake.port());

        dispatcher.sendDue();

        assertThat(fake.accepted()).isEqualTo(2);
        List<String> statuses = jdbc.sql("select status from outbound_mail where ticket_id in (?, ?, ?) order by id")
                .params(ticketId(first), ticketId(second), ticketId(third)).query(String.class).list();
        assertThat(statuses).hasSize(6).startsWith("SENT", "SENT");
        assertThat(statuses.subList(2, 6)).containsOnly("QUEUED");
        mailServerUp();
        EngineTime.set(EngineTime.now().plusSeconds(16));
        dispatcher.sendDue();

        assertThat(jdbc.sql("select count(*) from outbound_mail where ticket_id in (?, ?, ?) and status = 'SENT'")
                .params(ticketId(first), ticketId(second), ticketId(third)).query(Integer.class).single()).isEqualTo(6);
        assertThat(greenMail.getReceivedMessages()).extracting(m -> m.getMessageID())
                .as("the four mails the dead server did not take, each once").doesNotHaveDuplicates()
                .containsAll(jdbc.sql("select message_id from outbound_mail where ticket_id in (?, ?, ?) order by id")
                        .params(ticketId(first), ticketId(second), ticketId(third)).query(String.class).list()
                        .subList(2, 6));
    }

    @Test
    void mailClaimedByANodeThatStoppedGoesOutFromThisOne() {
        String number = tickets.file(requester);
        jdbc.sql("update outbound_mail set status = 'SENDING', claimed_by = 'a-node-that-was-killed' where ticket_id = ?")
                .param(ticketId(number)).update();

        assertThat(mailbox.to(requester)).hasSize(1);
        assertThat(outboundStatus(number, "acknowledgement")).isEqualTo("SENT");
    }

    @Test
    void mailClaimedByANodeThatIsAliveIsLeftToIt() {
        String number = tickets.file(requester);
        jdbc.sql("insert into cluster_node (node_id, host, started_at, heartbeat_at) values ('busy-node', 'elsewhere', ?, ?)")
                .params(java.time.OffsetDateTime.now(), java.time.OffsetDateTime.now()).update();
        jdbc.sql("update outbound_mail set status = 'SENDING', claimed_by = 'busy-node' where ticket_id = ?")
                .param(ticketId(number)).update();
        try {
            dispatcher.sendDue();

            assertThat(outboundStatus(number, "acknowledgement")).isEqualTo("SENDING");
        } finally {
            jdbc.sql("delete from cluster_node where node_id = 'busy-node'").update();
            jdbc.sql("update outbound_mail set status = 'SENT' where ticket_id = ?").param(ticketId(number)).update();
        }
    }

    @Test
    void aFailedSendIsRetriedAMinuteLater() {
        String number = tickets.file(requester);
        mailServerRefusesTheRecipient();
        Job job = acknowledgementJob(number);
        Instant before = EngineTime.now(); // the engine clock keeps running from where it was set

        assertThatThrownBy(() -> management.executeJob(job.getId()))
                .hasMessageContaining("The SMTP server did not accept mail").hasMessageContaining("No such user here")
                .hasMessageContaining("Retry sends the mail again");

        Instant after = EngineTime.now();
        Job retry = job(job.getId());
        assertThat(retry.getRetries()).isEqualTo(RETRIES - 1);
        assertThat(retry.getDuedate().toInstant()).isBetween(before.plus(Duration.ofMinutes(1)),
                after.plus(Duration.ofMinutes(1)));
        assertThat(retry.getExceptionMessage()).isNotBlank();
        assertThat(management.createJobQuery().jobId(retry.getId()).executable().count())
                .as("not due before the minute is over").isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(retry.getProcessInstanceId()).count()).isZero();
        // (not Mailbox.to: it would run every due job while the mail server is down)
        assertThat(greenMail.getReceivedMessagesForDomain(requester.substring(requester.indexOf('@') + 1))).isEmpty();
        assertThat(outboundStatus(number, "acknowledgement")).isEqualTo("DELEGATED");
        assertThat(dashboard.undeliverable().rows()).as("the managers' dashboard lists it")
                .filteredOn(row -> row.get(1).equals(number) && row.get(2).equals("acknowledgement")).singleElement()
                .satisfies(row -> assertThat(row.subList(3, 5)).as("the server's answer, no exception text")
                        .containsExactly(requester, "550 5.1.1 No such user here"));
    }

    @Test
    void whenTheRetriesRunOutTheMailShowsAsAnIncident() {
        String number = tickets.file(requester);
        mailServerRefusesTheRecipient();
        Job job = acknowledgementJob(number);

        int attempts = failUntilRetriesRunOut(job);

        assertThat(attempts).isEqualTo(RETRIES);
        assertThat(job(job.getId()).getRetries()).isZero();
        Incident incident = runtime.createIncidentQuery().processInstanceId(job.getProcessInstanceId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo("Task_DeliverMail");
        assertThat(incident.getConfiguration()).isEqualTo(job.getId());
        ProcessInstance delivery = runtime.createProcessInstanceQuery().processInstanceId(job.getProcessInstanceId())
                .singleResult();
        assertThat(delivery.getBusinessKey()).as("Cockpit names the delivery by its ticket").isEqualTo(number);
    }

    @Test
    void theTicketCarriesOnWhileItsMailCannotBeSent() {
        String number = tickets.file(requester);
        mailServerRefusesTheRecipient();

        failUntilRetriesRunOut(acknowledgementJob(number));

        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.TRIAGE_TASK);
        assertThat(ticketRepository.findByNumber(number).orElseThrow().status()).isEqualTo(TicketStatus.NEW);
        assertThat(runtime.createIncidentQuery().processInstanceId(tickets.process(number).getId()).count()).isZero();

        tickets.triage(number, "HIGH", "team-lifecycle");

        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK);
        assertThat(ticketRepository.findByNumber(number).orElseThrow().status()).isEqualTo(TicketStatus.OPEN);
    }

    @Test
    void retryingTheIncidentSendsTheMailOnce() {
        String number = tickets.file(requester);
        mailServerRefusesTheRecipient();
        Job job = acknowledgementJob(number);
        failUntilRetriesRunOut(job);
        mailServerUp();

        management.setJobRetries(job.getId(), 1); // what Cockpit's "Retry" does
        management.executeJob(job.getId());

        List<Mailbox.Mail> mails = mailbox.to(requester);
        assertThat(mails).extracting(Mailbox.Mail::subject)
                .containsExactly("[" + number + "] We received your request: Policy evaluation fails");
        assertThat(runtime.createIncidentQuery().processInstanceId(job.getProcessInstanceId()).count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(job.getProcessInstanceId()).count())
                .as("delivery finished").isZero();
        assertThat(outboundStatus(number, "acknowledgement")).isEqualTo("SENT");
    }

    @Test
    void aManagerRetriesTheIncidentOverTheEngineApiAsCockpitDoes() throws Exception {
        String number = tickets.file(requester);
        mailServerRefusesTheRecipient();
        Job job = acknowledgementJob(number);
        failUntilRetriesRunOut(job);
        mailServerUp();

        HttpResponse<String> incidents = engineRest("GET",
                "/engine-rest/incident?processInstanceId=" + job.getProcessInstanceId(), null);
        assertThat(incidents.statusCode()).isEqualTo(200);
        assertThat(incidents.body()).contains("\"incidentType\":\"failedJob\"").contains(job.getId());

        HttpResponse<String> retry = engineRest("PUT", "/engine-rest/job/" + job.getId() + "/retries",
                "{\"retries\":1}");
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(204);
        assertThat(runtime.createIncidentQuery().processInstanceId(job.getProcessInstanceId()).count()).isZero();
        Job retried = job(job.getId());
        if (retried.getDuedate() != null && retried.getDuedate().toInstant().isAfter(EngineTime.now())) {
            EngineTime.set(retried.getDuedate().toInstant()); // the job executor picks it up when due
        }

        assertThat(mailbox.to(requester)).extracting(Mailbox.Mail::subject)
                .containsExactly("[" + number + "] We received your request: Policy evaluation fails");
        assertThat(outboundStatus(number, "acknowledgement")).isEqualTo("SENT");
    }

    @Test
    void aMailAlreadySentIsNotSentAgainWhenItsDeliveryRunsTwice() {
        String number = tickets.file(requester);
        assertThat(mailbox.to(requester)).hasSize(1);
        long mailId = outboundId(number, "acknowledgement");

        // a second delivery of the same stored mail, as after a job that ran twice
        runtime.createProcessInstanceByKey(MailDeliveryDiagram.PROCESS_KEY).businessKey(number).setVariable("mailId", mailId)
                .setVariable("template", "acknowledgement").execute();

        assertThat(mailbox.to(requester)).hasSize(1);
        assertThat(outboundStatus(number, "acknowledgement")).isEqualTo("SENT");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(MailDeliveryDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(number).count()).as("deliveries left over").isZero();
    }

    /** Runs the job each time it comes due until the engine gives up; returns how often it ran. */
    private int failUntilRetriesRunOut(Job job) {
        int attempts = 0;
        List<Integer> retriesSeen = new ArrayList<>();
        Job current = job;
        while (current.getRetries() > 0 && attempts < 20) {
            if (current.getDuedate() != null && current.getDuedate().toInstant().isAfter(EngineTime.now())) {
                EngineTime.set(current.getDuedate().toInstant());
            }
            String id = current.getId();
            assertThatThrownBy(() -> management.executeJob(id)).isInstanceOf(RuntimeException.class);
            attempts++;
            current = job(id);
            retriesSeen.add(current.getRetries());
        }
        assertThat(retriesSeen).as("retries count down").isSortedAccordingTo((a, b) -> b - a).doesNotHaveDuplicates();
        return attempts;
    }

    private Job acknowledgementJob(String number) {
        dispatcher.sendDue(); // the first attempt fails and hands the mail to the mail-delivery process
        ProcessInstance delivery = runtime.createProcessInstanceQuery().processDefinitionKey(MailDeliveryDiagram.PROCESS_KEY)
                .processInstanceBusinessKey(number).variableValueEquals("template", "acknowledgement").singleResult();
        assertThat(delivery).as("acknowledgement delivery of " + number).isNotNull();
        return management.createJobQuery().processInstanceId(delivery.getId()).singleResult();
    }

    private Job job(String id) {
        return management.createJobQuery().jobId(id).singleResult();
    }

    private String outboundStatus(String number, String template) {
        return jdbc.sql("select status from outbound_mail where ticket_id = ? and template = ?")
                .params(ticketId(number), template).query(String.class).single();
    }

    private long outboundId(String number, String template) {
        return jdbc.sql("select id from outbound_mail where ticket_id = ? and template = ?")
                .params(ticketId(number), template).query(Long.class).single();
    }

    private long ticketId(String number) {
        return ticketRepository.findByNumber(number).orElseThrow().id();
    }

    private void mailServerDown() {
        try (ServerSocket socket = new ServerSocket(0)) {
            mailSender.setPort(socket.getLocalPort()); // closed again at once: connections are refused
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void mailServerRefusesTheRecipient() {
        try {
            fake = FakeSmtpServer.refusingRecipients();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        mailSender.setPort(fake.port());
    }

    private void mailServerUp() {
        mailSender.setPort(smtpPort);
    }

    private HttpResponse<String> engineRest(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("manager:manager".getBytes(StandardCharsets.UTF_8)));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
