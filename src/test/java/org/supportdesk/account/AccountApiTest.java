package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.Api.Response;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;

@SupportDeskTest
class AccountApiTest {

    @Autowired Api api;
    @Autowired TestFixtures fixtures;
    @Autowired AccountRepository accounts;

    OrgFixture org;
    String owner;
    String member;

    @BeforeEach
    void organisationWithOwnerAndMember() {
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        owner = org.owner("olga");
        member = org.member("max", false, false);
    }

    @Test
    void meDescribesTheSignedInMember() {
        Response me = api.as(owner).get("/api/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.<String>json("$.email")).isEqualTo(owner);
        assertThat(me.<String>json("$.organizationId")).isEqualTo(org.id());
        assertThat(me.<Boolean>json("$.owner")).isTrue();
        assertThat(me.<Boolean>json("$.authorizedContact")).isTrue();
    }

    @Test
    void signInIsCaseInsensitiveOnTheAddress() {
        assertThat(api.as(owner.toUpperCase()).get("/api/me").<String>json("$.email")).isEqualTo(owner);
    }

    @Test
    void wrongPasswordIsRefusedWithProblemJson() {
        Response response = api.as(owner, "wrong").get("/api/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.headers().getFirst("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void anonymousCallersAreRefused() {
        assertThat(api.anonymous().get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void demoCustomerCanSignIn() {
        assertThat(api.as("alice@acme.example", "demo").get("/api/me").<String>json("$.organizationId"))
                .isEqualTo("acme");
    }

    @Test
    void organisationShowsLicencesWithTheirActiveState() {
        Response acme = api.as("bob@acme.example", "demo").get("/api/organizations/acme");

        assertThat(acme.status()).isEqualTo(200);
        assertThat(acme.<String>json("$.timeZone")).isEqualTo("America/New_York");
        assertThat(acme.<java.util.List<Boolean>>json("$.licences[?(@.product=='REPOSITORY_MANAGER')].extendedSupport"))
                .containsExactly(true);
        assertThat(acme.<java.util.List<String>>json(
                "$.licences[?(@.product=='REPOSITORY_MANAGER')].extendedSupportExpiresOn")).containsExactly("2099-06-30");
        assertThat(api.as("dave@initech.example", "demo").get("/api/organizations/initech")
                .<java.util.List<Boolean>>json("$.licences[*].active")).containsExactly(false);
    }

    @Test
    void membersAreListedForTheirOwnOrganisation() {
        Response members = api.as(member).get("/api/organizations/" + org.id() + "/members");

        assertThat(members.status()).isEqualTo(200);
        assertThat(members.<java.util.List<String>>json("$[*].email")).containsExactly(member, owner);
    }

    @Test
    void anotherOrganisationDoesNotExistForTheCaller() {
        Response response = api.as(owner).get("/api/organizations/acme/members");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(api.as(owner).get("/api/organizations/acme").status()).isEqualTo(404);
    }

    @Test
    void ownerInvitesAMember() {
        Response response = api.as(owner).post(members(), Map.of("email", org.email("nina"), "name", "Nina"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().getLocation()).hasToString(members() + "/" + org.email("nina"));
        assertThat(accounts.findMember(org.email("nina"))).get()
                .extracting(Member::organizationId, Member::owner, Member::authorizedContact)
                .containsExactly(org.id(), false, false);
    }

    @Test
    void memberCannotInvite() {
        Response response = api.as(member).post(members(), Map.of("email", org.email("nina"), "name", "Nina"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.<String>json("$.detail")).contains("Only an owner").contains(owner);
        assertThat(accounts.findMember(org.email("nina"))).isEmpty();
    }

    @Test
    void invitationWithInvalidFieldsNamesEachField() {
        Response response = api.as(owner).post(members(), Map.of("email", "not-an-address", "name", " "));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<java.util.List<String>>json("$.errors[*].field")).containsExactly("email", "name");
        assertThat(accounts.members(org.id())).hasSize(2);
    }

    @Test
    void anAddressBelongsToOneOrganisation() {
        Response response = api.as(owner).post(members(), Map.of("email", "alice@acme.example", "name", "Alice"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(accounts.findMember("alice@acme.example")).get().extracting(Member::organizationId)
                .isEqualTo("acme");
    }

    @Test
    void ownerDesignatesAndRevokesAContact() {
        assertThat(api.as(owner).put(contact(member)).status()).isEqualTo(204);
        assertThat(accounts.findMember(member).orElseThrow().authorizedContact()).isTrue();

        assertThat(api.as(owner).delete(contact(member)).status()).isEqualTo(204);
        assertThat(accounts.findMember(member).orElseThrow().authorizedContact()).isFalse();
    }

    @Test
    void designatingTwiceIsHarmless() {
        api.as(owner).put(contact(member));

        assertThat(api.as(owner).put(contact(member)).status()).isEqualTo(204);
        assertThat(accounts.countAuthorizedContacts(org.id())).isEqualTo(2);
    }

    @Test
    void r3_aFifthContactIsRefusedOnTheCustomerApiAndNothingChanges() {
        org.contact("c2");
        org.contact("c3");
        org.contact("c4");

        Response response = api.as(owner).put(contact(member));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.<String>json("$.detail")).contains("already has 4 authorized support contacts");
        assertThat(response.<Integer>json("$.maxAuthorizedContacts")).isEqualTo(4);
        assertThat(response.<java.util.List<String>>json("$.authorizedContacts")).hasSize(4).contains(owner);
        assertThat(accounts.countAuthorizedContacts(org.id())).isEqualTo(4);
        assertThat(accounts.findMember(member).orElseThrow().authorizedContact()).isFalse();
    }

    @Test
    void afterARevocationTheFourthPlaceIsFreeAgain() {
        String c2 = org.contact("c2");
        org.contact("c3");
        org.contact("c4");
        api.as(owner).delete(contact(c2));

        assertThat(api.as(owner).put(contact(member)).status()).isEqualTo(204);
        assertThat(accounts.countAuthorizedContacts(org.id())).isEqualTo(4);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dev-team", "ops", "nexus-admins", "no-reply"})
    void r3_aListOrOperationsAddressCannotBeAContactOnTheCustomerApi(String localPart) {
        String list = org.member(localPart, false, false);

        Response response = api.as(owner).put(contact(list));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.<String>json("$.detail")).contains("must be individuals");
        assertThat(accounts.findMember(list).orElseThrow().authorizedContact()).isFalse();
    }

    @Test
    void memberCannotDesignateOrRevoke() {
        String contact = org.contact("c2");

        assertThat(api.as(contact).put(contact(member)).status()).isEqualTo(403);
        assertThat(api.as(contact).delete(contact(owner)).status()).isEqualTo(403);
        assertThat(accounts.findMember(member).orElseThrow().authorizedContact()).isFalse();
        assertThat(accounts.findMember(owner).orElseThrow().authorizedContact()).isTrue();
    }

    @Test
    void ownerCannotDesignateSomeoneOfAnotherOrganisation() {
        assertThat(api.as(owner).put(contact("erin@acme.example")).status()).isEqualTo(404);
        assertThat(api.as(owner).put("/api/organizations/acme/authorized-contacts/erin@acme.example").status())
                .isEqualTo(404);
        assertThat(accounts.findMember("erin@acme.example").orElseThrow().authorizedContact()).isFalse();
    }

    private String members() {
        return "/api/organizations/" + org.id() + "/members";
    }

    private String contact(String email) {
        return "/api/organizations/" + org.id() + "/authorized-contacts/" + email;
    }
}
