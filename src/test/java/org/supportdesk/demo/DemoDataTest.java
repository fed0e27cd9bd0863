package org.supportdesk.demo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.supportdesk.account.AccountProperties;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.ContactAddressPolicy;
import org.supportdesk.account.ContactDesignation;
import org.supportdesk.account.Member;

/** R3 holds for the demo data too: it goes through the same check as every other way of making a contact. */
class DemoDataTest {

    AccountRepository accounts = mock(AccountRepository.class);
    IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);

    /** The contacts inserted so far, per organisation, as the database would count them. */
    Map<String, Integer> contacts = new HashMap<>();

    @BeforeEach
    void aDatabaseThatCountsContacts() {
        when(accounts.findOrganization(anyString())).thenReturn(Optional.empty());
        doAnswer(call -> {
            Member member = call.getArgument(0);
            if (member.authorizedContact()) {
                contacts.merge(member.organizationId(), 1, Integer::sum);
            }
            return null;
        }).when(accounts).insertMember(any(), any(), any());
        when(accounts.countAuthorizedContacts(anyString()))
                .thenAnswer(call -> contacts.getOrDefault(call.<String>getArgument(0), 0));
    }

    @Test
    void r3_demoDataBeyondTheContactLimitStopsTheStartAndNamesTheContact() {

        assertThatThrownBy(() -> demoData(1).setUp())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bob@acme.example cannot be an authorized contact of acme")
                .hasMessageContaining("contact-limit-reached");
        verify(accounts).insertMember(argThat(m -> m.email().equals("alice@acme.example")), any(), any());
        verify(accounts, never()).insertMember(argThat(m -> m.email().equals("bob@acme.example")), any(), any());
    }

    @Test
    void r3_theShippedDemoDataKeepsWithinTheLimit() {
        demoData(4).setUp();

        verify(accounts).insertMember(argThat(m -> m.email().equals("bob@acme.example") && m.authorizedContact()),
                any(), any());
    }

    private DemoData demoData(int maxContacts) {
        AccountProperties defaults = new Binder().bindOrCreate("support", AccountProperties.class);
        AccountProperties properties = new AccountProperties(maxContacts, defaults.roleAddresses(),
                Duration.ofDays(7), Duration.ofHours(1));
        ContactDesignation contacts = new ContactDesignation(accounts, new ContactAddressPolicy(properties),
                properties);
        return new DemoData(accounts, contacts, identity, mock(PasswordEncoder.class), Clock.systemUTC());
    }
}
