package org.supportdesk.engine;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes the engine's own schema lacks for this workload. Every PENDING ticket holds three timer jobs, so the job
 * table grows with the open tickets; acquiring due jobs by due date (jobExecutorAcquireByDueDate, with
 * ensureJobDueDateNotNull) then needs an index on it. Created after the engine has made its tables, idempotently.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EngineIndexes implements ApplicationRunner {

    private final JdbcTemplate jdbc;

    EngineIndexes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        jdbc.execute("create index if not exists sd_idx_job_due_date on act_ru_job (duedate_)");
    }
}
