package org.supportdesk.cluster;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The nodes' heartbeat rows ({@code cluster_node}, {@link ClusterNode}). */
@Repository
class ClusterNodeRepository {

    private final JdbcClient jdbc;

    ClusterNodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The node's heartbeat at {@code now}; false when the node has no row yet. */
    boolean beat(String nodeId, Instant now) {
        return jdbc.sql("update cluster_node set heartbeat_at = ? where node_id = ?")
                .params(now.atOffset(ZoneOffset.UTC), nodeId).update() > 0;
    }

    /** Fails with a {@link org.springframework.dao.DuplicateKeyException} when the node has a row. */
    void insert(String nodeId, String host, Instant now) {
        jdbc.sql("insert into cluster_node (node_id, host, started_at, heartbeat_at) values (?, ?, ?, ?)")
                .params(nodeId, host, now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC)).update();
    }

    void deleteSilentSince(Instant before) {
        jdbc.sql("delete from cluster_node where heartbeat_at < ?").param(before.atOffset(ZoneOffset.UTC)).update();
    }

    void delete(String nodeId) {
        jdbc.sql("delete from cluster_node where node_id = ?").param(nodeId).update();
    }
}
