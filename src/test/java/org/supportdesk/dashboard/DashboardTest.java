package org.supportdesk.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.EngineTime;
import org.supportdesk.Jobs;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

/**
 * The manager dashboard (issue #14): a known set of tickets gives known figures. The test database is shared with
 * other tests, so figures are read before and after and compared by their difference, or filtered to this test's
 * tickets by filing day (a day no other test files on).
 */
@SupportDeskTest
class DashboardTest {

    @Autowired Api api;
    @Autowired Tickets tickets;
    @Autowired TestFixtures fixtures;
    @Autowired Jobs jobs;
    @Autowired Dashboard dashboard;

    String rita;

    @BeforeEach
    void organisation() {
        rita = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("rita");
    }

    @Test
    void openTicketsByTeamAndPriorityAndThePendingCountFollowTheTickets() {
        Dashboard.Filter all = dashboard.filter("team-lifecycle", null, null);
        long[] before = lifecycleOpen(all);
        Dashboard.Now nowBefore = dashboard.now(all);
        EngineTime.setNewYork("2026-12-01T10:00");
        String high = tickets.file(rita);
        tickets.triage(high, "HIGH", "team-lifecycle");
        String pending = tickets.file(rita);
        tickets.triage(pending, "NORMAL", "team-lifecycle");
        tickets.work(pending, "REQUEST_INFO", "Which version?");
        String solved = tickets.file(rita);
        tickets.triage(solved, "NORMAL", "team-lifecycle");
        tickets.work(solved, "SOLVE", "Done.");
        tickets.file(rita); // waits for triage: NORMAL, unassigned task

        long[] after = lifecycleOpen(all);
        assertThat(after[0] - before[0]).as("HIGH").isEqualTo(1);
        assertThat(after[1] - before[1]).as("NORMAL (pending + waiting for triage)").isEqualTo(2);
        Dashboard.Now now = dashboard.now(all);
        assertThat(now.open() - nowBefore.open()).isEqualTo(3);
        assertThat(now.pending() - nowBefore.pending()).isEqualTo(1);
        assertThat(now.unassigned() - nowBefore.unassigned()).isEqualTo(1);
    }

    @Test
    void aBreachOfAClosedTicketIsListedAndTheDaysCountFiledAndSolved() {
        EngineTime.setNewYork("2026-10-06T10:00"); // a day only this test files on
        String late = tickets.file(rita, Map.of("product", "LIFECYCLE", "topic", "CONFIGURATION",
                "concernType", "PROBLEM", "summary", "=SUM(1) late", "description", "Nobody answered in time.",
                "businessImpact", "NORMAL"));
        jobs.fire(jobs.timer(tickets.process(late).getId(), "Timer_FirstResponseDue"));
        EngineTime.setNewYork("2026-10-07T11:00");
        tickets.triage(late, "NORMAL", "team-lifecycle");
        tickets.work(late, "SOLVE", "Sorry for the wait; fixed.");
        EngineTime.setNewYork("2026-10-06T12:00");
        String onTime = tickets.file(rita);

        Dashboard.Filter day = dashboard.filter(null, java.time.LocalDate.parse("2026-10-06"),
                java.time.LocalDate.parse("2026-10-07"));
        assertThat(dashboard.breaches(day).rows()).extracting(row -> row.get(0)).contains(late).doesNotContain(onTime);
        assertThat(dashboard.breaches(day).rows()).filteredOn(row -> row.get(0).equals(late))
                .singleElement().satisfies(row -> assertThat(row.get(4)).isEqualTo("CLOSED (SOLVED)"));
        List<Dashboard.Day> days = dashboard.filedAndSolved(day);
        assertThat(days).extracting(Dashboard.Day::day, Dashboard.Day::filed, Dashboard.Day::solved).containsExactly(
                org.assertj.core.groups.Tuple.tuple(java.time.LocalDate.parse("2026-10-06"), 2L, 0L),
                org.assertj.core.groups.Tuple.tuple(java.time.LocalDate.parse("2026-10-07"), 0L, 1L));

        Api.Response csv = manager().get("/staff/dashboard/breaches.csv?from=2026-10-06&to=2026-10-07");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("Ticket,Summary,Team,Priority,Status,Organisation,Filed\r\n")
                .contains(late + ",'=SUM(1) late,team-lifecycle,NORMAL,CLOSED (SOLVED),");
        assertThat(csv.headers().getFirst("Content-Disposition")).contains("attachment",
                "support-desk-breaches-2026-10-06-2026-10-07.csv");
    }

    @Test
    void thePageIsForManagersAndLinksEachTicket() {
        EngineTime.setNewYork("2026-10-08T10:00");
        String late = tickets.file(rita);
        jobs.fire(jobs.timer(tickets.process(late).getId(), "Timer_FirstResponseDue"));

        Api.Response page = manager().get("/staff/dashboard?from=2026-10-08&to=2026-10-08");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<svg", "Filed and solved per day", "href=\"/staff/tickets/" + late + "\"",
                "href=\"/staff/dashboard/breaches.csv?from=2026-10-08&amp;to=2026-10-08\"");
        assertThat(api.as("agent", "agent").get("/staff/dashboard").status()).isEqualTo(403);
        assertThat(api.as("agent", "agent").get("/staff/dashboard/open.csv").status()).isEqualTo(403);
        assertThat(api.anonymous().get("/staff/dashboard").status()).isEqualTo(401);
        assertThat(manager().get("/staff/dashboard/nothing.csv").status()).isEqualTo(404);
        assertThat(manager().get("/staff/dashboard?from=2026-13-01").status()).isEqualTo(400);
    }

    private long[] lifecycleOpen(Dashboard.Filter filter) {
        Dashboard.Table table = dashboard.openByTeamAndPriority(filter);
        List<String> row = table.rows().stream().filter(r -> r.get(0).equals("team-lifecycle")).findFirst()
                .orElse(List.of("team-lifecycle", "0", "0", "0", "0", "0"));
        int high = table.columns().indexOf("HIGH");
        int normal = table.columns().indexOf("NORMAL");
        return new long[]{Long.parseLong(row.get(high)), Long.parseLong(row.get(normal))};
    }

    private Api.Caller manager() {
        return api.as("manager", "manager");
    }
}
