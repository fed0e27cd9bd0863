package org.supportdesk.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.supportdesk.catalog.Product;
import org.supportdesk.calendar.BusinessCalendar;
import org.supportdesk.processes.SupportTicketDiagram;
import org.supportdesk.ticket.BusinessImpact;
import org.supportdesk.ticket.Channel;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.ticket.AuthorType;
import org.supportdesk.ticket.NewTicket;
import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.TicketNumber;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.ticket.Topic;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;

/**
 * N tickets PENDING since the same moment: move the engine clock to their first reminder and time the job executor
 * until every reminder mail has reached the SMTP server.
 */
final class TimerStorm {

    record Result(int tickets, double setupSeconds, double seconds, int delivered, int distinct, long lockingFailures,
                  long failedJobs) {
    }

    private TimerStorm() {
    }

    static Result run(ConfigurableApplicationContext app, String contact, int tickets) throws Exception {
        RuntimeService runtime = app.getBean(RuntimeService.class);
        ManagementService management = app.getBean(ManagementService.class);
        TicketRepository repository = app.getBean(TicketRepository.class);
        GreenMail greenMail = app.getBean(GreenMail.class);
        String org = contact.substring(contact.indexOf('@') + 1, contact.indexOf('.', contact.indexOf('@')));
        Instant pendingSince = Instant.parse("2030-01-08T15:00:00Z"); // a Tuesday, 10:00 in New York
        Instant due = app.getBean(BusinessCalendar.class).plusBusinessDays(pendingSince, 2,
                java.time.ZoneId.of("America/New_York"), "US");

        long setupStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int share = tickets / 4 + (t < tickets % 4 ? 1 : 0);
            work.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    pending(runtime, repository, org, contact, pendingSince);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        double setup = (System.nanoTime() - setupStart) / 1e9;
        if (app.getEnvironment().getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql")) {
            // a database that grew from nothing within seconds has no statistics yet; autovacuum would catch up
            app.getBean(JdbcTemplate.class).execute("analyze");
        }

        // the mail of earlier scenarios goes out first, so that only reminders are timed
        while (management.createJobQuery().executable().count() > 0) {
            Thread.sleep(500);
        }
        management.reportDbMetricsNow();
        long lockingBefore = metric(management, Metrics.JOB_ACQUIRED_FAILURE);
        long failedBefore = metric(management, Metrics.JOB_FAILED);
        greenMail.purgeEmailFromAllMailboxes();
        int mailsBefore = greenMail.getReceivedMessages().length;

        long start = System.nanoTime();
        ClockUtil.setCurrentTime(Date.from(due.plusSeconds(1)));
        long deadline = start + Duration.ofMinutes(10).toNanos();
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        // a mail is SENT once the SMTP server has accepted it: counting rows is cheap, the server's list is not
        while (System.nanoTime() < deadline && jdbc.queryForObject(
                "select count(*) from outbound_mail where template = 'reminder-1' and status = 'SENT'",
                Integer.class) < tickets) {
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(2000); // anything sent twice shows up now
        MimeMessage[] all = greenMail.getReceivedMessages();
        int reminders = 0;
        Set<String> ids = new HashSet<>();
        for (int i = mailsBefore; i < all.length; i++) {
            if (all[i].getSubject().contains("Reminder:")) {
                reminders++;
                ids.add(all[i].getMessageID());
            }
        }
        ClockUtil.reset();
        management.reportDbMetricsNow();
        return new Result(tickets, setup, seconds, reminders, ids.size(),
                metric(management, Metrics.JOB_ACQUIRED_FAILURE) - lockingBefore,
                metric(management, Metrics.JOB_FAILED) - failedBefore);
    }

    /** A ticket as the process leaves it after "ask for information": PENDING with its three timers. */
    private static void pending(RuntimeService runtime, TicketRepository repository, String org, String contact,
                                Instant since) {
        long id = repository.insert(new NewTicket(org, contact, "Storm Contact", Channel.WEB, Product.LIFECYCLE,
                Topic.CONFIGURATION, ConcernType.PROBLEM, "Storm ticket", "Waiting for the customer.", null, null,
                BusinessImpact.NORMAL, null, List.of(), null), Priority.NORMAL, since);
        repository.updateRouting(id, Priority.NORMAL, "team-lifecycle", null, since);
        repository.updateStatus(id, TicketStatus.PENDING, null, since);
        String number = TicketNumber.of(id);
        long question = repository.addMessage(id, "agent", "Alex Agent", AuthorType.AGENT, Channel.WEB,
                "Which version do you run?", since);
        VariableMap variables = Variables.createVariables()
                .putValue("ticketId", id).putValue("ticketNumber", number)
                .putValue("organizationId", org).putValue("organizationName", org)
                .putValue("channel", "WEB").putValue("product", "LIFECYCLE").putValue("topic", "CONFIGURATION")
                .putValue("concernType", "PROBLEM").putValue("businessImpact", "NORMAL")
                .putValue("summary", "Storm ticket")
                .putValue("status", "PENDING").putValue("closeReason", null).putValue("followUpOf", null)
                .putValue("assignee", "agent").putValue("priority", "NORMAL").putValue("team", "team-lifecycle")
                // the first-response watch is not what this scenario measures: due after the reminders
                .putValue("receivedAt", Date.from(since.plus(Duration.ofDays(14))))
                .putValue("firstRespondedAt", Date.from(since)).putValue("firstResponseBreached", false)
                .putValue("pendingSince", Date.from(since)).putValue("hasAttachments", false)
                .putValue("outageConfirmed", false).putValue("sev1Downgraded", false)
                .putValue("extendedSupport", false).putValue("agentMessageId", question);
        runtime.createProcessInstanceByKey(SupportTicketDiagram.PROCESS_KEY).businessKey(number).setVariables(variables)
                .startBeforeActivity("SubProcess_Pending").execute();
    }

    private static long metric(ManagementService management, String name) {
        return management.createMetricsQuery().name(name).sum();
    }

}
