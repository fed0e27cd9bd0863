package org.supportdesk.operations;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * What an operator watches, at {@code /actuator/prometheus} (staff login): tickets by status and first-response
 * breaches, mail waiting to go out and mail that could not be delivered, inbound mail by status, and the engine's
 * due jobs, jobs out of retries and incidents. Each is counted in the database when Prometheus scrapes (a handful
 * of indexed counts); the intake's latency is the timer {@code supportdesk.intake} ({@code ticket/TicketIntake}).
 */
@Component
class DeskMetrics implements MeterBinder {

    static final List<String> TICKET_STATUSES = List.of("NEW", "OPEN", "PENDING", "CLOSED");
    /** Outbound: waiting for the dispatcher, being sent, handed to the mail-delivery process's retries. */
    static final List<String> OUTBOUND_STATUSES = List.of("QUEUED", "SENDING", "DELEGATED");
    static final List<String> INBOUND_STATUSES = List.of("STORED", "PROCESSING", "PROCESSED", "IGNORED", "REFUSED",
            "UNVERIFIED", "FAILED");
    static final String MAIL_PROCESS = "mail-delivery";

    private final JdbcClient jdbc;
    private final ManagementService management;
    private final RuntimeService runtime;

    DeskMetrics(JdbcClient jdbc, ManagementService management, RuntimeService runtime) {
        this.jdbc = jdbc;
        this.management = management;
        this.runtime = runtime;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String status : TICKET_STATUSES) {
            Gauge.builder("supportdesk.tickets", () -> count("select count(*) from ticket where status = ?", status))
                    .tag("status", status).description("Tickets by status").register(registry);
        }
        Gauge.builder("supportdesk.tickets.first.response.breached",
                        () -> count("select count(*) from ticket where first_response_breached = ?", true))
                .description("Tickets whose first-response target passed without an answer (R11), open and closed")
                .register(registry);
        for (String status : OUTBOUND_STATUSES) {
            Gauge.builder("supportdesk.mail.outbound",
                            () -> count("select count(*) from outbound_mail where status = ?", status))
                    .tag("status", status).description("Mail to send, by status").register(registry);
        }
        Gauge.builder("supportdesk.mail.outbound.undeliverable",
                        () -> runtime.createIncidentQuery().processDefinitionKeyIn(MAIL_PROCESS).count())
                .description("Mail the mail-delivery process gave up on (an incident each, retried from Cockpit)")
                .register(registry);
        for (String status : INBOUND_STATUSES) {
            Gauge.builder("supportdesk.mail.inbound",
                            () -> count("select count(*) from inbound_mail where status = ?", status))
                    .tag("status", status).description("Received mail by status").register(registry);
        }
        Gauge.builder("supportdesk.engine.jobs.due", () -> management.createJobQuery().executable().count())
                .description("Jobs due and runnable now (the job executor's backlog)").register(registry);
        Gauge.builder("supportdesk.engine.jobs.failed", () -> management.createJobQuery().noRetriesLeft().count())
                .description("Jobs out of retries (each has an incident)").register(registry);
        Gauge.builder("supportdesk.engine.incidents", () -> runtime.createIncidentQuery().count())
                .description("Open incidents in every process").register(registry);
    }

    private long count(String sql, Object value) {
        return jdbc.sql(sql).param(value).query(Long.class).single();
    }
}
