package org.supportdesk.migration;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What {@link InstanceMigrations} recorded: each pair of versions migrated ({@code process_migration}, one row per
 * pair, so that one node migrates it) and each instance left behind with the reason ({@code process_migration_skip}).
 */
@Repository
class MigrationRepository {

    private final JdbcClient jdbc;

    MigrationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean recorded(String sourceDefinitionId, String targetDefinitionId) {
        return jdbc.sql("select count(*) from process_migration where source_definition_id = ?"
                        + " and target_definition_id = ?").params(sourceDefinitionId, targetDefinitionId)
                .query(Long.class).single() > 0;
    }

    /** Fails with a {@link org.springframework.dao.DuplicateKeyException} when the pair is recorded already. */
    void record(String sourceDefinitionId, String targetDefinitionId, int instances, Instant startedAt) {
        jdbc.sql("""
                        insert into process_migration (source_definition_id, target_definition_id, instances,
                            started_at) values (?, ?, ?, ?)""")
                .params(sourceDefinitionId, targetDefinitionId, instances, startedAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    void recordBatch(String sourceDefinitionId, String targetDefinitionId, String batchId) {
        jdbc.sql("update process_migration set batch_id = ? where source_definition_id = ?"
                        + " and target_definition_id = ?")
                .params(batchId, sourceDefinitionId, targetDefinitionId).update();
    }

    Optional<String> batch(String sourceDefinitionId, String targetDefinitionId) {
        return jdbc.sql("select batch_id from process_migration where source_definition_id = ?"
                        + " and target_definition_id = ?")
                .params(sourceDefinitionId, targetDefinitionId).query(String.class).optional();
    }

    void recordSkip(String instanceId, String targetDefinitionId, String sourceDefinitionId, String processKey,
                    String businessKey, String reason, Instant skippedAt) {
        jdbc.sql("""
                        insert into process_migration_skip (instance_id, target_definition_id, source_definition_id,
                            process_key, business_key, reason, skipped_at) values (?, ?, ?, ?, ?, ?, ?)""")
                .params(instanceId, targetDefinitionId, sourceDefinitionId, processKey, businessKey, reason,
                        skippedAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    Optional<String> skipReason(String instanceId, String targetDefinitionId) {
        return jdbc.sql("select reason from process_migration_skip where instance_id = ? and target_definition_id = ?")
                .params(instanceId, targetDefinitionId).query(String.class).optional();
    }
}
