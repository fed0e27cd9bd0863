package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.supportdesk.catalog.ConcernType;

/** R4 against the real schema, without a process engine. "Now" is 2026-11-27 03:00 UTC. */
@JdbcTest
@Import({AccountRepository.class, EligibilityService.class, EligibilityServiceTest.FixedClock.class})
@EnableConfigurationProperties(AccountProperties.class)
@org.springframework.boot.autoconfigure.ImportAutoConfiguration(
        org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration.class) // R5's words
class EligibilityServiceTest {

    static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    static final LocalDate FUTURE = LocalDate.of(2099, 1, 1);

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired AccountRepository accounts;
    @Autowired EligibilityService eligibility;

    @Test
    void authorizedContactWithActiveLicenceIsEligible() {
        organization("acme", "America/New_York", licence(Product.LIFECYCLE, FUTURE, false));
        member("alice@acme.example", "acme", false, true);

        Eligibility result = eligibility.check("alice@acme.example", Product.LIFECYCLE, ConcernType.PROBLEM);

        assertThat(result.eligible()).isTrue();
        assertThat(result.reason()).isEqualTo(EligibilityReason.AUTHORIZED_CONTACT);
        assertThat(result.organizationId()).isEqualTo("acme");
        assertThat(result.extendedSupport()).isFalse();
        assertThat(result.guidance()).isNull();
    }

    @Test
    void addressIsMatchedWhateverItsCase() {
        organization("acme", "America/New_York", licence(Product.LIFECYCLE, FUTURE, false));
        member("alice@acme.example", "acme", false, true);

        assertThat(eligibility.check(" Alice@ACME.example", Product.LIFECYCLE, ConcernType.QUESTION).eligible()).isTrue();
    }

    @Test
    void extendedSupportIsReadFromTheProductsActiveLicence() {
        organization("acme", "America/New_York", licence(Product.REPOSITORY_MANAGER, FUTURE, true),
                licence(Product.LIFECYCLE, FUTURE, false));
        member("alice@acme.example", "acme", false, true);

        assertThat(eligibility.check("alice@acme.example", Product.REPOSITORY_MANAGER, ConcernType.CRITICAL_OUTAGE)
                .extendedSupport()).isTrue();
        assertThat(eligibility.check("alice@acme.example", Product.LIFECYCLE, ConcernType.CRITICAL_OUTAGE)
                .extendedSupport()).isFalse();
    }

    @Test
    void expiredExtendedSupportLicenceGivesNoExtendedSupport() {
        organization("acme", "America/New_York", licence(Product.REPOSITORY_MANAGER, LocalDate.of(2026, 1, 1), true),
                licence(Product.REPOSITORY_MANAGER, FUTURE, false));
        member("alice@acme.example", "acme", false, true);

        Eligibility result = eligibility.check("alice@acme.example", Product.REPOSITORY_MANAGER, ConcernType.PROBLEM);

        assertThat(result.eligible()).isTrue();
        assertThat(result.extendedSupport()).isFalse();
    }

    @Test
    void r21_theAddOnCountsUpToAndIncludingItsExpiryDayInTheOrganisationsZone() {
        // now is 2026-11-27 03:00 UTC: still 26 November in New York, already 27 November in Berlin
        organization("acme", "America/New_York",
                licence(Product.REPOSITORY_MANAGER, FUTURE, LocalDate.of(2026, 11, 26)));
        organization("globex", "Europe/Berlin", licence(Product.REPOSITORY_MANAGER, FUTURE, LocalDate.of(2026, 11, 26)));
        member("alice@acme.example", "acme", false, true);
        member("carol@globex.example", "globex", false, true);

        assertThat(eligibility.check("alice@acme.example", Product.REPOSITORY_MANAGER, ConcernType.CRITICAL_OUTAGE)
                .extendedSupport()).as("the add-on's last day in New York").isTrue();
        assertThat(eligibility.check("carol@globex.example", Product.REPOSITORY_MANAGER, ConcernType.CRITICAL_OUTAGE)
                .extendedSupport()).as("the day after it in Berlin").isFalse();
    }

    @Test
    void r21_anAddOnThatLapsedGivesNoExtendedSupportThoughTheLicenceIsActive() {
        organization("acme", "America/New_York", licence(Product.REPOSITORY_MANAGER, FUTURE, LocalDate.of(2026, 10, 31)));
        member("alice@acme.example", "acme", false, true);

        Eligibility result = eligibility.check("alice@acme.example", Product.REPOSITORY_MANAGER,
                ConcernType.CRITICAL_OUTAGE);

        assertThat(result.eligible()).isTrue();
        assertThat(result.extendedSupport()).isFalse();
    }

