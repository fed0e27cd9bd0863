package org.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Member;
import org.supportdesk.catalog.Product;

/** The organisation page: members, licences, contacts with their limit and rules, invitations (R1–R3, R20). */
@SupportDeskTest
class OrganizationPageTest {

    @Autowired WebApplicationContext context;
    @Autowired TestFixtures fixtures;
    @Autowired AccountRepository accounts;

    MockMvc mvc;
    OrgFixture org;
    String rita;
    String carl;
    String mona;

    @BeforeEach
    void setUp() {
        mvc = Portal.mvc(context);
        EngineTime.setNewYork("2026-12-01T10:00");
        org = fixtures.organization()
                .licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 31), true)
                .licence(Product.FIREWALL, LocalDate.of(2025, 1, 31), false);
        rita = org.owner("rita");
        carl = org.contact("carl");
        mona = org.member("mona", false, false);
    }

    @Test
    void anOwnerSeesMembersContactsLicencesAndTheDowngradeCount() throws Exception {
        accounts.incrementSev1Downgrades(org.id());

        Document page = page(rita);

        assertThat(page.select("h1").text()).isEqualTo("Org " + org.id());
        assertThat(page.select("#contacts-title .count").text()).isEqualTo("2 of 4");
        assertThat(page.select("#contacts").text()).contains("at most 4 authorized contacts")
                .contains("support@, team@, dev@").contains("*-list@");
        assertThat(page.select("#members tbody tr")).hasSize(3);
        assertThat(page.select("tr[id=\"member-" + mona + "\"] td").eachText()).contains("mona", mona, "Member", "—");
        assertThat(page.select("tr[id=\"member-" + mona + "\"] button").eachText())
                .containsExactly("Designate as contact", "Make owner", "Remove");
        assertThat(page.select("tr[id=\"member-" + carl + "\"] button").eachText())
                .containsExactly("Revoke contact", "Make owner", "Remove");
        assertThat(page.select("#licences tbody tr").eachText()).containsExactly(
                "Firewall " + org.id() + "-FIREWALL-2025-01-31 31 Jan 2025 Expired No",
                "Repository Manager " + org.id() + "-REPOSITORY_MANAGER-2099-01-31 31 Jan 2099 Active Yes, until 31 Jan"
                        + " 2099: 24x7 for production outages");
        assertThat(page.select("#sev1-count").text()).isEqualTo("1");
        assertThat(page.select("#invite form input[name=_csrf]")).hasSize(1);
    }

    @Test
    void r21_membersSeeTheExtendedSupportAddOnsTermAndWhenItLapsed() throws Exception {
        OrgFixture lapsed = fixtures.organization()
                .licence(Product.REPOSITORY_MANAGER, LocalDate.of(2099, 1, 31), LocalDate.of(2026, 11, 30))
                .licence(Product.LIFECYCLE, LocalDate.of(2099, 1, 31), LocalDate.of(2026, 12, 1));
        String max = lapsed.member("max", false, false);

        Document page = page(max);

        assertThat(page.select("#licences tbody tr td.extended-support").eachText())
                .containsExactly("Yes, until 1 Dec 2026: 24x7 for production outages", "Expired 30 Nov 2026");
    }

    @Test
    void aMemberSeesTheOrganisationButCannotChangeIt() throws Exception {
        Document page = page(mona);

        assertThat(page.select(".notice.info").text()).contains("Only an owner can", rita);
        assertThat(page.select("#members button")).isEmpty();
        assertThat(page.select("#invite")).isEmpty();
        assertThat(page.select("#sev1")).isEmpty();

        Document refused = Portal.html(mvc.perform(change(mona, "/organization/contacts", mona))
                .andExpect(status().isForbidden()).andReturn());
        assertThat(refused.select("#contact-error").text()).contains("Only an owner of your organisation");
        assertThat(member(mona).authorizedContact()).isFalse();
    }

    @Test
    void anOwnerDesignatesAndRevokesContacts() throws Exception {
        mvc.perform(change(rita, "/organization/contacts", mona))
                .andExpect(redirectedUrl("/organization#contacts"))
                .andExpect(flash().attribute("notice", mona + " is now an authorized support contact."));
        assertThat(member(mona).authorizedContact()).isTrue();

        mvc.perform(change(rita, "/organization/contacts/revoke", mona))
                .andExpect(redirectedUrl("/organization#contacts"))
                .andExpect(flash().attribute("notice", mona + " is no longer an authorized support contact."));
        assertThat(member(mona).authorizedContact()).isFalse();
    }

    @Test
    void r3_aFifthContactIsRefusedOnTheOrganisationPageAndNothingChanges() throws Exception {
        org.contact("dora");
        org.contact("emil");
        assertThat(accounts.countAuthorizedContacts(org.id())).isEqualTo(4);

        Document page = Portal.html(mvc.perform(change(rita, "/organization/contacts", mona))
                .andExpect(status().isConflict()).andReturn());

        assertThat(page.select("#contact-error").text()).isEqualTo("Your organisation already has 4 authorized"
                + " support contacts, the most it may have. Revoke one of them before designating " + mona + ".");
        assertThat(page.select("#contacts-title .count").text()).isEqualTo("4 of 4");
        assertThat(member(mona).authorizedContact()).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ops-list", "devops", "nexus-admins"})
    void r3_aListOrOperationsAddressCannotBeAContactOnTheOrganisationPage(String localPart) throws Exception {
        String list = org.member(localPart, false, false);

        Document page = Portal.html(mvc.perform(change(rita, "/organization/contacts", list))
                .andExpect(status().isUnprocessableEntity()).andReturn());

        assertThat(page.select("#contact-error").text()).contains("looks like a mailing list");
        assertThat(member(list).authorizedContact()).isFalse();
    }

    @Test
    void anOwnerInvitesAMember() throws Exception {
        String gina = org.email("gina");

        mvc.perform(post("/organization/members").param("email", gina).param("name", "Gina Gray")
                        .with(Portal.as(rita)).with(csrf()))
                .andExpect(redirectedUrl("/organization"))
                .andExpect(flash().attribute("notice", "Gina Gray (" + gina + ") is now a member of Org " + org.id() + "."));

        assertThat(member(gina).authorizedContact()).isFalse();
        assertThat(page(rita).select("tr[id=\"member-" + gina + "\"]")).hasSize(1);
    }

    @Test
    void anInvitationNeedsAnAddressAndANameAndKeepsWhatWasTyped() throws Exception {
        Document page = Portal.html(mvc.perform(post("/organization/members").param("email", "not-an-address")
                        .param("name", "").with(Portal.as(rita)).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn());

        assertThat(page.select("#invite-email-error").text()).isEqualTo("This is not an email address.");
        assertThat(page.select("#invite-name-error").text()).isEqualTo("Please enter the name.");
        assertThat(page.select("#invite-email").val()).isEqualTo("not-an-address");
    }

    @Test
    void someoneOfAnotherOrganisationCannotBeInvited() throws Exception {
        String otto = fixtures.organization().owner("otto");

        Document page = Portal.html(mvc.perform(post("/organization/members").param("email", otto)
                        .param("name", "Otto").with(Portal.as(rita)).with(csrf()))
                .andExpect(status().isConflict()).andReturn());

        assertThat(page.select("#invite-error").text()).contains("cannot be invited");
    }

    @Test
    void anotherOrganisationsMemberCannotBeDesignated() throws Exception {
        String otto = fixtures.organization().member("otto", false, false);

        mvc.perform(change(rita, "/organization/contacts", otto)).andExpect(status().isNotFound());

        assertThat(member(otto).authorizedContact()).isFalse();
    }

    @Test
    void changesNeedTheCsrfToken() throws Exception {
        mvc.perform(post("/organization/contacts").param("email", mona).with(Portal.as(rita)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organization/members").param("email", org.email("x")).param("name", "X").with(Portal.as(rita)))
                .andExpect(status().isForbidden());

        assertThat(member(mona).authorizedContact()).isFalse();
        assertThat(accounts.findMember(org.email("x"))).isEmpty();
    }

    private Document page(String email) throws Exception {
        return Portal.html(mvc.perform(get("/organization").with(Portal.as(email))).andExpect(status().isOk()).andReturn());
    }

    private static MockHttpServletRequestBuilder change(String owner, String path, String email) {
        return post(path).param("email", email).with(Portal.as(owner)).with(csrf());
    }

    private Member member(String email) {
        return accounts.findMember(email).orElseThrow();
    }
}
