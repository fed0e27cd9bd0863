package org.supportdesk.bench;

import java.util.Locale;

import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 7, the manager dashboard (issue #14: p95 <= 200 ms at 100,000 tickets): over the big history, a manager
 * loads {@code /staff/dashboard} (every table, the trend with its business-time medians and the chart of the last 30
 * days), in turn for all teams by day and for one team by week, then two CSV downloads.
 */
final class DashboardBench {

    static final String MANAGER = "benchmanager";
    static final String PASSWORD = "bench-manager-password";

    private DashboardBench() {
    }

    static void run(ConfigurableApplicationContext app, BenchConfig config, Report report, HttpLoad http)
            throws Exception {
        IdentityService identity = app.getBean(IdentityService.class);
        if (identity.createUserQuery().userId(MANAGER).count() == 0) {
            User user = identity.newUser(MANAGER);
            user.setFirstName("Bench");
            user.setLastName("Manager");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(MANAGER, "support-managers");
        }
        long total = app.getBean(JdbcTemplate.class).queryForObject("select count(*) from ticket", Long.class);
        String[] pages = {"/staff/dashboard", "/staff/dashboard?team=team-lifecycle&by=week",
                "/staff/dashboard/breaches.csv", "/staff/dashboard/satisfaction-agents.csv"};
        int[] next = {0};
        Histogram all = Bench.sample(config.historySamples(), () -> http.get(MANAGER, PASSWORD,
                pages[next[0]++ % pages.length]));
        report.row("7. dashboard", String.format(Locale.ROOT, "GET /staff/dashboard (all teams by day, one team by"
                        + " week) and two CSVs in turn; %,d tickets, %d sequential requests", total, all.getTotalCount()),
                Report.latencies(all), "p95 <= 200 ms", all.getValueAtPercentile(95) <= 200_000);
    }
}
