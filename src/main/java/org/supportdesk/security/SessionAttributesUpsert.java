package org.supportdesk.security;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Two requests of one browser session (two tabs, two nodes) that both add the same session attribute both succeed:
 * the attribute is upserted (PostgreSQL {@code INSERT ... ON CONFLICT DO UPDATE}, H2 {@code MERGE}) instead of
 * inserted, which failed the second request with a duplicate key.
 */
@Component
class SessionAttributesUpsert implements SessionRepositoryCustomizer<JdbcIndexedSessionRepository> {

    static final String H2_MERGE = """
            MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
            KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)""";

    private final DataSource dataSource;

    SessionAttributesUpsert(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void customize(JdbcIndexedSessionRepository repository) {
        String database;
        try {
            database = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database keeps the sessions", e);
        }
        if ("PostgreSQL".equals(database)) {
            new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(repository);
        } else if ("H2".equals(database)) {
            repository.setCreateSessionAttributeQuery(H2_MERGE);
        }
    }
}
