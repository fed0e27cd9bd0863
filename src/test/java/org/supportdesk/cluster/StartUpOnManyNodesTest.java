package org.supportdesk.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.engine.StartupLock;

/**
 * Q3: what every node does at start takes turns between nodes; the engine's tables come from Flyway; every node
 * beats, so that others know it is alive.
 */
@SupportDeskTest
class StartUpOnManyNodesTest {

    @Autowired StartupLock startupLock;
    @Autowired JdbcClient jdbc;
    @Autowired ClusterNode node;

    final ExecutorService nodes = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        nodes.shutdownNow();
    }

    @Test
    void twoNodesSettingUpAtTheSameMomentTakeTurns() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstInside = new CountDownLatch(1);
        Future<?> first = nodes.submit(() -> startupLock.exclusively(() -> {
            events.add("first in");
            firstInside.countDown();
            sleepQuietly(300);
            events.add("first out");
        }));
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        Future<?> second = nodes.submit(() -> startupLock.exclusively(() -> events.add("second in")));

        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);

        assertThat(events).containsExactly("first in", "first out", "second in");
    }

    @Test
    void theEngineTablesComeFromAFlywayMigration() {
        assertThat(jdbc.sql("select \"description\" from \"flyway_schema_history\" where \"version\" = '9'").query(String.class)
                .single()).isEqualTo("Camunda 7.24 engine schema");
        assertThat(jdbc.sql("select count(*) from act_ge_property where name_ = 'schema.version'").query(Integer.class)
                .single()).isEqualTo(1);
    }

    @Test
    void thisNodeBeats() {
        Instant before = Instant.now().minusSeconds(1);

        node.beat();

        Instant beat = jdbc.sql("select heartbeat_at from cluster_node where node_id = ?").param(node.id())
                .query(java.time.OffsetDateTime.class).single().toInstant();
        assertThat(beat).isAfter(before);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
