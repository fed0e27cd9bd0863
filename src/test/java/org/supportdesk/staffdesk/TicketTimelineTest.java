package org.supportdesk.staffdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.TicketRepository;
import org.supportdesk.processes.SupportTicketDiagram;

/** The timeline of a ticket that went through triage, PENDING, a reminder, the customer's reply and solving. */
@SupportDeskTest
class TicketTimelineTest {

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Jobs jobs;
    @Autowired Mailbox mailbox;
    @Autowired TicketRepository repository;
    @Autowired TicketTimeline timeline;
    @Autowired StaffDesk desk;

    @Test
    void statusChangesAssigneeReminderAndFirstResponseInOrder() {
        String rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
        EngineTime.setNewYork("2026-12-01T10:00"); // Tuesday
        String number = tickets.file(rita);
        String process = tickets.process(number).getId();
        EngineTime.setNewYork("2026-12-01T10:30");
        tickets.triage(number, "NORMAL", "team-lifecycle");
        EngineTime.setNewYork("2026-12-01T11:00");
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        EngineTime.setNewYork("2026-12-01T11:05");
        desk.addNote(number, "agent", "Asked for the version.");

        List<TicketTimeline.Event> pending = timeline.of(repository.findByNumber(number).orElseThrow());
        assertThat(pending).filteredOn(e -> e.kind().equals(TicketTimeline.FIRST_RESPONSE))
                .extracting(TicketTimeline.Event::text, TicketTimeline.Event::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("First response given within the target",
                                EngineTime.newYork("2026-12-01T11:00")),
                        org.assertj.core.groups.Tuple.tuple("First-response target (due)",
                                EngineTime.newYork("2026-12-02T10:00"))); // 8 business hours

        jobs.fire(jobs.timer(process, SupportTicketDiagram.FIRST_RESPONSE_TIMER));
        jobs.fire(jobs.timer(process, "Timer_FirstReminder"));
        mailbox.deliver();
        EngineTime.setNewYork("2026-12-03T12:00");
        tickets.reply(rita, number, "We run 3.70.1.");
        EngineTime.setNewYork("2026-12-03T13:00");
        tickets.work(number, "SOLVE", "Upgrade to 3.71.");

        List<TicketTimeline.Event> events = timeline.of(repository.findByNumber(number).orElseThrow());

        assertThat(events).extracting(TicketTimeline.Event::text).containsSubsequence(
                "Filed by rita (web): status NEW",
                "Routed to team-lifecycle, priority NORMAL (R10, R11)",
                "Triage ticket: assigned to agent",
                "Triage ticket completed by agent",
                "Status OPEN",
                "Support wrote in the conversation",
                "Work ticket completed by agent",
                "Status PENDING: information asked for",
                "Internal note",
                "First-response target reached",
                "First-response target met",
                "Reminder 1 sent to the customer",
                "Customer wrote in the conversation",
                "Status OPEN again: the customer replied",
                "Status CLOSED: solved");
        assertThat(events).extracting(TicketTimeline.Event::text).doesNotContain("Work ticket: assigned to agent",
                "Reminder 2 sent to the customer", "First-response target breached; managers told");
        assertThat(events).filteredOn(e -> e.text().equals("Reminder 1 sent to the customer"))
                .extracting(TicketTimeline.Event::at).containsExactly(EngineTime.newYork("2026-12-03T11:00"));
        assertThat(events).filteredOn(e -> e.text().equals("Status CLOSED: solved"))
                .extracting(TicketTimeline.Event::at).containsExactly(EngineTime.newYork("2026-12-03T13:00"));
        assertThat(events).extracting(TicketTimeline.Event::text).doesNotContain("Asked for the version.");
    }

    @Test
    void triageAndReTriageShowTheOldAndTheNewTeamAndPriorityAndWhoChangedThem() {
        String rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(rita);
        EngineTime.setNewYork("2026-12-01T10:30");
        tickets.triage(number, "HIGH", "team-lifecycle");
        EngineTime.setNewYork("2026-12-01T11:00");
        tickets.complete(number, Map.of("action", "RETRIAGE", "newPriority", "URGENT", "newTeam", "team-repository"));

        List<TicketTimeline.Event> routing = timeline.of(repository.findByNumber(number).orElseThrow()).stream()
                .filter(e -> e.kind().equals(TicketTimeline.ROUTING)).toList();

        assertThat(routing).extracting(TicketTimeline.Event::text, TicketTimeline.Event::actor,
                TicketTimeline.Event::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Routed to team-lifecycle, priority NORMAL (R10, R11)", null,
                        EngineTime.newYork("2026-12-01T10:00")),
                org.assertj.core.groups.Tuple.tuple("Priority NORMAL \u2192 HIGH by agent", "agent",
                        EngineTime.newYork("2026-12-01T10:30")),
                org.assertj.core.groups.Tuple.tuple(
                        "Team queue team-lifecycle \u2192 team-repository, priority HIGH \u2192 URGENT by agent",
                        "agent", EngineTime.newYork("2026-12-01T11:00")));
    }

    @Test
    void aBreachedTargetIsOnTheTimeline() {
        String rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
        EngineTime.setNewYork("2026-12-01T10:00");
        String number = tickets.file(rita, Map.of("product", "LIFECYCLE", "topic", "CONFIGURATION",
                "concernType", "PROBLEM", "summary", "Late", "description", "Nobody answers.",
                "businessImpact", "NORMAL"));
        jobs.fire(jobs.timer(tickets.process(number).getId(), SupportTicketDiagram.FIRST_RESPONSE_TIMER));

        assertThat(timeline.of(repository.findByNumber(number).orElseThrow()))
                .extracting(TicketTimeline.Event::text)
                .containsSubsequence("First-response target reached", "First-response target breached; managers told");
    }
}