    @Test
    void r21_anAddOnOutlastingItsLicenceEndsWithTheLicence() {
        organization("acme", "America/New_York", licence(Product.REPOSITORY_MANAGER, LocalDate.of(2026, 10, 31),
                FUTURE), licence(Product.REPOSITORY_MANAGER, FUTURE, (LocalDate) null));
        member("alice@acme.example", "acme", false, true);

        assertThat(eligibility.check("alice@acme.example", Product.REPOSITORY_MANAGER, ConcernType.CRITICAL_OUTAGE)
                .extendedSupport()).isFalse();
    }

    @Test
    void r21_aRequestThatNamesNoProductHasNoExtendedSupport() {
        organization("acme", "America/New_York", licence(Product.REPOSITORY_MANAGER, FUTURE, true));
        member("alice@acme.example", "acme", false, true);

        assertThat(eligibility.check("alice@acme.example", null, ConcernType.OTHER).extendedSupport()).isFalse();
    }

    @Test
    void r21_mailToExtendedSupportIsAboutTheProductWhoseAddOnIsActive() {
        organization("acme", "America/New_York", licence(Product.LIFECYCLE, FUTURE, false),
                licence(Product.REPOSITORY_MANAGER, FUTURE, true), licence(Product.FIREWALL, FUTURE, false));

        assertThat(eligibility.extendedSupportMail("acme"))
                .isEqualTo(new EligibilityService.ExtendedSupportMail(Product.REPOSITORY_MANAGER, true));
    }

    @Test
    void r21_mailToExtendedSupportWithSeveralActiveAddOnsIsCoveredAndLeavesTheProductToTheEngineer() {
        organization("acme", "America/New_York", licence(Product.LIFECYCLE, FUTURE, true),
                licence(Product.REPOSITORY_MANAGER, FUTURE, true));

        assertThat(eligibility.extendedSupportMail("acme"))
                .isEqualTo(new EligibilityService.ExtendedSupportMail(null, true));
    }

    @Test
    void r21_mailToExtendedSupportAfterTheAddOnLapsedIsAboutItsProductWithoutExtendedSupport() {
        organization("acme", "America/New_York", licence(Product.LIFECYCLE, FUTURE, false),
                licence(Product.REPOSITORY_MANAGER, FUTURE, LocalDate.of(2026, 11, 25)));

        assertThat(eligibility.extendedSupportMail("acme"))
                .isEqualTo(new EligibilityService.ExtendedSupportMail(Product.REPOSITORY_MANAGER, false));
    }

    @Test
    void r21_mailToExtendedSupportFromAnOrganisationWithOneLicensedProductIsAboutThatProduct() {
        organization("acme", "America/New_York", licence(Product.LIFECYCLE, FUTURE, false),
                licence(Product.FIREWALL, LocalDate.of(2025, 1, 31), true));
        organization("globex", "Europe/Berlin", licence(Product.LIFECYCLE, FUTURE, false),
                licence(Product.FIREWALL, FUTURE, false));

        assertThat(eligibility.extendedSupportMail("acme"))
                .isEqualTo(new EligibilityService.ExtendedSupportMail(Product.LIFECYCLE, false));
        assertThat(eligibility.extendedSupportMail("globex")).as("several products, never an add-on")
                .isEqualTo(new EligibilityService.ExtendedSupportMail(null, false));
    }

    @Test
    void unknownSenderIsToldWhoCanFile() {
        Eligibility result = eligibility.check("stranger@example.com", Product.LIFECYCLE, ConcernType.PROBLEM);

        assertThat(result.eligible()).isFalse();
        assertThat(result.reason()).isEqualTo(EligibilityReason.UNKNOWN_SENDER);
        assertThat(result.organizationId()).isNull();
        assertThat(result.guidance()).contains("authorized support contacts").contains("owner");
    }

    @Test
    void memberWhoIsNotAContactIsToldTheContactsAndOwners() {
        organization("acme", "America/New_York", licence(Product.LIFECYCLE, FUTURE, false));
        member("alice@acme.example", "acme", true, true);
        member("bob@acme.example", "acme", false, true);
        member("erin@acme.example", "acme", false, false);

        Eligibility result = eligibility.check("erin@acme.example", Product.LIFECYCLE, ConcernType.PROBLEM);

        assertThat(result.reason()).isEqualTo(EligibilityReason.NOT_AUTHORIZED_CONTACT);
        assertThat(result.organizationId()).isEqualTo("acme");
        assertThat(result.guidance()).contains("alice@acme.example, bob@acme.example")
                .contains("ask an owner of your organisation (alice@acme.example)")
                .contains("up to 4");
    }

