package org.supportdesk.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.supportdesk.Api;
import org.supportdesk.Api.Response;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;
import org.supportdesk.catalog.Product;

/**
 * R1, R2 in production: there is no demo data, so managers register each customer organisation, its licences and its
 * first owner, who chooses a password through the mailed link and files tickets.
 */
@SupportDeskTest
class CustomerAdministrationTest {

    @Autowired Api api;
    @Autowired Mailbox mailbox;
    @Autowired TestFixtures fixtures;
    @Autowired AccountRepository accounts;

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
                Map.of("product", "LIFECYCLE", "expiresOn", "2027-01-31"));

        assertThat(renewed.status()).isEqualTo(204);
        assertThat(manager().get("/api/staff/organizations").<List<String>>json("$[?(@.id == '" + id + "')].name"))
                .containsExactly("Renewals Ltd");
    }

    @Test
    void r21_aManagerRecordsAndRenewsTheExtendedSupportAddOnAndMembersSeeItsTerm() {
        OrgFixture customer = fixtures.organization().licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 1),
                (LocalDate) null);
        String rita = customer.owner("rita");
        String addOn = "/api/staff/organizations/" + customer.id() + "/licences/" + customer.id()
                + "-REPOSITORY_MANAGER-2099-01-01/extended-support";

        Response recorded = manager().exchange(HttpMethod.PUT, addOn, Map.of("expiresOn", "2027-06-30"));
        Response seen = api.as(rita).get("/api/organizations/" + customer.id());
        Response renewed = manager().exchange(HttpMethod.PUT, addOn, Map.of("expiresOn", "2028-06-30"));
        Response seenAgain = api.as(rita).get("/api/organizations/" + customer.id());

        assertThat(recorded.status()).isEqualTo(201);
        assertThat(seen.<List<String>>json("$.licences[*].extendedSupportExpiresOn")).containsExactly("2027-06-30");
        assertThat(seen.<List<Boolean>>json("$.licences[*].extendedSupport")).containsExactly(true);
        assertThat(renewed.status()).isEqualTo(204);
        assertThat(seenAgain.<List<String>>json("$.licences[*].extendedSupportExpiresOn")).containsExactly("2028-06-30");
    }

    @Test
    void r21_renewingTheLicenceLeavesTheAddOnsTermAsItIs() {
        OrgFixture customer = fixtures.organization();
        String rita = customer.owner("rita");
        String licence = "/api/staff/organizations/" + customer.id() + "/licences/RM-" + customer.id();
        manager().exchange(HttpMethod.PUT, licence, Map.of("product", "REPOSITORY_MANAGER", "expiresOn", "2027-01-31"));
        manager().exchange(HttpMethod.PUT, licence + "/extended-support", Map.of("expiresOn", "2026-12-31"));

        Response renewed = manager().exchange(HttpMethod.PUT, licence,
                Map.of("product", "REPOSITORY_MANAGER", "expiresOn", "2028-01-31"));

        assertThat(renewed.status()).isEqualTo(204);
        Response seen = api.as(rita).get("/api/organizations/" + customer.id());
        assertThat(seen.<List<String>>json("$.licences[*].expiresOn")).containsExactly("2028-01-31");
        assertThat(seen.<List<String>>json("$.licences[*].extendedSupportExpiresOn")).containsExactly("2026-12-31");
    }

    @Test
    void r21_theLicencesTermsDoNotCarryTheAddOnAndTheRefusalSaysWhereItGoes() {
        manager().post("/api/staff/organizations", Map.of("id", id, "name", "Add-ons Ltd", "timeZone", "UTC",
                "holidayRegion", "GB"));

        Response refused = manager().exchange(HttpMethod.PUT, "/api/staff/organizations/" + id + "/licences/AO-" + id,
                Map.of("product", "LIFECYCLE", "expiresOn", "2027-01-31", "extendedSupport", true));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.<List<String>>json("$.errors[*].field")).containsExactly("extendedSupport");
        assertThat(refused.body()).contains("PUT /api/staff/organizations/" + id + "/licences/AO-" + id
                + "/extended-support");
        assertThat(manager().exchange(HttpMethod.PUT, "/api/staff/organizations/" + id + "/licences/AO-" + id,
                Map.of("product", "LIFECYCLE", "expiresOn", "2027-01-31")).status())
                .as("nothing was recorded by the refused call").isEqualTo(201);
    }

    @Test
    void r21_theAddOnNeedsAnExpiryAndALicenceOfThatOrganisation() {
        OrgFixture customer = fixtures.organization().activeLicence(Product.LIFECYCLE);
        OrgFixture other = fixtures.organization().activeLicence(Product.LIFECYCLE);
        String key = customer.id() + "-LIFECYCLE-2099-01-01";

        Response noExpiry = manager().exchange(HttpMethod.PUT, "/api/staff/organizations/" + customer.id()
                + "/licences/" + key + "/extended-support", Map.of());
        Response notTheirs = manager().exchange(HttpMethod.PUT, "/api/staff/organizations/" + other.id()
                + "/licences/" + key + "/extended-support", Map.of("expiresOn", "2027-06-30"));

        assertThat(noExpiry.status()).isEqualTo(400);
        assertThat(noExpiry.<List<String>>json("$.errors[*].field")).containsExactly("expiresOn");
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.<String>json("$.detail")).isEqualTo("Licence " + key + " of organisation " + other.id()
                + " was not found.");
    }

    @Test
    void r21_agentsMayNotRecordTheAddOn() {
        OrgFixture customer = fixtures.organization().activeLicence(Product.LIFECYCLE);

        Response refused = api.as("agent", "agent").exchange(HttpMethod.PUT, "/api/staff/organizations/"
                + customer.id() + "/licences/" + customer.id() + "-LIFECYCLE-2099-01-01/extended-support",
                Map.of("expiresOn", "2027-06-30"));

        assertThat(refused.status()).isEqualTo(403);
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

    @Test
    void r3_aFifthContactIsRefusedOnTheStaffApi() {
        OrgFixture full = fourContacts();
        String uma = full.email("uma");

        Response asked = manager().post(owners(full), Map.of("email", uma, "name", "Uma", "authorizedContact", true));
        Response byDefault = manager().post(owners(full), Map.of("email", uma, "name", "Uma"));

        for (Response refused : List.of(asked, byDefault)) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.<String>json("$.detail")).isEqualTo("Organisation " + full.id() + " already has 4"
                    + " authorized support contacts, the most it may have. Invite " + uma + " as an owner who is not"
                    + " a contact (\"authorizedContact\": false), or ask an owner to revoke one of them first.");
            assertThat(refused.<Integer>json("$.maxAuthorizedContacts")).isEqualTo(4);
            assertThat(refused.<List<String>>json("$.authorizedContacts")).containsExactlyInAnyOrder(
                    full.email("olga"), full.email("c2"), full.email("c3"), full.email("c4"));
        }
        assertThat(accounts.findMember(uma)).isEmpty();
        assertThat(mailbox.to(uma)).isEmpty();
    }

    @Test
    void r3_aFullOrganisationStillGetsAnOwnerWhoIsNotAContact() {
        OrgFixture full = fourContacts();
        String uma = full.email("uma");

        Response invited = manager().post(owners(full), Map.of("email", uma, "name", "Uma",
                "authorizedContact", false));

        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.<Boolean>json("$.authorizedContact")).isFalse();
        assertThat(accounts.countAuthorizedContacts(full.id())).isEqualTo(4);
        assertThat(mailbox.to(uma)).hasSize(1);
    }

    @Test
    void r3_anInvitedOwnerWhoIsToBeAContactHoldsAPlaceUntilTheyAccept() {
        OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        String olga = org.owner("olga");
        org.contact("c2");
        org.contact("c3");
        String max = org.member("max", false, false);
        String uma = org.email("uma");
        assertThat(manager().post(owners(org), Map.of("email", uma, "name", "Uma")).status()).isEqualTo(201);

        Response fifth = api.as(olga).put("/api/organizations/" + org.id() + "/authorized-contacts/" + max);
        String token = InvitationTest.token(mailbox.to(uma).get(0).body());
        api.anonymous().post("/api/invitations/" + token, Map.of("password", "umbrella passphrase"));

        assertThat(fifth.status()).isEqualTo(409);
        assertThat(fifth.<List<String>>json("$.authorizedContacts")).contains(uma);
        assertThat(api.as(uma, "umbrella passphrase").get("/api/me").<Boolean>json("$.authorizedContact")).isTrue();
        assertThat(accounts.countAuthorizedContacts(org.id())).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops", "devops", "nexus-admins", "postmaster", "support"})
    void r3_aListAddressIsNotInvitedAsAContactOnTheStaffApi(String localPart) {
        OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        String list = org.email(localPart);

        Response refused = manager().post(owners(org), Map.of("email", list, "name", "Ops"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.<String>json("$.detail")).isEqualTo(list + " looks like a mailing list or shared"
                + " mailbox; an authorized support contact must be a person.");
        assertThat(accounts.findMember(list)).isEmpty();
    }

    private OrgFixture fourContacts() {
        OrgFixture org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        org.owner("olga");
        org.contact("c2");
        org.contact("c3");
        org.contact("c4");
        return org;
    }

    private static String owners(OrgFixture org) {
        return "/api/staff/organizations/" + org.id() + "/owners";
    }

    private Api.Caller manager() {
        return api.as("manager", "manager");
    }
}
