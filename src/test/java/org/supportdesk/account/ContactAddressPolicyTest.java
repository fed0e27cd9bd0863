package org.supportdesk.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactAddressPolicyTest {

    ContactAddressPolicy policy = new ContactAddressPolicy(
            new AccountProperties(4, List.of("support", "team", "dev", "all", "it", "noreply", "*-list", "*-team"),
                    java.time.Duration.ofDays(7)));

    @ParameterizedTest
    @ValueSource(strings = {"support@acme.example", "Team@acme.example", "dev@acme.example", "all@acme.example",
            "it@acme.example", "noreply@acme.example", "ops-list@acme.example", "platform-team@acme.example",
            "support+tickets@acme.example"})
    void roleAndListAddressesAreNotIndividuals(String email) {
        assertThat(policy.isRoleAddress(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@acme.example", "devon@acme.example", "teamlead.smith@acme.example",
            "italo@acme.example", "listener@acme.example"})
    void personalAddressesAreIndividuals(String email) {
        assertThat(policy.isRoleAddress(email)).isFalse();
    }
}
