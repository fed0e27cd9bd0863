package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.Api.Response;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;

/**
 * Customers change their password and reset a forgotten one by a mailed link; either ends the remembered API logins
 * of the old password at once. The reset answer never tells whether an address has an account.
 */
@SupportDeskTest
class PasswordTest {

    static final Pattern RESET_LINK = Pattern.compile("/password-reset/([A-Za-z0-9_-]{20,})");

    @Autowired Api api;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;

    OrgFixture org;
    String pia;

    @BeforeEach
    void member() {
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        pia = org.contact("pia");
    }

    @Test
    void aMemberChangesTheirPasswordAndTheOldOneStopsWorkingAtOnce() {
        assertThat(api.as(pia).get("/api/me").status()).isEqualTo(200);

        Response changed = api.as(pia).exchange(HttpMethod.PUT, "/api/me/password",
                Map.of("currentPassword", TestFixtures.PASSWORD, "newPassword", "a much longer one 1"));

        assertThat(changed.status()).isEqualTo(204);
        // the old password was remembered a moment ago: it must not work any more, on any node
        assertThat(api.as(pia).get("/api/me").status()).isEqualTo(401);
        assertThat(api.as(pia, "a much longer one 1").get("/api/me").status()).isEqualTo(200);
        assertThat(mailbox.to(pia, "password was changed")).hasSize(1);
    }

    @Test
    void theCurrentPasswordMustBeRightAndTheNewOneFollowTheRules() {
        Response wrongCurrent = api.as(pia).exchange(HttpMethod.PUT, "/api/me/password",
                Map.of("currentPassword", "not it", "newPassword", "a much longer one 1"));
        Response tooShort = api.as(pia).exchange(HttpMethod.PUT, "/api/me/password",
                Map.of("currentPassword", TestFixtures.PASSWORD, "newPassword", "short"));
        Response tooLongForBcrypt = api.as(pia).exchange(HttpMethod.PUT, "/api/me/password",
                Map.of("currentPassword", TestFixtures.PASSWORD, "newPassword", "x".repeat(100)));

        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.<String>json("$.errors[0].field")).isEqualTo("currentPassword");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.<String>json("$.errors[0].field")).isEqualTo("newPassword");
        assertThat(tooLongForBcrypt.status()).isEqualTo(400);
        assertThat(tooLongForBcrypt.<String>json("$.detail")).contains("72 bytes");
        assertThat(api.as(pia).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void aHundredCharacterPasswordAtSignInIsAWrongPasswordNotAnError() {
        Response response = api.as(pia, "p".repeat(100)).get("/api/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("72 bytes").doesNotContainIgnoringCase("exception");
    }

    @Test
    void aForgottenPasswordIsResetWithTheMailedLinkOnce() {
        Response asked = api.anonymous().post("/api/password-resets", Map.of("email", pia));
        String token = resetToken(pia);

        Response reset = api.anonymous().post("/api/password-resets/" + token, Map.of("password", "a new long secret"));

        assertThat(asked.status()).isEqualTo(202);
        assertThat(reset.status()).isEqualTo(204);
        assertThat(api.as(pia).get("/api/me").status()).isEqualTo(401);
        assertThat(api.as(pia, "a new long secret").get("/api/me").status()).isEqualTo(200);
        assertThat(api.anonymous().post("/api/password-resets/" + token, Map.of("password", "another long one"))
                .status()).isEqualTo(404);
    }

    @Test
    void theAnswerIsTheSameWhetherOrNotTheAddressHasAnAccount() {
        Response known = api.anonymous().post("/api/password-resets", Map.of("email", pia));
        Response unknown = api.anonymous().post("/api/password-resets", Map.of("email", org.email("nobody")));

        assertThat(unknown.status()).isEqualTo(known.status());
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(mailbox.to(org.email("nobody"))).isEmpty();
        assertThat(mailbox.to(pia, "new Support Desk password")).hasSize(1);
    }

    @Test
    void aNewLinkVoidsTheOlderOneAndLinksExpireAfterAnHour() {
        api.anonymous().post("/api/password-resets", Map.of("email", pia));
        String first = resetToken(pia);
        api.anonymous().post("/api/password-resets", Map.of("email", pia));
        String second = resetTokens(pia)[1];

        assertThat(api.anonymous().get("/api/password-resets/" + first).status()).isEqualTo(404);
        assertThat(api.anonymous().get("/api/password-resets/" + second).status()).isEqualTo(200);
        EngineTime.set(EngineTime.now().plus(Duration.ofMinutes(61)));
        assertThat(api.anonymous().post("/api/password-resets/" + second, Map.of("password", "a new long secret"))
                .status()).isEqualTo(404);
    }

    @Test
    void atMostThreeLinksAnHourReachOneMailbox() {
        for (int i = 0; i < 6; i++) {
            assertThat(api.anonymous().post("/api/password-resets", Map.of("email", pia)).status()).isEqualTo(202);
        }

        assertThat(mailbox.to(pia, "new Support Desk password")).hasSize(3);
    }

    @Test
    void aResetPasswordFollowsTheRules() {
        api.anonymous().post("/api/password-resets", Map.of("email", pia));

        Response refused = api.anonymous().post("/api/password-resets/" + resetToken(pia), Map.of("password", "short"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(api.as(pia).get("/api/me").status()).isEqualTo(200);
    }

    String resetToken(String email) {
        return resetTokens(email)[0];
    }

    String[] resetTokens(String email) {
        return mailbox.to(email, "new Support Desk password").stream().map(mail -> {
            Matcher matcher = RESET_LINK.matcher(mail.body());
            assertThat(matcher.find()).as("reset link in " + mail.body()).isTrue();
            return matcher.group(1);
        }).toArray(String[]::new);
    }
}
