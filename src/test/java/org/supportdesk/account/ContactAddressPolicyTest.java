package org.supportdesk.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** R3: lists and shared mailboxes as people name them are not individuals; people are, whatever their names. */
class ContactAddressPolicyTest {

    ContactAddressPolicy policy = new ContactAddressPolicy(shipped());

    @ParameterizedTest
    @ValueSource(strings = {"support@acme.example", "Team@acme.example", "dev@acme.example", "all@acme.example",
            "it@acme.example", "noreply@acme.example", "ops-list@acme.example", "platform-team@acme.example",
            "support+tickets@acme.example", "support-emea@acme.example", "dev-team@acme.example",
            "all-staff@acme.example", "all_staff@acme.example", "eng-group@acme.example", "no-reply-eu@acme.example",
            "emea-support@acme.example", "it-ops@acme.example", "SALES_DE@acme.example"})
    void r3_roleAndListAddressesAreNotIndividuals(String email) {
        assertThat(policy.isRoleAddress(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops@acme.example", "devops@acme.example", "nexus-admins@acme.example",
            "sysadmin@acme.example", "sysadmins@acme.example", "postmaster@acme.example", "hostmaster@acme.example",
            "webmaster@acme.example", "root@acme.example", "operations@acme.example", "alerts@acme.example",
            "no-reply@acme.example", "noreply+build@acme.example", "helpdesk@acme.example", "ops-emea@acme.example",
            "sre@acme.example", "on-call@acme.example", "mailer-daemon@acme.example", "Platform_Admins@acme.example"})
    void r3_operationsAliasesAreNotIndividuals(String email) {
        assertThat(policy.isRoleAddress(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@acme.example", "devon@acme.example", "teamlead.smith@acme.example",
            "italo@acme.example", "listener@acme.example", "dev.patel@acme.example", "allison@acme.example",
            "mary-ann@acme.example", "groupe.jean@acme.example", "no.reply.jones@acme.example",
            "opal@acme.example", "rooney@acme.example", "adminsky@acme.example", "ops.kowalski@acme.example",
            "sreeja@acme.example", "rootes.amy@acme.example"})
    void r3_personalAddressesAreIndividuals(String email) {
        assertThat(policy.isRoleAddress(email)).isFalse();
    }

    @Test
    void r3_theListShippedInApplicationYamlIsTheOneWithoutConfiguration() {
        AccountProperties defaults = new Binder().bindOrCreate("support", AccountProperties.class);

        assertThat(shipped().roleAddresses()).isEqualTo(defaults.roleAddresses()).contains("ops", "*admins");
    }

    @Test
    void r3_theListIsConfigurable() {
        ContactAddressPolicy configured = new ContactAddressPolicy(new AccountProperties(4,
                java.util.List.of("dispatch", "*-crew"), java.time.Duration.ofDays(7), java.time.Duration.ofHours(1)));

        assertThat(configured.isRoleAddress("dispatch@acme.example")).isTrue();
        assertThat(configured.isRoleAddress("night-crew@acme.example")).isTrue();
        assertThat(configured.isRoleAddress("ops@acme.example")).isFalse();
    }

    /** The settings application.yaml ships. */
    static AccountProperties shipped() {
        try {
            var yaml = new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"));
            return new Binder(ConfigurationPropertySources.from(yaml)).bind("support", AccountProperties.class)
                    .get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
