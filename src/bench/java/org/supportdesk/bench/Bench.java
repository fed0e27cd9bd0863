package org.supportdesk.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The benchmark: {@code ./mvnw -Pbench verify} (H2) or {@code ./mvnw -Pbench verify -Dbench.db=postgres}; the
 * small CI run adds {@code -Dbench.smoke=true}; {@code -Dbench.scenarios=intake,storm} runs a subset ({@code mail}:
 * inbound mail, not in the default set; start-up, engine
 * floor and memory always run). Prints a Markdown table and writes target/bench/results.md.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchConfig config = BenchConfig.fromSystemProperties();
        Report report = new Report(config);

        long startNanos = System.nanoTime();
        ConfigurableApplicationContext app = BenchApp.start(config, List.of());
        double ready = (System.nanoTime() - startNanos) / 1e9;
        report.row("5. start-up", "-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m, fresh database",
                String.format(Locale.ROOT, "ready in %.1f s", ready), "<= 20 s", ready <= 20);
        int port = BenchApp.port(app);
        List<String> contacts = BenchData.organisations(app, 8);
        HttpLoad http = new HttpLoad(port);

        java.util.Set<String> only = java.util.Set.of(System.getProperty("bench.scenarios",
                "floor,intake,storm,history").split(","));
        double floor = engineFloor(app, 4, config.warmupSeconds(), config.floorSeconds());
        report.row("1. engine floor", "start -> user task, engine API, 4 threads, " + config.floorSeconds() + " s",
                String.format(Locale.ROOT, "%.0f instances/s", floor), "reference", null);

        // before the intake: moving the engine clock years ahead must only bring these tickets' timers due
        if (only.contains("storm")) {
        TimerStorm.Result storm = TimerStorm.run(app, contacts.get(0), config.stormTickets());
        report.row("3. timer storm", storm.tickets() + " PENDING tickets, first reminder due at once (set-up "
                        + String.format(Locale.ROOT, "%.0f s", storm.setupSeconds()) + ")",
                String.format(Locale.ROOT, "%d reminders delivered in %.1f s (%.0f/s), %d distinct, "
                                + "%d acquisition locking failures, %d failed job runs", storm.delivered(),
                        storm.seconds(), storm.delivered() / storm.seconds(), storm.distinct(),
                        storm.lockingFailures(), storm.failedJobs()),
                "<= 60 s, each once", storm.seconds() <= 60 && storm.distinct() == storm.tickets()
                        && storm.delivered() == storm.tickets());
            app.getBean(com.icegreen.greenmail.util.GreenMail.class).purgeEmailFromAllMailboxes();
        }
        double fourClients = 0;
        for (int clients : only.contains("intake") ? config.clients() : new int[0]) {
            HttpLoad.Result result = http.closedLoop(contacts, clients, config.warmupSeconds(), config.intakeSeconds(),
                    http::fileTicket);
            if (clients == 4) {
                fourClients = result.perSecond();
            }
            boolean met = clients != 4 || (result.perSecond() >= 150 && result.perSecond() >= floor * 0.5);
            report.row("2. ticket intake", "POST /api/tickets, closed loop, " + clients + " clients, "
                            + config.intakeSeconds() + " s",
                    String.format(Locale.ROOT, "%.1f tickets/s (%.0f%% of floor), %s%s", result.perSecond(),
                            100 * result.perSecond() / floor, Report.latencies(result.latencies()),
                            result.errors() > 0 ? ", " + result.errors() + " errors" : ""),
                    clients == 4 ? ">= 150/s and >= 50% of floor" : "", clients == 4 ? met : null);
        }
        if (only.contains("intake")) {
        HttpLoad.Result open = http.openLoop(contacts, config.openLoopRate(), config.openLoopSeconds(),
                http::fileTicket);
        Histogram openLatencies = open.latencies();
        report.row("2. ticket intake", "open loop, " + config.openLoopRate() + " tickets/s for "
                        + config.openLoopSeconds() + " s", Report.latencies(openLatencies)
                        + (open.errors() > 0 ? ", " + open.errors() + " errors" : ""),
                "p99 <= 100 ms", openLatencies.getValueAtPercentile(99) <= 100_000);
        }

        if (only.contains("mail")) {
            app.getBean(com.icegreen.greenmail.util.GreenMail.class).purgeEmailFromAllMailboxes();
            int mails = Integer.getInteger("bench.mails", config.smoke() ? 50 : 1_000);
            MailIntakeBench.Result mail = MailIntakeBench.run(app, contacts, mails);
            report.row("8. mail intake", mails + " ordinary mails (plain text, a new ticket each) in the support"
                            + " mailbox, polled until all are finished",
                    MailIntakeBench.describe(mail, floor), "no slower than before issue #24 (same run, back to back)",
                    mail.notFinished() == 0 && mail.tickets() == mails ? null : false);
        }

        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        report.row("5. memory", "after scenario 2, after a GC", String.format(Locale.ROOT, "heap %d MiB, RSS %s MiB",
                heap, rssMiB()), "runs with -Xmx512m", Runtime.getRuntime().maxMemory() <= 512L * 1024 * 1024 * 1.05);

        if (only.contains("history") || only.contains("search") || only.contains("dashboard")) {
            bigHistory(app, config, report, http, contacts, fourClients, only);
        }

        report.write(Path.of("target", "bench", "results.md"));
        app.close();
        System.exit(0);
    }

    private static void bigHistory(ConfigurableApplicationContext app, BenchConfig config, Report report,
                                   HttpLoad http, List<String> contacts, double emptyIntake,
                                   java.util.Set<String> only) throws Exception {
        app.getBean(com.icegreen.greenmail.util.GreenMail.class).purgeEmailFromAllMailboxes();
        List<String> historyOrgs = contacts.subList(0, 5);
        long start = System.nanoTime();
        BenchData.history(app, historyOrgs, config.historyTickets());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (app.getEnvironment().getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql")) {
            // what autovacuum does after a bulk load: statistics for the planner, a visibility map for index-only
            // scans; measuring while it runs would measure autovacuum
            app.getBean(JdbcTemplate.class).execute("vacuum analyze ticket, ticket_message");
        }
        if (only.contains("search")) {
            StaffSearchBench.run(app, config, report, http);
        }
        if (only.contains("dashboard")) {
            DashboardBench.run(app, config, report, http);
        }
        if (!only.contains("history")) {
            return;
        }
        String user = contacts.get(0);
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        List<Long> ids = jdbc.queryForList("select id from ticket where organization_id = 'bench0' order by id",
                Long.class);
        long total = jdbc.queryForObject("select count(*) from ticket", Long.class);
        Random random = new Random(7);
        Histogram list = sample(config.historySamples(), () -> http.get(user, "/api/tickets?view=organization"));
        Histogram detail = sample(config.historySamples(),
                () -> http.get(user, "/api/tickets/SD-" + ids.get(random.nextInt(ids.size()))));
        String parameters = String.format(Locale.ROOT, "%,d tickets in all (%,d in the caller's organisation, loaded"
                + " in %.0f s), %d sequential requests", total, ids.size(), seconds, config.historySamples());
        report.row("4. big history", "GET /api/tickets?view=organization page 1; " + parameters,
                Report.latencies(list), "p95 <= 50 ms", list.getValueAtPercentile(95) <= 50_000);
        report.row("4. big history", "GET /api/tickets/{number}; " + parameters, Report.latencies(detail),
                "p95 <= 50 ms", detail.getValueAtPercentile(95) <= 50_000);
        HttpLoad.Result again = http.closedLoop(contacts, 4, config.warmupSeconds(), config.intakeSeconds(),
                http::fileTicket);
        double change = emptyIntake == 0 ? 0 : 100 * (again.perSecond() - emptyIntake) / emptyIntake;
        report.row("4. big history", "intake again, 4 clients", String.format(Locale.ROOT,
                        "%.1f tickets/s (%+.0f%% vs. before the history was loaded), %s", again.perSecond(), change,
                        Report.latencies(again.latencies())), "no more than 20% slower", change >= -20);
    }

    interface Request {
        int send() throws Exception;
    }

    static Histogram sample(int count, Request request) throws Exception {
        for (int i = 0; i < Math.min(20, count); i++) {
            request.send();
        }
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            int status = request.send();
            if (status != 200) {
                throw new IllegalStateException("HTTP " + status);
            }
            histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
        }
        return histogram;
    }

    /** Instances of a minimal process (start -> user task) per second, started through the engine API. */
    private static double engineFloor(ConfigurableApplicationContext app, int threads, int warmup, int seconds)
            throws Exception {
        app.getBean(RepositoryService.class).createDeployment().name("bench-floor")
                .addModelInstance("bench-floor.bpmn", Bpmn.createExecutableProcess("bench-floor")
                        .camundaHistoryTimeToLive(1).startEvent().userTask().endEvent().done())
                .deploy();
        RuntimeService runtime = app.getBean(RuntimeService.class);
        AtomicLong counted = new AtomicLong();
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    runtime.startProcessInstanceByKey("bench-floor");
                    if (System.nanoTime() >= measureFrom) {
                        counted.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(warmup + seconds + 60L, TimeUnit.SECONDS);
        return counted.get() / (double) seconds;
    }

    private static String rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return String.valueOf(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return "?";
    }

}
