package org.supportdesk.operations;

import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import org.supportdesk.inbound.InboundMailRepository;
import org.supportdesk.inbound.InboundStatus;
import org.supportdesk.mail.OutboundMailRepository;
import org.supportdesk.ticket.TicketReportRepository;
import org.supportdesk.ticket.TicketStatus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.supportdesk.processes.MailDeliveryDiagram;

/**
 * What an operator watches, at {@code /actuator/prometheus} (staff login): tickets by status and first-response
 * breaches, mail waiting to go out and mail that could not be delivered, inbound mail by status, and the engine's
 * due jobs, jobs out of retries and incidents. Each is counted in the database when Prometheus scrapes (a handful
 * of indexed counts, each by the repository of the feature whose table it is); the intake's latency is the timer
 * {@code supportdesk.intake} ({@code ticket/TicketIntake}).
 */
@Component
class DeskMetrics implements MeterBinder {

    static final List<TicketStatus> TICKET_STATUSES = List.of(TicketStatus.values());
    /** Outbound: waiting for the dispatcher, being sent, handed to the mail-delivery process's retries. */
    static final List<String> OUTBOUND_STATUSES = List.of("QUEUED", "SENDING", "DELEGATED");
    static final List<InboundStatus> INBOUND_STATUSES = List.of(InboundStatus.values());

    private final TicketReportRepository tickets;
    private final OutboundMailRepository outbound;
    private final InboundMailRepository inbound;
    private final ManagementService management;
    private final RuntimeService runtime;

    DeskMetrics(TicketReportRepository tickets, OutboundMailRepository outbound, InboundMailRepository inbound,
                ManagementService management, RuntimeService runtime) {
        this.tickets = tickets;
        this.outbound = outbound;
        this.inbound = inbound;
        this.management = management;
        this.runtime = runtime;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TicketStatus status : TICKET_STATUSES) {
            Gauge.builder("supportdesk.tickets", () -> tickets.countWithStatus(status))
                    .tag("status", status.name()).description("Tickets by status").register(registry);
        }
        Gauge.builder("supportdesk.tickets.first.response.breached", tickets::countFirstResponseBreached)
                .description("Tickets whose first-response target passed without an answer (R11), open and closed")
                .register(registry);
        for (String status : OUTBOUND_STATUSES) {
            Gauge.builder("supportdesk.mail.outbound", () -> outbound.countWithStatus(status))
                    .tag("status", status).description("Mail to send, by status").register(registry);
        }
        Gauge.builder("supportdesk.mail.outbound.undeliverable",
                        () -> runtime.createIncidentQuery().processDefinitionKeyIn(MailDeliveryDiagram.PROCESS_KEY).count())
                .description("Mail the mail-delivery process gave up on (an incident each, retried from Cockpit)")
                .register(registry);
        for (InboundStatus status : INBOUND_STATUSES) {
            Gauge.builder("supportdesk.mail.inbound", () -> inbound.countWithStatus(status))
                    .tag("status", status.name()).description("Received mail by status").register(registry);
        }
        Gauge.builder("supportdesk.engine.jobs.due", () -> management.createJobQuery().executable().count())
                .description("Jobs due and runnable now (the job executor's backlog)").register(registry);
        Gauge.builder("supportdesk.engine.jobs.failed", () -> management.createJobQuery().noRetriesLeft().count())
                .description("Jobs out of retries (each has an incident)").register(registry);
        Gauge.builder("supportdesk.engine.incidents", () -> runtime.createIncidentQuery().count())
                .description("Open incidents in every process").register(registry);
    }
}
