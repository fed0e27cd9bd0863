package org.supportdesk.ticket;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Organization;
import org.supportdesk.calendar.BusinessCalendar;

/**
 * Business time for BPMN expressions, in the organisation of the process's ticket. Timers
 * name their durations in the diagram, e.g. {@code ${businessTime.plusBusinessDays(execution, pendingSince, 2)}},
 * so an analyst changes 2 to 3 in Modeler.
 */
@Component("businessTime")
public class BusinessTime {

    private final BusinessCalendar calendar;
    private final AccountRepository accounts;
    private final TicketRepository tickets;
    private final java.time.Clock clock;
    private final ResponseTargets targets;
    private final NextReplyRepository nextReplies;

    public BusinessTime(BusinessCalendar calendar, AccountRepository accounts, TicketRepository tickets,
                        java.time.Clock clock, ResponseTargets targets, NextReplyRepository nextReplies) {
        this.targets = targets;
        this.nextReplies = nextReplies;
        this.calendar = calendar;
        this.tickets = tickets;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** {@code days} business days after {@code from}, at the same local clock time (R12). */
    public Date plusBusinessDays(VariableScope execution, Date from, long days) {
        Organization org = organization(execution);
        return Date.from(calendar.plusBusinessDays(from.toInstant(), Math.toIntExact(days), org.timeZone(),
                org.holidayRegion()));
    }

    /**
     * R11: the first-response target of the process's ticket, from filing, for its current priority, as the decision
     * table {@code response-targets.dmn} states it (hours on the clock or business hours of the organisation). The
     * one place of this computation (with the next reply's, {@link #responseDue}): the diagram's first-response
     * timer and the triage and work tasks' due dates call it, and a re-triage moves the timer to it.
     */
    public Date firstResponseDue(VariableScope execution) {
        return firstResponseDue(TicketVariables.ticketId(execution));
    }

    /**
     * R11 with the ticket's priority changes (table {@code ticket_routing_change}, oldest first): each priority's target
     * counts from filing. A change to a priority whose target from filing has already passed breaches at once only if
     * the target in force until then had passed too; otherwise the new priority's target counts from the change, but
     * never later than the target in force until then (NORMAL raised to URGENT two hours after filing is due an hour
     * after the change, not breached for an hour nobody could have kept).
     */
    public Date firstResponseDue(long ticketId) {
        Ticket ticket = ticket(ticketId);
        Instant due = null;
        Priority current = null;
        for (TicketRepository.RoutingChange change : tickets.routingChanges(ticketId)) {
            if (change.newPriority() == null) {
                continue;
            }
            Priority priority = Priority.valueOf(change.newPriority());
            if (due == null) {
                due = responseDue(ticket, priority, ticket.createdAt());
            } else if (priority != current) {
                Instant fromFiling = responseDue(ticket, priority, ticket.createdAt());
                boolean missedUntilThen = !due.isAfter(change.at());
                if (fromFiling.isAfter(change.at()) || missedUntilThen) {
                    due = fromFiling;
                } else {
                    Instant fromChange = responseDue(ticket, priority, change.at());
                    due = fromChange.isBefore(due) ? fromChange : due;
                }
            }
            current = priority;
        }
        return Date.from(due != null ? due : responseDue(ticket, ticket.priority(), ticket.createdAt()));
    }

    /**
     * R11 next reply: when the customer's reply that waits for support's answer is due, or null when none waits
     * (support answered last, or the ticket has not had its first response yet). The due time is kept with the
     * waiting reply ({@link NextReply}, computed by {@link #nextReplyDue(long, Instant)}), so the Work task that
     * comes back after a note shows the same time. The Work task's due date calls it.
     */
    public Date nextReplyDue(VariableScope execution) {
        return nextReplies.waiting(TicketVariables.ticketId(execution))
                .map(waiting -> Date.from(waiting.dueAt())).orElse(null);
    }

    /**
     * R11 next reply: the ticket's target for its current priority, counted from the customer's reply
     * ({@code customerWrote}) exactly as the first response is counted from filing.
     */
    public Instant nextReplyDue(long ticketId, Instant customerWrote) {
        return responseDue(ticket(ticketId), customerWrote);
    }

    /**
     * The one computation of both targets: the row of {@code response-targets.dmn} for the ticket's current
     * priority, counted from {@code from} in hours on the clock or in the organisation's business hours.
     */
    private Instant responseDue(Ticket ticket, Instant from) {
        return responseDue(ticket, ticket.priority(), from);
    }

    private Instant responseDue(Ticket ticket, Priority priority, Instant from) {
        ResponseTargets.Target target = targets.of(priority);
        if (!target.businessHours()) {
            return from.plus(target.time());
        }
        Organization org = organization(ticket);
        return calendar.plusBusinessHours(from, target.time(), org.timeZone(), org.holidayRegion());
    }

    private Ticket ticket(long ticketId) {
        return tickets.find(ticketId)
                .orElseThrow(() -> new IllegalStateException("No ticket " + ticketId + " for business time"));
    }

    /**
     * R18: the moment {@code duration} (an ISO duration such as {@code PT1H}) of the organisation's business time
     * after {@code from} has been used up; a start outside business hours counts from the next opening (R12). The
     * SEV-1 target of a customer without Extended Support: filed at 16:59 on a Friday, an hour is due on the next
     * business day at 09:59.
     */
    public Date plusBusinessHours(VariableScope execution, Date from, String duration) {
        Organization org = organization(execution);
        return Date.from(calendar.plusBusinessHours(from.toInstant(), java.time.Duration.parse(duration),
                org.timeZone(), org.holidayRegion()));
    }

    /** {@code duration} (ISO, such as {@code PT1H}) after {@code from} on the clock, day and night (Extended Support). */
    public Date plusHours(Date from, String duration) {
        return Date.from(from.toInstant().plus(java.time.Duration.parse(duration)));
    }

    /**
     * R19: when the organisation's business hours end: those open now, or, outside them, those that open next (so a
     * diagram waiting for the close of business never fires at once).
     */
    public Date nextClosing(VariableScope execution) {
        Organization org = organization(execution);
        java.time.ZoneId zone = org.timeZone();
        Instant opening = calendar.nextOpening(now(), zone, org.holidayRegion());
        Instant endOfDay = opening.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        // the open time left on that day, used up, lands on its closing time (BusinessCalendar.plusBusinessHours)
        return Date.from(calendar.plusBusinessHours(opening,
                calendar.businessTimeBetween(opening, endOfDay, zone, org.holidayRegion()), zone, org.holidayRegion()));
    }

    /** A moment as the customer reads it, in the organisation's zone: "Monday 30 November 2026, 09:59 EST". */
    public String describe(VariableScope execution, Date moment) {
        return OPENING.format(moment.toInstant().atZone(organization(execution).timeZone()));
    }

    /** Whether the organisation is within business hours now. */
    public boolean isOpen(VariableScope execution) {
        Organization org = organization(execution);
        return calendar.isOpen(now(), org.timeZone(), org.holidayRegion());
    }

    /** The next time the organisation's business hours start (now, when open). */
    public Date nextOpening(VariableScope execution) {
        Organization org = organization(execution);
        return Date.from(calendar.nextOpening(now(), org.timeZone(), org.holidayRegion()));
    }

    /** The next opening as the customer reads it, in the organisation's zone: "Monday 30 November 2026, 09:00 EST". */
    public String describeNextOpening(VariableScope execution) {
        Organization org = organization(execution);
        return OPENING.format(calendar.nextOpening(now(), org.timeZone(), org.holidayRegion()).atZone(org.timeZone()));
    }

    private static final java.time.format.DateTimeFormatter OPENING =
            java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm zzz (VV)", java.util.Locale.ENGLISH);

    private Instant now() {
        return clock.instant();
    }

    /** The organisation of the ticket row: a task completion cannot move a ticket into another calendar. */
    private Organization organization(VariableScope execution) {
        return organization(ticket(TicketVariables.ticketId(execution)));
    }

    private Organization organization(Ticket ticket) {
        String id = ticket.organizationId();
        return accounts.findOrganization(id)
                .orElseThrow(() -> new IllegalStateException("No organisation " + id + " for business time"));
    }
}