    @Test
    void expiredLicenceIsNotEnough() {
        organization("initech", "America/Chicago", licence(Product.REPOSITORY_MANAGER, LocalDate.of(2025, 1, 31), false));
        member("dave@initech.example", "initech", true, true);

        Eligibility result = eligibility.check("dave@initech.example", Product.REPOSITORY_MANAGER, ConcernType.PROBLEM);

        assertThat(result.reason()).isEqualTo(EligibilityReason.NO_ACTIVE_LICENCE);
        assertThat(result.guidance()).contains("no active licence for REPOSITORY_MANAGER");
    }

    @Test
    void licenceForAnotherProductIsNotEnough() {
        organization("globex", "Europe/Berlin", licence(Product.LIFECYCLE, FUTURE, false));
        member("carol@globex.example", "globex", true, true);

        assertThat(eligibility.check("carol@globex.example", Product.FIREWALL, ConcernType.QUESTION).reason())
                .isEqualTo(EligibilityReason.NO_ACTIVE_LICENCE);
    }

    @Test
    void licenceIsActiveThroughItsExpiryDayInTheOrganisationsZone() {
        // 03:00 UTC is still 26 November in New York but already 27 November in Berlin
        LocalDate yesterdayUtc = LocalDate.of(2026, 11, 26);
        organization("ny", "America/New_York", licence(Product.LIFECYCLE, yesterdayUtc, false));
        organization("berlin", "Europe/Berlin", licence(Product.LIFECYCLE, yesterdayUtc, false));
        member("a@ny.example", "ny", false, true);
        member("b@berlin.example", "berlin", false, true);

        assertThat(eligibility.check("a@ny.example", Product.LIFECYCLE, ConcernType.PROBLEM).eligible()).isTrue();
        assertThat(eligibility.check("b@berlin.example", Product.LIFECYCLE, ConcernType.PROBLEM).eligible()).isFalse();
    }

    @Test
    void ownerWhoIsNotAContactMayFileAnAccountChangeOnly() {
        organization("acme", "America/New_York", licence(Product.LIFECYCLE, FUTURE, false));
        member("frank@acme.example", "acme", true, false);

        assertThat(eligibility.check("frank@acme.example", Product.LIFECYCLE, ConcernType.CUSTOMER_ACCOUNT_CHANGE)
                .reason()).isEqualTo(EligibilityReason.OWNER_ACCOUNT_CHANGE);
        assertThat(eligibility.check("frank@acme.example", Product.LIFECYCLE, ConcernType.PROBLEM).reason())
                .isEqualTo(EligibilityReason.NOT_AUTHORIZED_CONTACT);
    }

    @Test
    void plainMemberMayNotFileAnAccountChange() {
        organization("acme", "America/New_York", licence(Product.LIFECYCLE, FUTURE, false));
        member("erin@acme.example", "acme", false, false);

        assertThat(eligibility.check("erin@acme.example", Product.LIFECYCLE, ConcernType.CUSTOMER_ACCOUNT_CHANGE)
                .eligible()).isFalse();
    }

    @Test
    void accountChangeGetsThroughWhenLicencesLapsed() {
        organization("initech", "America/Chicago", licence(Product.REPOSITORY_MANAGER, LocalDate.of(2025, 1, 31), false));
        member("dave@initech.example", "initech", true, true);

        assertThat(eligibility.check("dave@initech.example", Product.REPOSITORY_MANAGER,
                ConcernType.CUSTOMER_ACCOUNT_CHANGE).eligible()).isTrue();
    }

    @Test
    void withoutAProductAnyActiveLicenceCounts() {
        organization("globex", "Europe/Berlin", licence(Product.LIFECYCLE, FUTURE, false));
        member("carol@globex.example", "globex", true, true);

        assertThat(eligibility.check("carol@globex.example", null, ConcernType.OTHER).eligible()).isTrue();
    }

    private void organization(String id, String zone, Licence... licences) {
        accounts.insertOrganization(new Organization(id, id.toUpperCase(), ZoneId.of(zone), "US"));
        for (Licence licence : licences) {
            accounts.insertLicence(id, licence);
        }
    }

    private static int keys;

    private static Licence licence(Product product, LocalDate expiresOn, boolean extendedSupport) {
        return licence(product, expiresOn, extendedSupport ? expiresOn : null);
    }

    private static Licence licence(Product product, LocalDate expiresOn, LocalDate extendedSupportUntil) {
        return new Licence(product, "KEY-" + (++keys), expiresOn, SupportLevel.STANDARD, extendedSupportUntil);
    }

    private void member(String email, String org, boolean owner, boolean authorized) {
        accounts.insertMember(new Member(email, org, email, owner, authorized), null, NOW);
    }
}
