package org.supportdesk.account;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** For managers: every organisation and how many of its SEV-1 reports were not production outages (R20). */
@RestController
@RequestMapping("/api/staff/organizations")
class StaffAccountController {

    private final AccountRepository accounts;

    StaffAccountController(AccountRepository accounts) {
        this.accounts = accounts;
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
