package org.supportdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * R14 and R15: a PENDING ticket is reminded after 2 and 5 business days and closed after 10, in the organisation's
 * business time (New York, US holidays); any customer reply cancels all of that and hands the ticket back.
 */
@SupportDeskTest
class PendingTicketTest {

    static final List<String> PENDING_TIMERS = List.of("Timer_FirstReminder", "Timer_SecondReminder", "Timer_AutoClose");

    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired Jobs jobs;
    @Autowired TicketRepository repository;
    @Autowired org.camunda.bpm.engine.TaskService tasks;

    String requester;

    @BeforeEach
    void organisation() {
        requester = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("paula");
    }

    @Test
    void askingForInformationMakesTheTicketPending() {
        String number = pendingSince("2026-12-01T10:00");

        assertThat(tickets.process(number)).isWaitingAt("Timer_FirstReminder", "Timer_SecondReminder", "Timer_AutoClose");
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.PENDING);
        Mailbox.Mail request = last(requester);
        assertThat(request.subject()).isEqualTo("Re: [" + number + "] We need information from you: Policy evaluation fails");
        assertThat(request.body()).contains("Which version do you run?");
    }

    @Test
    void remindersAndAutoCloseCountBusinessDaysFromATuesday() {
        String number = pendingSince("2026-12-01T10:00");

        assertThat(dueDates(number)).containsExactly(
                EngineTime.setNewYork("2026-12-03T10:00"), // 2 business days
                EngineTime.setNewYork("2026-12-08T10:00"), // 3 more, over the weekend
                EngineTime.setNewYork("2026-12-15T10:00")); // 10 business days
    }

    @Test
    void fridayAfternoonRemindersSkipTheWeekend() {
        String number = pendingSince("2026-12-04T16:00");

        assertThat(dueDates(number)).containsExactly(
                EngineTime.setNewYork("2026-12-08T16:00"),
                EngineTime.setNewYork("2026-12-11T16:00"),
                EngineTime.setNewYork("2026-12-18T16:00"));
    }

    @Test
    void thanksgivingIsNotABusinessDay() {
        String number = pendingSince("2026-11-25T14:00"); // the Wednesday before Thanksgiving (Thursday 26th)

        assertThat(dueDates(number)).containsExactly(
                EngineTime.setNewYork("2026-11-30T14:00"),
                EngineTime.setNewYork("2026-12-03T14:00"),
                EngineTime.setNewYork("2026-12-10T14:00"));
    }

    @Test
    void r12_usThanksgivingIsNoBusinessDayForAnOrganisationInBerlinBecauseTheVendorIsClosed() {
        // the vendor's holiday region is US (support.calendar.vendor-holiday-region); Germany works on 26 November
        requester = fixtures.organization("Europe/Berlin", "DE").activeLicence(Product.LIFECYCLE).owner("greta");
        EngineTime.setAt("2026-11-25T10:00", EngineTime.BERLIN);
        String number = tickets.file(requester);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        EngineTime.setAt("2026-11-25T14:00", EngineTime.BERLIN); // the Wednesday before Thanksgiving

        tickets.work(number, "REQUEST_INFO", "Which version do you run?");

        assertThat(dueDates(number)).containsExactly(
                EngineTime.at("2026-11-30T14:00", EngineTime.BERLIN), // Thursday does not count, Friday does
                EngineTime.at("2026-12-03T14:00", EngineTime.BERLIN),
                EngineTime.at("2026-12-10T14:00", EngineTime.BERLIN));
    }

    @Test
    void pendingAfterHoursCountsFromTheNextOpening() {
        String number = pendingSince("2026-12-04T18:30"); // Friday evening

        assertThat(dueDates(number).get(0)).isEqualTo(EngineTime.newYork("2026-12-09T09:00"));
    }

    @Test
    void firstReminderIsMailedWhenItsTimerFires() {
        String number = pendingSince("2026-12-01T10:00");

        fire(number, "Timer_FirstReminder");

        assertThat(tickets.process(number)).hasPassed(SupportTicketDiagram.SEND_FIRST_REMINDER)
                .isWaitingAt("Timer_SecondReminder", "Timer_AutoClose");
        assertThat(last(requester).subject()).isEqualTo("Re: [" + number + "] Reminder: we are waiting for your answer"
                + " (Policy evaluation fails)");
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.PENDING);
    }

    @Test
    void secondReminderFollowsTheFirst() {
        String number = pendingSince("2026-12-01T10:00");
        fire(number, "Timer_FirstReminder");

        fire(number, "Timer_SecondReminder");

        assertThat(tickets.process(number)).hasPassed(SupportTicketDiagram.SEND_SECOND_REMINDER).isWaitingAt("Timer_AutoClose");
        assertThat(last(requester).subject()).contains("Second reminder");
    }

    @Test
    void noReplyForTenBusinessDaysClosesTheTicket() {
        String number = pendingSince("2026-12-01T10:00");
        fire(number, "Timer_FirstReminder");
        fire(number, "Timer_SecondReminder");
        String processId = tickets.process(number).getId();

        fire(number, "Timer_AutoClose");

        assertThat(tickets.process(number)).isNull();
        assertThat(org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService()
                .createHistoricActivityInstanceQuery().processInstanceId(processId)
                .activityId("EndEvent_ClosedNoResponse").count()).isOne();
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(ticket(number).closeReason()).isEqualTo(CloseReason.NO_RESPONSE);
        Mailbox.Mail notice = last(requester);
        assertThat(notice.subject()).isEqualTo("Re: [" + number + "] Closed without a response: Policy evaluation fails");
        assertThat(notice.body()).contains("Create a follow-up")
                .contains("did not receive the information we asked for within 10 business days.")
                .doesNotContain("two weeks");
        assertThat(mailbox.to(requester, "Reminder")).hasSize(1);
        assertThat(mailbox.to(requester, "Second reminder")).hasSize(1);
    }

    @Test
    void replyBeforeTheFirstReminderReopensAndCancelsEverything() {
        String number = pendingSince("2026-12-01T10:00");

        replyAndExpectReopened(number, "2026-12-02T09:30");
    }

    @Test
    void replyBetweenTheRemindersReopensAndCancelsTheRest() {
        String number = pendingSince("2026-12-01T10:00");
        fire(number, "Timer_FirstReminder");

        replyAndExpectReopened(number, "2026-12-04T11:00");
    }

    @Test
    void replyAfterTheSecondReminderStillReopens() {
        String number = pendingSince("2026-12-01T10:00");
        fire(number, "Timer_FirstReminder");
        fire(number, "Timer_SecondReminder");

        replyAndExpectReopened(number, "2026-12-10T15:00");
    }

    @Test
    void askingAgainAfterAReplyStartsTheClockAfresh() {
        String number = pendingSince("2026-12-01T10:00");
        EngineTime.setNewYork("2026-12-02T10:00");
        tickets.reply(requester, number, "Version 1.2.");

        EngineTime.setNewYork("2026-12-03T11:00");
        tickets.work(number, "REQUEST_INFO", "And the log file, please?");

        assertThat(dueDates(number).get(0)).isEqualTo(EngineTime.newYork("2026-12-07T11:00"));
    }

    @Test
    void r14_whilePendingTheAgentWhoAskedHasATaskOnTheTicketThatTheCustomersReplyRemoves() {
        String number = pendingSince("2026-12-01T10:00");

        org.camunda.bpm.engine.task.Task task = tickets.task(number);
        assertThat(task.getTaskDefinitionKey()).isEqualTo(SupportTicketDiagram.PENDING_TASK);
        assertThat(task.getName()).isEqualTo("Pending " + number + ": Policy evaluation fails");
        assertThat(task.getAssignee()).isEqualTo(Tickets.AGENT);
        assertThat(tickets.candidateGroups(number)).containsExactly("team-lifecycle");

        replyAndExpectReopened(number, "2026-12-02T09:30");
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the pending task").isZero();
    }

    @Test
    void r14_theCustomerAnsweredByPhoneSoTheAgentSolvesThePendingTicketAndTheRemindersStop() {
        String number = pendingSince("2026-12-01T10:00");
        fire(number, "Timer_FirstReminder");
        EngineTime.setNewYork("2026-12-04T11:00");

        tickets.work(number, "SOLVE", "As agreed on the phone: the patch fixed it.");

        assertThat(tickets.process(number)).as("the process ended").isNull();
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(ticket(number).closeReason()).isEqualTo(CloseReason.SOLVED);
        Mailbox.Mail solved = last(requester);
        assertThat(solved.subject()).contains("Solved");
        assertThat(solved.body()).contains("As agreed on the phone: the patch fixed it.");
        assertThat(mailbox.to(requester, "Second reminder")).isEmpty();
    }

    @Test
    void r14_askingAgainFromThePendingTaskMailsTheQuestionAndTheRemindersAndAutoCloseStartAgainFromThen() {
        String number = pendingSince("2026-12-01T10:00");
        fire(number, "Timer_FirstReminder");
        EngineTime.setNewYork("2026-12-03T11:00"); // Thursday: the customer phoned, one more thing is needed

        tickets.work(number, "REQUEST_INFO", "And the log file, please?");

        assertThat(ticket(number).status()).isEqualTo(TicketStatus.PENDING);
        assertThat(tickets.task(number).getTaskDefinitionKey()).isEqualTo(SupportTicketDiagram.PENDING_TASK);
        assertThat(dueDates(number)).containsExactly(
                EngineTime.newYork("2026-12-07T11:00"), // 2 business days from Thursday
                EngineTime.newYork("2026-12-10T11:00"),
                EngineTime.newYork("2026-12-17T11:00"));
        List<Mailbox.Mail> questions = mailbox.to(requester, "We need information from you");
        assertThat(questions).hasSize(2);
        assertThat(questions.get(1).body()).contains("And the log file, please?");

        EngineTime.setNewYork("2026-12-07T11:00");
        fire(number, "Timer_FirstReminder");
        assertThat(mailbox.to(requester, "Reminder")).as("one for each question").hasSize(2);
    }

    @Test
    void r14_takingAPendingTicketBackToWorkOpensItAtTheWorkTaskMailsNobodyAndStopsTheReminders() {
        String number = pendingSince("2026-12-01T10:00");
        int mailed = mailbox.to(requester).size();
        EngineTime.setNewYork("2026-12-02T15:00");

        tickets.work(number, "BACK_TO_WORK", null);

        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK)
                .hasPassed(SupportTicketDiagram.TAKE_BACK_TO_WORK);
        assertThat(tickets.task(number).getAssignee()).isEqualTo(Tickets.AGENT);
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.OPEN);
        String processId = tickets.process(number).getId();
        assertThat(PENDING_TIMERS).allSatisfy(timer -> assertThat(jobs.timer(processId, timer)).isNull());
        assertThat(mailbox.to(requester)).as("nothing mailed to the customer").hasSize(mailed);
    }

    private void replyAndExpectReopened(String number, String when) {
        EngineTime.setNewYork(when);

        assertThat(tickets.reply(requester, number, "We run 1.2.3.").status()).isEqualTo(201);

        assertThat(tickets.process(number)).isWaitingAt(SupportTicketDiagram.WORK_TASK).hasPassed(SupportTicketDiagram.REOPEN);
        assertThat(tickets.task(number).getAssignee()).isEqualTo(Tickets.AGENT);
        assertThat(ticket(number).status()).isEqualTo(TicketStatus.OPEN);
        String processId = tickets.process(number).getId();
        assertThat(PENDING_TIMERS).allSatisfy(timer -> assertThat(jobs.timer(processId, timer)).isNull());
        assertThat(mailbox.to("agent@support.example", number)).extracting(Mailbox.Mail::body)
                .anyMatch(body -> body.contains("We run 1.2.3."));
    }

    /** Files a ticket on Tuesday 1 December 09:30 New York, triages it, and asks for information at {@code when}. */
    private String pendingSince(String when) {
        EngineTime.setNewYork(when.compareTo("2026-12-01T09:30") < 0 ? when : "2026-12-01T09:30");
        String number = tickets.file(requester);
        tickets.triage(number, "NORMAL", "team-lifecycle");
        EngineTime.setNewYork(when);
        tickets.work(number, "REQUEST_INFO", "Which version do you run?");
        return number;
    }

    private List<Instant> dueDates(String number) {
        String processId = tickets.process(number).getId();
        return PENDING_TIMERS.stream().map(activity -> Jobs.due(jobs.timer(processId, activity))).toList();
    }

    private void fire(String number, String timer) {
        jobs.fire(jobs.timer(tickets.process(number).getId(), timer));
    }

    private Ticket ticket(String number) {
        return repository.findByNumber(number).orElseThrow();
    }

    private Mailbox.Mail last(String address) {
        List<Mailbox.Mail> mails = mailbox.to(address);
        return mails.get(mails.size() - 1);
    }
}
