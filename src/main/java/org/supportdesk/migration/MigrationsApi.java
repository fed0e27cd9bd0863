package org.supportdesk.migration;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff and analysts: which running instances are not on their diagram's latest version, and why. */
@RestController
class MigrationsApi {

    private final InstanceMigrations migrations;

    MigrationsApi(InstanceMigrations migrations) {
        this.migrations = migrations;
    }

    @GetMapping("/api/staff/migrations")
    List<InstanceMigrations.Behind> behind() {
        return migrations.behind();
    }
}
