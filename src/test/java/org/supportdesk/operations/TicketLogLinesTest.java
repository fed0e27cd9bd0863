package org.supportdesk.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Issue #14: the log lines a ticket's process writes carry the ticket number (MDC {@code ticketNumber}). */
@SupportDeskTest
class TicketLogLinesTest {

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger workflow = (Logger) LoggerFactory.getLogger("org.supportdesk.ticket.TicketWorkflow");

    @BeforeEach
    void listen() {
        lines.start();
        workflow.addAppender(lines);
    }

    @AfterEach
    void stop() {
        workflow.detachAppender(lines);
    }

    @Test
    void theProcessStepsOfATicketLogItsNumber() {
        String rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
        String number = tickets.file(rita);
        tickets.triage(number, "HIGH", "team-lifecycle");

        assertThat(lines.list).filteredOn(line -> line.getFormattedMessage().startsWith("Routed to"))
                .extracting(line -> line.getMDCPropertyMap().get("ticketNumber"), ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(number, "Routed to team-lifecycle with priority NORMAL"),
                        org.assertj.core.groups.Tuple.tuple(number, "Routed to team-lifecycle with priority HIGH by agent"));
    }
}
