package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.Api;
import org.supportdesk.Api.Response;
import org.supportdesk.EngineTime;
import org.supportdesk.Mailbox;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.TestFixtures;
import org.supportdesk.TestFixtures.OrgFixture;

/** R2: an invited member gets a mail with a link, chooses a password with it once, and signs in. */
@SupportDeskTest
public class InvitationTest {

    static final Pattern LINK = Pattern.compile("/invitations/([A-Za-z0-9_-]{20,})");

    @Autowired Api api;
    @Autowired TestFixtures fixtures;
    @Autowired Mailbox mailbox;
    @Autowired AccountRepository accounts;
    @Autowired org.springframework.security.crypto.password.PasswordEncoder passwords;

    OrgFixture org;
    String owner;

    @BeforeEach
    void organisation() {
        org = fixtures.organization().activeLicence(Product.LIFECYCLE);
        owner = org.owner("olga");
    }

    @Test
    void invitedMemberIsMailedALink() {
        invite("nina");

        Mailbox.Mail invitation = mailbox.to(org.email("nina")).get(0);
        assertThat(invitation.subject()).isEqualTo("Org " + org.id() + " invites you to Support Desk");
        assertThat(invitation.body()).contains("olga has added you").contains("http://localhost:8080/invitations/");
    }

    @Test
    void theLinkSetsThePasswordAndTheMemberSignsIn() {
        String token = invite("nina");

        Response accepted = api.anonymous().post("/api/invitations/" + token, Map.of("password", "correct horse 1"));

        assertThat(accepted.status()).isEqualTo(204);
        assertThat(api.as(org.email("nina"), "correct horse 1").get("/api/me").<String>json("$.email"))
                .isEqualTo(org.email("nina"));
    }

    @Test
    void theLinkSaysWhomItInvites() {
        String token = invite("nina");

        Response invitee = api.anonymous().get("/api/invitations/" + token);

        assertThat(invitee.<String>json("$.email")).isEqualTo(org.email("nina"));
        assertThat(invitee.<String>json("$.organizationName")).isEqualTo("Org " + org.id());
    }

    @Test
    void theLinkWorksOnce() {
        String token = invite("nina");
        api.anonymous().post("/api/invitations/" + token, Map.of("password", "correct horse 1"));

        Response again = api.anonymous().post("/api/invitations/" + token, Map.of("password", "someone else 2"));

        assertThat(again.status()).isEqualTo(404);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(api.as(org.email("nina"), "correct horse 1").get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void theLinkExpiresAfterAWeek() {
        String token = invite("nina");
        EngineTime.set(EngineTime.now().plus(Duration.ofDays(8)));

        assertThat(api.anonymous().post("/api/invitations/" + token, Map.of("password", "correct horse 1")).status())
                .isEqualTo(404);
        assertThat(accounts.passwordHash(org.email("nina"))).isEmpty();
    }

    @Test
    void aShortPasswordIsRefusedAndNothingChanges() {
        String token = invite("nina");

        Response refused = api.anonymous().post("/api/invitations/" + token, Map.of("password", "short"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.<java.util.List<String>>json("$.errors[*].field")).containsExactly("password");
        assertThat(accounts.passwordHash(org.email("nina"))).isEmpty();
        assertThat(api.anonymous().get("/api/invitations/" + token).status()).isEqualTo(200);
    }

    @Test
    void anUnknownLinkIsNotFound() {
        assertThat(api.anonymous().get("/api/invitations/not-a-real-token-at-all").status()).isEqualTo(404);
    }

    @Test
    void invitingAgainBeforeThePasswordIsSetSendsAFreshLink() {
        invite("nina");

        Response again = api.as(owner).post("/api/organizations/" + org.id() + "/members",
                Map.of("email", org.email("nina"), "name", "Nina"));

        assertThat(again.status()).isEqualTo(201);
        assertThat(mailbox.to(org.email("nina"))).hasSize(2);
    }

    @Test
    void aNewInvitationVoidsTheOlderLinks() {
        String first = invite("nina");
        api.as(owner).post("/api/organizations/" + org.id() + "/members", Map.of("email", org.email("nina"), "name", "Nina"));
        String second = token(mailbox.to(org.email("nina")).get(1).body());

        assertThat(api.anonymous().post("/api/invitations/" + first, Map.of("password", "correct horse 1")).status())
                .isEqualTo(404);
        assertThat(api.anonymous().post("/api/invitations/" + second, Map.of("password", "correct horse 2")).status())
                .isEqualTo(204);
        assertThat(api.anonymous().post("/api/invitations/" + first, Map.of("password", "correct horse 3")).status())
                .isEqualTo(404);
        assertThat(api.as(org.email("nina"), "correct horse 2").get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void aLinkWorksOnlyWhileTheMemberHasNoPassword() {
        String token = invite("nina");
        accounts.changePassword(org.email("nina"), passwords.encode("chosen elsewhere 1"));

        assertThat(api.anonymous().get("/api/invitations/" + token).status()).isEqualTo(404);
        assertThat(api.anonymous().post("/api/invitations/" + token, Map.of("password", "correct horse 1")).status())
                .isEqualTo(404);
        assertThat(api.as(org.email("nina"), "chosen elsewhere 1").get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void passwordsBcryptCannotTakeAreRefusedWithA400ThatSaysSo() {
        String token = invite("nina");

        Response tooLong = api.anonymous().post("/api/invitations/" + token, Map.of("password", "x".repeat(100)));
        Response emoji = api.anonymous().post("/api/invitations/" + token, Map.of("password", "\uD83D\uDD11".repeat(20)));
        Response over128 = api.anonymous().post("/api/invitations/" + token, Map.of("password", "y".repeat(129)));
        Response eleven = api.anonymous().post("/api/invitations/" + token, Map.of("password", "z".repeat(11)));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.<String>json("$.detail")).contains("72 bytes").doesNotContainIgnoringCase("exception");
        assertThat(emoji.status()).isEqualTo(400);
        assertThat(emoji.<String>json("$.detail")).contains("72 bytes");
        assertThat(over128.<String>json("$.detail")).contains("at most 128 characters");
        assertThat(eleven.<String>json("$.detail")).contains("at least 12 characters");
        assertThat(accounts.passwordHash(org.email("nina"))).isEmpty();
        assertThat(api.anonymous().post("/api/invitations/" + token, Map.of("password", "x".repeat(72))).status())
                .isEqualTo(204);
    }

    /** Invites {@code localPart} as the owner and returns the token from the mailed link. */
    String invite(String localPart) {
        Response invited = api.as(owner).post("/api/organizations/" + org.id() + "/members",
                Map.of("email", org.email(localPart), "name", localPart));
        assertThat(invited.status()).isEqualTo(201);
        return token(mailbox.to(org.email(localPart)).get(0).body());
    }

    public static String token(String mailBody) {
        Matcher matcher = LINK.matcher(mailBody);
        assertThat(matcher.find()).as("invitation link in " + mailBody).isTrue();
        return matcher.group(1);
    }
}
