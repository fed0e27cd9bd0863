package org.supportdesk.engine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one row of {@code startup_lock} that starting nodes take turns at. */
@Repository
class StartupLockRepository {

    private final JdbcClient jdbc;

    StartupLockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for the row lock and holds it until the caller's transaction ends. */
    void lock() {
        jdbc.sql("select id from startup_lock where id = 1 for update").query(Integer.class).single();
    }
}
