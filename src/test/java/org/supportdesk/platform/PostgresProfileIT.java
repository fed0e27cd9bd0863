package org.supportdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.supportdesk.SupportDeskApplication;
import org.supportdesk.account.EligibilityService;
import org.supportdesk.catalog.Product;
import org.supportdesk.catalog.ConcernType;

/** The `postgres` profile: Flyway, the engine schema and the demo data on a real PostgreSQL server. */
class PostgresProfileIT {

    static ConfigurableApplicationContext app;

    @BeforeAll
    static void startOnFreshDatabase() throws Exception {
        String url = PostgresDatabase.recreate("supportdesk_it");
        app = new SpringApplicationBuilder(SupportDeskApplication.class)
                .profiles("postgres", "demo")
                // command-line arguments win over application*.yaml (builder properties would not)
                .run("--spring.datasource.url=" + url, "--server.port=0",
                        "--camunda.bpm.job-execution.enabled=false", "--support.mail.inbound.polling=false",
                        "--spring.mail.port=3325", "--support.mail.embedded.smtp-port=3325",
                        "--support.mail.embedded.imap-port=3443");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void runsOnItsOwnFreshDatabase() {
        assertThat(app.getBean(JdbcClient.class).sql("select current_database()").query(String.class).single())
                .isEqualTo("supportdesk_it");
    }

    @Test
    void flywayCreatedTheApplicationTables() {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Integer.class).single())
                .isPositive();
        assertThat(jdbc.sql("select count(*) from org_member").query(Integer.class).single()).isEqualTo(6);
    }

    @Test
    void eligibilityWorksOnPostgres() {
        EligibilityService eligibility = app.getBean(EligibilityService.class);
        assertThat(eligibility.check("alice@acme.example", Product.REPOSITORY_MANAGER, ConcernType.PROBLEM)
                .extendedSupport()).isTrue();
        assertThat(eligibility.check("dave@initech.example", Product.REPOSITORY_MANAGER, ConcernType.PROBLEM)
                .eligible()).isFalse();
    }
}
