package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For staff: every organisation and how many of its SEV-1 reports were not production outages (R20); for managers
 * and administrators: registering customers, their licences and their first owners (R1, R2).
 */
@RestController
@RequestMapping("/api/staff/organizations")
class StaffAccountController {

    private final AccountRepository accounts;
    private final CustomerAdministration administration;

    StaffAccountController(AccountRepository accounts, CustomerAdministration administration) {
        this.accounts = accounts;
        this.administration = administration;
    }

    record NewOrganization(String id, String name, String timeZone, String holidayRegion) {
    }

    /** @param extendedSupport refused: the add-on has its own term ({@link AddOnTerm}) */
    record LicenceTerms(Product product, LocalDate expiresOn, SupportLevel supportLevel, Boolean extendedSupport) {
    }

    /** R21: the Extended Support add-on of a licence, until (and including) {@code expiresOn}. */
    record AddOnTerm(LocalDate expiresOn) {
    }

    record NewOwner(String email, String name, Boolean authorizedContact) {
    }

    @PostMapping
    ResponseEntity<OrganizationSummary> register(@RequestBody NewOrganization body) {
        Organization organization = administration.register(body.id(), body.name(), body.timeZone(),
                body.holidayRegion());
        return ResponseEntity.created(URI.create("/api/staff/organizations/" + organization.id()))
                .body(new OrganizationSummary(organization.id(), organization.name(), organization.timeZone().getId(),
                        organization.holidayRegion(), 0));
    }

    @PutMapping("/{org}/licences/{key}")
    ResponseEntity<Void> licence(@PathVariable String org, @PathVariable String key, @RequestBody LicenceTerms body) {
        boolean created = administration.licence(org, key, body.product(), body.expiresOn(), body.supportLevel(),
                body.extendedSupport() != null);
        return created ? ResponseEntity.created(URI.create("/api/staff/organizations/" + org + "/licences/" + key))
                .build() : ResponseEntity.noContent().build();
    }

    /** R21: records or renews a licence's Extended Support add-on (managers and administrators). */
    @PutMapping("/{org}/licences/{key}/extended-support")
    ResponseEntity<Void> extendedSupport(@PathVariable String org, @PathVariable String key,
                                         @RequestBody AddOnTerm body) {
        boolean created = administration.extendedSupport(org, key, body.expiresOn());
        return created ? ResponseEntity.created(URI.create("/api/staff/organizations/" + org + "/licences/" + key
                + "/extended-support")).build() : ResponseEntity.noContent().build();
    }

    @PostMapping("/{org}/owners")
    ResponseEntity<Map<String, Object>> owner(@PathVariable String org, @RequestBody NewOwner body,
                                              Principal staff) {
        Member member = administration.inviteOwner(org, body.email(), body.name(),
                body.authorizedContact() == null || body.authorizedContact(), staff.getName());
        return ResponseEntity.status(201).body(Map.of("email", member.email(), "name", member.name(), "owner", true,
                "authorizedContact", member.authorizedContact(), "invited", true));
    }

    record OrganizationSummary(String id, String name, String timeZone, String holidayRegion, int sev1Downgrades) {
    }

    @GetMapping
    List<OrganizationSummary> organizations() {
        return accounts.organizationsWithDowngrades().stream()
                .map(e -> new OrganizationSummary(e.getKey().id(), e.getKey().name(), e.getKey().timeZone().getId(),
                        e.getKey().holidayRegion(), e.getValue()))
                .toList();
    }
}
