package org.supportdesk.account;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api")
class AccountController {

    private final AccountService accounts;
    private final AccountRepository repository;
    private final AccountProperties properties;
    private final Clock clock;

    AccountController(AccountService accounts, AccountRepository repository, AccountProperties properties,
                      Clock clock) {
        this.accounts = accounts;
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    record MeView(String email, String name, String organizationId, String organizationName, boolean owner,
                  boolean authorizedContact) {
    }

    record MemberView(String email, String name, boolean owner, boolean authorizedContact) {
        static MemberView of(Member m) {
            return new MemberView(m.email(), m.name(), m.owner(), m.authorizedContact());
        }
    }

    /**
     * @param extendedSupport          R21: whether the add-on covers this product today (licence and add-on active)
     * @param extendedSupportExpiresOn the add-on's last day, null when the licence has none
     */
    record LicenceView(String product, String key, LocalDate expiresOn, String supportLevel, boolean extendedSupport,
                       LocalDate extendedSupportExpiresOn, boolean active) {
    }

    /** @param sev1Downgrades R20, shown to owners only */
    record OrganizationView(String id, String name, String timeZone, String holidayRegion, List<LicenceView> licences,
                            List<String> authorizedContacts, int maxAuthorizedContacts, Integer sev1Downgrades) {
    }

    record Invitation(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String name) {
    }

    @GetMapping("/me")
    MeView me(@AuthenticationPrincipal UserDetails user) {
        Member me = accounts.me(user.getUsername());
        Organization organization = repository.findOrganization(me.organizationId()).orElseThrow();
        return new MeView(me.email(), me.name(), me.organizationId(), organization.name(), me.owner(),
                me.authorizedContact());
    }

    @GetMapping("/organizations/{org}")
    OrganizationView organization(@AuthenticationPrincipal UserDetails user, @PathVariable String org) {
        Organization organization = accounts.organizationOf(user.getUsername(), org);
        LocalDate today = LocalDate.now(clock.withZone(organization.timeZone()));
        List<LicenceView> licences = repository.licences(org).stream()
                .map(l -> new LicenceView(l.product().name(), l.key(), l.expiresOn(), l.supportLevel().name(),
                        l.hasExtendedSupportOn(today), l.extendedSupportExpiresOn(), l.isActiveOn(today)))
                .toList();
        List<String> contacts = repository.authorizedContacts(org).stream().map(Member::email).toList();
        boolean owner = accounts.me(user.getUsername()).owner();
        return new OrganizationView(organization.id(), organization.name(), organization.timeZone().getId(),
                organization.holidayRegion(), licences, contacts, properties.maxAuthorizedContacts(),
                owner ? repository.sev1Downgrades(org) : null);
    }

    @GetMapping("/organizations/{org}/members")
    List<MemberView> members(@AuthenticationPrincipal UserDetails user, @PathVariable String org) {
        return accounts.members(user.getUsername(), org).stream().map(MemberView::of).toList();
    }

    @PostMapping("/organizations/{org}/members")
    ResponseEntity<MemberView> invite(@AuthenticationPrincipal UserDetails user, @PathVariable String org,
                                      @Valid @RequestBody Invitation invitation) {
        Member member = accounts.invite(user.getUsername(), org, invitation.email(), invitation.name());
        URI location = URI.create("/api/organizations/" + org + "/members/"
                + UriUtils.encodePathSegment(member.email(), java.nio.charset.StandardCharsets.UTF_8));
        return ResponseEntity.created(location).body(MemberView.of(member));
    }

    @PutMapping("/organizations/{org}/authorized-contacts/{email}")
    ResponseEntity<Void> designate(@AuthenticationPrincipal UserDetails user, @PathVariable String org,
                                   @PathVariable String email) {
        accounts.designateContact(user.getUsername(), org, email);
        return ResponseEntity.noContent().build();
    }

    /** R2: owners remove members; the last owner stays. */
    @DeleteMapping("/organizations/{org}/members/{email}")
    ResponseEntity<Void> remove(@AuthenticationPrincipal UserDetails user, @PathVariable String org,
                                @PathVariable String email) {
        accounts.removeMember(user.getUsername(), org, email);
        return ResponseEntity.noContent().build();
    }

    /** R2: owners make other members owners. */
    @PutMapping("/organizations/{org}/owners/{email}")
    ResponseEntity<Void> makeOwner(@AuthenticationPrincipal UserDetails user, @PathVariable String org,
                                   @PathVariable String email) {
        accounts.setOwner(user.getUsername(), org, email, true);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/organizations/{org}/owners/{email}")
    ResponseEntity<Void> removeOwner(@AuthenticationPrincipal UserDetails user, @PathVariable String org,
                                     @PathVariable String email) {
        accounts.setOwner(user.getUsername(), org, email, false);
        return ResponseEntity.noContent().build();
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    /** The caller's own password; every other session and remembered login of theirs ends. */
    @PutMapping("/me/password")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal UserDetails user,
                                        @RequestBody PasswordChange change, HttpServletRequest request) {
        accounts.changePassword(user.getUsername(), change.currentPassword(), change.newPassword(),
                request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/organizations/{org}/authorized-contacts/{email}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal UserDetails user, @PathVariable String org,
                                @PathVariable String email) {
        accounts.revokeContact(user.getUsername(), org, email);
        return ResponseEntity.noContent().build();
    }
}
