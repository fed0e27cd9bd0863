package org.supportdesk.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.Api.Response;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.Tickets;

/**
 * R1, R2 in production: there is no demo data, so managers register each customer organisation, its licences and its
 * first owner, who chooses a password through the mailed link and files tickets.
 */
@SupportDeskTest
class CustomerAdministrationTest {

    @Autowired Api api;
    @Autowired Mailbox mailbox;

    final String id = "cust-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aManagerRegistersACustomerWhoseInvitedOwnerFilesATicket() {
        Response registered = manager().post("/api/staff/organizations", Map.of("id", id, "name", "Umbrella Corp",
                "timeZone", "Europe/Berlin", "holidayRegion", "DE"));
        Response licensed = manager().exchange(org.springframework.http.HttpMethod.PUT,
                "/api/staff/organizations/" + id + "/licences/" + id.toUpperCase() + "-LC-1",
                Map.of("product", "LIFECYCLE", "expiresOn", "2099-12-31"));
        Response owner = manager().post("/api/staff/organizations/" + id + "/owners",
                Map.of("email", "uma@" + id + ".example", "name", "Uma Owner"));

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.headers().getLocation()).hasPath("/api/staff/organizations/" + id);
        assertThat(licensed.status()).isEqualTo(201);
        assertThat(owner.status()).isEqualTo(201);
        String token = InvitationTest.token(mailbox.to("uma@" + id + ".example").get(0).body());
        assertThat(api.anonymous().post("/api/invitations/" + token, Map.of("password", "umbrella passphrase"))
                .status()).isEqualTo(204);
        Response me = api.as("uma@" + id + ".example", "umbrella passphrase").get("/api/me");
        assertThat(me.<Boolean>json("$.owner")).isTrue();
        assertThat(me.<Boolean>json("$.authorizedContact")).isTrue();
        assertThat(api.as("uma@" + id + ".example", "umbrella passphrase").post("/api/tickets", Tickets.request())
                .status()).isEqualTo(201);
    }

    @Test
    void aRenewalChangesTheSameLicence() {
        manager().post("/api/staff/organizations", Map.of("id", id, "name", "Renewals Ltd", "timeZone", "UTC",
                "holidayRegion", "GB"));
        String key = "/api/staff/organizations/" + id + "/licences/REN-" + id;
        manager().exchange(org.springframework.http.HttpMethod.PUT, key,
                Map.of("product", "LIFECYCLE", "expiresOn", "2026-01-31"));

        Response renewed = manager().exchange(org.springframework.http.HttpMethod.PUT, key,
                Map.of("product", "LIFECYCLE", "expiresOn", "2027-01-31", "extendedSupport", true));

        assertThat(renewed.status()).isEqualTo(204);
        assertThat(manager().get("/api/staff/organizations").<List<String>>json("$[?(@.id == '" + id + "')].name"))
                .containsExactly("Renewals Ltd");
    }

    @Test
    void badRegistrationsAreRefusedAndChangeNothing() {
        Response invalid = manager().post("/api/staff/organizations", Map.of("id", "Not An Id", "name", "",
                "timeZone", "Mars/Olympus", "holidayRegion", "XX-nowhere"));
        manager().post("/api/staff/organizations", Map.of("id", id, "name", "Once", "timeZone", "UTC",
                "holidayRegion", "US"));
        Response twice = manager().post("/api/staff/organizations", Map.of("id", id, "name", "Twice",
                "timeZone", "UTC", "holidayRegion", "US"));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.<List<String>>json("$.errors[*].field"))
                .containsExactly("id", "name", "timeZone", "holidayRegion");
        assertThat(twice.status()).isEqualTo(409);
    }

    @Test
    void agentsMayNotRegisterCustomers() {
        Response refused = api.as("agent", "agent").post("/api/staff/organizations", Map.of("id", id, "name", "X",
                "timeZone", "UTC", "holidayRegion", "US"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.as("agent", "agent").get("/api/staff/organizations").status()).isEqualTo(200);
    }

    private Api.Caller manager() {
        return api.as("manager", "manager");
    }
}
