package org.supportdesk.reliability;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Scenario 6: two nodes started at the same moment on an empty database are both ready. */
final class SimultaneousStart {

    private SimultaneousStart() {
    }

    static boolean run(Cluster cluster, Results.Scenario scenario) {
        long start = System.nanoTime();
        cluster.a.start();
        cluster.b.start();
        CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> ready(cluster.a, start));
        CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> ready(cluster.b, start));
        long readyA = a.join();
        long readyB = b.join();
        long nodes = cluster.desk.count("select count(*) from cluster_node");
        long failedMigrations = cluster.desk.count("select count(*) from flyway_schema_history where not success");
        long migrations = cluster.desk.count("select count(*) from flyway_schema_history");
        long engineTables = cluster.desk.count(
                "select count(*) from information_schema.tables where table_name like 'act_%'");
        scenario.figure("nodes started", 2)
                .figure("node A ready after", readyA < 0 ? "never" : Results.seconds(readyA))
                .figure("node B ready after", readyB < 0 ? "never" : Results.seconds(readyB))
                .figure("Flyway migrations applied", migrations)
                .figure("engine tables", engineTables);
        scenario.check("node A answers /actuator/health UP", readyA >= 0, readyA >= 0 ? "UP" : "not ready")
                .check("node B answers /actuator/health UP", readyB >= 0, readyB >= 0 ? "UP" : "not ready")
                .check("both nodes beat in cluster_node", nodes == 2, nodes + " rows")
                .check("no failed migration", failedMigrations == 0, failedMigrations + " failed")
                .check("the engine's tables exist", engineTables > 40, engineTables + " tables");
        return readyA >= 0 && readyB >= 0;
    }

    private static long ready(Node node, long start) {
        return node.awaitUp(Duration.ofMinutes(5)) ? System.nanoTime() - start : -1;
    }
}
