package org.supportdesk.engine;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * The engine's tables, from the SQL scripts Camunda ships inside the engine jar, applied by Flyway under its lock
 * (on PostgreSQL an advisory lock): nodes starting together on an empty database create them once, and the engine
 * itself never changes the schema ({@code camunda.bpm.database.schema-update: false}). A database whose engine
 * tables the engine made itself (before this migration existed) is left as it is.
 *
 * <p>Also the index the job table needs for this workload: every PENDING ticket holds three timer jobs, and due jobs
 * are acquired by due date ({@code jobExecutorAcquireByDueDate}).
 *
 * <p>A later Camunda version brings upgrade scripts ({@code db/upgrade/<db>_engine_<from>_to_<to>.sql} in its
 * engine jar): they become the next Java migration of this kind.
 */
@Component
class EngineSchemaMigration implements JavaMigration {

    private static final List<String> COMPONENTS = List.of("engine", "history", "identity", "case.engine",
            "case.history", "decision.engine", "decision.history");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("9");
    }

    @Override
    public String getDescription() {
        return "Camunda 7.24 engine schema";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!tableExists(connection, "act_ru_execution")) {
            String database = database(connection);
            for (String component : COMPONENTS) {
                ScriptUtils.executeSqlScript(connection, new ClassPathResource(
                        "org/camunda/bpm/engine/db/create/activiti." + database + ".create." + component + ".sql"));
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create index if not exists sd_idx_job_due_date on act_ru_job (duedate_)");
        }
    }

    private static String database(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return "postgres";
        }
        if (product.contains("h2")) {
            return "h2";
        }
        throw new IllegalStateException("Support Desk runs on PostgreSQL or H2, not on " + product);
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        for (String name : List.of(table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
            try (ResultSet tables = metadata.getTables(connection.getCatalog(), connection.getSchema(), name,
                    new String[]{"TABLE", "BASE TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
