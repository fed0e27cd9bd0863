package org.supportdesk.migration;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The switch: with {@code support.migration.enabled: false} every instance finishes on the version it started on. */
class MigrationChecksTest {

    InstanceMigrations migrations = mock(InstanceMigrations.class);

    @Test
    void switchedOffNoCheckMigratesAnything() {
        MigrationChecks checks = new MigrationChecks(migrations, new MigrationProperties(false, Duration.ofSeconds(30)));

        checks.atStart();
        checks.check();

        verify(migrations, never()).migrateToLatest();
    }

    @Test
    void switchedOnTheStartAndEachCheckMigrateAndAFailedCheckLeavesItToTheNext() {
        when(migrations.migrateToLatest()).thenThrow(new IllegalStateException("database away"))
                .thenReturn(java.util.List.of());
        MigrationChecks checks = new MigrationChecks(migrations, new MigrationProperties(true, Duration.ofSeconds(30)));

        checks.atStart();
        checks.check();

        verify(migrations, org.mockito.Mockito.times(2)).migrateToLatest();
    }
}
