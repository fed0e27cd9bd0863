package org.supportdesk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Issue #11: two application JVMs on one fresh PostgreSQL database and a mail server owned by the test, real faults
 * injected (SIGKILL, mail delivered twice, replies at the same moment, SMTP outage, timer storm, simultaneous start).
 * Writes target/reliability/results.md and fails when any property does not hold. {@code -Dcluster.short=true}: the
 * CI size. Run with {@code ./mvnw -Pcluster verify} (docs/reliability.md).
 */
class ClusterHarnessIT {

    interface Body {
        void run(Results.Scenario scenario) throws Exception;
    }

    @Test
    void twoNodesAndRealFaultsLoseNothingAndDoNothingTwice() throws Exception {
        boolean shortRun = Boolean.getBoolean("cluster.short");
        int tickets = shortRun ? 100 : 300;
        Duration outage = shortRun ? Duration.ofMinutes(2) : Duration.ofMinutes(10);
        int timers = shortRun ? 500 : 10_000;
        int oneNodeTimers = shortRun ? 250 : 2_000;
        int inbound = shortRun ? 20 : 60;
        int rounds = shortRun ? 5 : 20;

        Path target = Path.of("target").toAbsolutePath();
        Path jar = jar(target);
        Node.killStray(jar);
        long millis = System.currentTimeMillis();
        String database = "reliability_" + millis;
        Path dir = target.resolve("reliability");
        Path attachments = dir.resolve("attachments-" + millis);
        Files.createDirectories(attachments);
        Results results = new Results(dir.resolve("results.md"), (shortRun ? "Short run (CI)" : "Full run")
                + " of `./mvnw -Pcluster verify" + (shortRun ? " -Dcluster.short=true" : "") + "` on " + LocalDate.now()
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, PostgreSQL database `" + database
                + "`; two nodes (`-Xmx512m` each) on ports 18081 and 18082; logs in target/reliability/.");
        Desk.admin("create database " + database);
        Node a = new Node("a", 18081, jar, database, attachments, dir);
        Node b = new Node("b", 18082, jar, database, attachments, dir);
        try (MailServers mail = new MailServers()) {
            Cluster cluster = new Cluster(a, b, mail, new Desk(database), shortRun);
            boolean[] up = new boolean[1];
            scenario(results, "6. Two nodes started at the same moment on an empty database",
                    s -> up[0] = SimultaneousStart.run(cluster, s));
            if (up[0]) {
                cluster.setUp();
                List<String> open = new ArrayList<>();
                scenario(results, "1. " + tickets + " tickets through both nodes, one node killed (SIGKILL) midway",
                        s -> {
                            IntakeWithKilledNode.run(cluster, s, tickets);
                            cluster.desk.rows("select 'SD-' || id from ticket where summary like 'S1 %' order by id"
                                    + " limit 10").forEach(r -> open.add((String) r.get(0)));
                        });
                scenario(results, "2. Every inbound mail delivered twice, both nodes polling",
                        s -> DoubleDelivery.run(cluster, s, inbound, open));
                scenario(results, "3. Mail reply, portal reply and agent's answer at the same moment, different nodes",
                        s -> SimultaneousReplies.run(cluster, s, rounds));
                scenario(results, "4. SMTP down " + outage.toMinutes() + " minutes during intake and reminders",
                        s -> SmtpOutage.run(cluster, s, outage, shortRun ? 40 : 100, shortRun ? 10 : 30));
                scenario(results, "5. " + timers + " reminder timers due at once, two nodes (and " + oneNodeTimers
                        + " on one node)", s -> ReminderStorm.run(cluster, s, timers, oneNodeTimers));
            }
        } finally {
            a.kill();
            b.kill();
            results.write();
            try {
                Desk.admin("drop database if exists " + database + " with (force)");
            } catch (IllegalStateException e) {
                System.err.println("could not drop " + database + ": " + e.getMessage());
            }
        }
        System.out.println(Files.readString(dir.resolve("results.md")));
        assertThat(results.failures()).as("properties that did not hold (target/reliability/results.md)").isEmpty();
    }

    private static void scenario(Results results, String title, Body body) {
        Results.Scenario scenario = results.start(title);
        long start = System.nanoTime();
        System.out.println("== " + title);
        try {
            body.run(scenario);
        } catch (Throwable e) {
            e.printStackTrace();
            scenario.error = e.toString();
        }
        scenario.figure("scenario duration", Results.seconds(System.nanoTime() - start));
        results.write();
        System.out.println("== " + title + ": " + (scenario.passed() ? "PASS" : "FAIL"));
    }

    private static Path jar(Path target) throws IOException {
        String configured = System.getProperty("cluster.jar");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "support-desk-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no target/support-desk-*.jar: run ./mvnw -Pcluster verify");
    }
}
