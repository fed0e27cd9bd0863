package org.supportdesk.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * R21: migration V31 gives the Extended Support add-on a term of its own. A database of the version before keeps
 * every licence's add-on, now expiring with the licence, and a licence without one stays without.
 */
class ExtendedSupportMigrationTest {

    @Test
    void r21_anExistingExtendedSupportFlagBecomesAnAddOnExpiringWithItsLicence() {
        SimpleDriverDataSource database = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("25").load().migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql("insert into organization (id, name, time_zone, holiday_region) values ('acme', 'Acme', 'UTC', 'US')")
                .update();
        jdbc.sql("""
                insert into licence (organization_id, product, licence_key, expires_on, support_level, extended_support)
                values ('acme', 'REPOSITORY_MANAGER', 'RM-1', date '2027-03-31', 'STANDARD', true),
                       ('acme', 'LIFECYCLE', 'LC-1', date '2027-06-30', 'STANDARD', false)""").update();

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        List<Licence> licences = new AccountRepository(jdbc).licences("acme");
        assertThat(licences).extracting(Licence::key, Licence::extendedSupportExpiresOn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("LC-1", null),
                        org.assertj.core.groups.Tuple.tuple("RM-1", LocalDate.of(2027, 3, 31)));
    }
}
