package org.supportdesk.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When instances follow a newer version: at start (after the diagrams of {@code processes/} were deployed) and then
 * every {@code support.migration.check-every} (an analyst's deployment from Modeler); unless switched off.
 */
@Component
class MigrationChecks {

    private static final Logger log = LoggerFactory.getLogger(MigrationChecks.class);

    private final InstanceMigrations migrations;
    private final MigrationProperties properties;

    MigrationChecks(InstanceMigrations migrations, MigrationProperties properties) {
        this.migrations = migrations;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        check();
    }

    @Scheduled(fixedDelayString = "${support.migration.check-every:30s}",
            initialDelayString = "${support.migration.check-every:30s}")
    void check() {
        if (!properties.enabled()) {
            return;
        }
        try {
            migrations.migrateToLatest();
        } catch (RuntimeException e) {
            // the next check tries again; what stays behind is listed at /api/staff/migrations
            log.warn("Checking for instances to migrate failed", e);
        }
    }
}
