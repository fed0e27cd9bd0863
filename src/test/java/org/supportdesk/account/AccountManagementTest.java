package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.Api.Response;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.Tickets;

/** R2, R3: owners remove members and choose owners; an organisation always keeps one owner. */
@SupportDeskTest
class AccountManagementTest {

    @Autowired Api api;
    @Autowired TestFixtures fixtures;
    @Autowired Tickets tickets;
    @Autowired Mailbox mailbox;

    OrgFixture org;
    String olga;
    String carl;

    @BeforeEach
    void organisation() {
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        olga = org.owner("olga");
        carl = org.contact("carl");
    }

    @Test
    void aRemovedMemberLosesAccessAtOnceAndTheirTicketsStay() {
        String number = tickets.file(carl);
        assertThat(api.as(carl).get("/api/me").status()).isEqualTo(200);

        Response removed = api.as(olga).delete(members() + "/" + carl);

        assertThat(removed.status()).isEqualTo(204);
        assertThat(api.as(carl).get("/api/me").status()).isEqualTo(401);
        assertThat(api.as(carl).get("/api/tickets/" + number).status()).isEqualTo(401);
        assertThat(api.as(olga).get("/api/organizations/" + org.id()).<List<String>>json("$.authorizedContacts"))
                .doesNotContain(carl);
        Response ticket = api.as(olga).get("/api/tickets/" + number);
        assertThat(ticket.status()).isEqualTo(200);
        assertThat(ticket.<String>json("$.requester.email")).isEqualTo(carl);
    }

    @Test
    void aRemovedMemberLeavesTheCcsOfOpenTickets() {
        String dora = org.contact("dora");
        Map<String, Object> request = Tickets.request();
        request.put("cc", List.of(dora));
        String number = tickets.file(olga, request);

        api.as(olga).delete(members() + "/" + dora);

        assertThat(api.as(olga).get("/api/tickets/" + number).<List<String>>json("$.cc")).doesNotContain(dora);
    }

    @Test
    void theLastOwnerCannotBeRemovedNorStepDown() {
        Response remove = api.as(olga).delete(members() + "/" + olga);
        Response stepDown = api.as(olga).delete(owners() + "/" + olga);

        assertThat(remove.status()).isEqualTo(409);
        assertThat(remove.<String>json("$.detail")).contains("only owner");
        assertThat(stepDown.status()).isEqualTo(409);
        assertThat(api.as(olga).get("/api/me").<Boolean>json("$.owner")).isTrue();
    }

    @Test
    void anOwnerMakesAnotherMemberOwnerWhoThenManagesTheOrganisation() {
        Response made = api.as(olga).put(owners() + "/" + carl);

        assertThat(made.status()).isEqualTo(204);
        assertThat(api.as(carl).get("/api/me").<Boolean>json("$.owner")).isTrue();
        assertThat(api.as(carl).delete(owners() + "/" + olga).status()).isEqualTo(204);
        assertThat(api.as(olga).get("/api/me").<Boolean>json("$.owner")).isFalse();
        assertThat(api.as(olga).delete(members() + "/" + carl).status()).isEqualTo(403);
        assertThat(api.as(carl).delete(members() + "/" + olga).status()).isEqualTo(204);
    }

    @Test
    void onlyOwnersRemoveMembersOrChooseOwners() {
        String erin = org.member("erin", false, false);

        Response remove = api.as(carl).delete(members() + "/" + erin);
        Response promote = api.as(carl).put(owners() + "/" + carl);

        assertThat(remove.status()).isEqualTo(403);
        assertThat(promote.status()).isEqualTo(403);
        assertThat(api.as(erin).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void membersOfAnotherOrganisationCannotBeRemovedFromHere() {
        String stranger = fixtures.organization().activeLicence(Product.LIFECYCLE).owner("sam");

        assertThat(api.as(olga).delete(members() + "/" + stranger).status()).isEqualTo(404);
        assertThat(api.as(stranger).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void invitingAnAddressOfAnotherOrganisationDoesNotRevealThatOrganisation() {
        OrgFixture other = fixtures.organization().activeLicence(Product.LIFECYCLE);
        String sam = other.owner("sam");

        Response refused = api.as(olga).post(members(), Map.of("email", sam, "name", "Sam"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.<String>json("$.detail")).doesNotContain("Org " + other.id())
                .doesNotContainIgnoringCase("organisation");
        assertThat(mailbox.to(sam)).isEmpty();
    }

    private String members() {
        return "/api/organizations/" + org.id() + "/members";
    }

    private String owners() {
        return "/api/organizations/" + org.id() + "/owners";
    }
}
