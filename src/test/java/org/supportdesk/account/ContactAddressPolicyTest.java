package org.supportdesk.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R3: lists and shared mailboxes as people name them are not individuals; people are, whatever their names. */
class ContactAddressPolicyTest {

    /** The shipped list (application.yaml), as the record's defaults carry it. */
    static final List<String> SHIPPED = List.of("support", "team", "dev", "all", "info", "admin", "it", "noreply",
            "no-reply", "helpdesk", "sales", "staff", "list", "group", "*-list", "*-team", "*-group");

    ContactAddressPolicy policy = new ContactAddressPolicy(
            new AccountProperties(4, SHIPPED, java.time.Duration.ofDays(7), java.time.Duration.ofHours(1)));

    @ParameterizedTest
    @ValueSource(strings = {"support@acme.example", "Team@acme.example", "dev@acme.example", "all@acme.example",
            "it@acme.example", "noreply@acme.example", "ops-list@acme.example", "platform-team@acme.example",
            "support+tickets@acme.example", "support-emea@acme.example", "dev-team@acme.example",
            "all-staff@acme.example", "all_staff@acme.example", "eng-group@acme.example", "no-reply-eu@acme.example",
            "emea-support@acme.example", "it-ops@acme.example", "SALES_DE@acme.example"})
    void roleAndListAddressesAreNotIndividuals(String email) {
        assertThat(policy.isRoleAddress(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@acme.example", "devon@acme.example", "teamlead.smith@acme.example",
            "italo@acme.example", "listener@acme.example", "dev.patel@acme.example", "allison@acme.example",
            "mary-ann@acme.example", "groupe.jean@acme.example", "no.reply.jones@acme.example"})
    void personalAddressesAreIndividuals(String email) {
        assertThat(policy.isRoleAddress(email)).isFalse();
    }
}
