package org.supportdesk.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.ContactDesignation;
import org.supportdesk.account.Licence;
import org.supportdesk.account.Member;
import org.supportdesk.account.Organization;
import org.supportdesk.catalog.Product;
import org.supportdesk.account.SupportLevel;
import org.supportdesk.engine.StartupTask;
import org.supportdesk.web.Refusal;

/**
 * The demo organisations, customers and staff of README (customers' password {@code demo}, staff passwords =
 * user names). Added once: a restart on the same database, or a second node, finds them and leaves them alone.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "support.demo-data", havingValue = "true")
class DemoData implements StartupTask {

    private static final LocalDate FAR_FUTURE = LocalDate.of(2099, 12, 31);
    /** R21: Acme's Extended Support add-on for Repository Manager has a term of its own, shorter than the licence's. */
    private static final LocalDate EXTENDED_SUPPORT_UNTIL = LocalDate.of(2099, 6, 30);

    private final AccountRepository accounts;
    private final ContactDesignation contacts;
    private final IdentityService identity;
    private final PasswordEncoder passwords;
    private final Clock clock;

    DemoData(AccountRepository accounts, ContactDesignation contacts, IdentityService identity,
             PasswordEncoder passwords, Clock clock) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.identity = identity;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    public void setUp() {
        staff("agent", "Alex", "Agent", List.of("support-agents", "team-repository", "team-lifecycle",
                "team-general", "team-accounts"));
        staff("manager", "Morgan", "Manager", List.of("support-managers"));
        staff("oncall", "Olivia", "Oncall", List.of("oncall", "team-sev1"));
        staff("backup", "Ben", "Backup", List.of("oncall-backup", "team-sev1"));
        staff("analyst", "Ana", "Analyst", List.of("process-analysts"));
        if (accounts.findOrganization("acme").isEmpty()) {
            customers();
        }
    }

    private void customers() {
        String demo = passwords.encode("demo");
        organization(new Organization("acme", "Acme Corp", ZoneId.of("America/New_York"), "US"),
                List.of(new Licence(Product.REPOSITORY_MANAGER, "ACME-RM-0001", FAR_FUTURE, SupportLevel.STANDARD,
                                EXTENDED_SUPPORT_UNTIL),
                        new Licence(Product.LIFECYCLE, "ACME-LC-0001", FAR_FUTURE, SupportLevel.STANDARD, null)));
        member("alice@acme.example", "acme", "Alice Anders", true, true, demo);
        member("bob@acme.example", "acme", "Bob Baker", false, true, demo);
        member("erin@acme.example", "acme", "Erin Evans", false, false, demo);
        member("frank@acme.example", "acme", "Frank Fischer", true, false, demo);

        organization(new Organization("globex", "Globex GmbH", ZoneId.of("Europe/Berlin"), "DE"),
                List.of(new Licence(Product.LIFECYCLE, "GLOBEX-LC-0001", FAR_FUTURE, SupportLevel.STANDARD, null)));
        member("carol@globex.example", "globex", "Carol Clausen", true, true, demo);

        organization(new Organization("initech", "Initech", ZoneId.of("America/Chicago"), "US"),
                List.of(new Licence(Product.REPOSITORY_MANAGER, "INITECH-RM-0001", LocalDate.of(2025, 1, 31),
                        SupportLevel.STANDARD, null)));
        member("dave@initech.example", "initech", "Dave Dunn", true, true, demo);
    }

    private void organization(Organization organization, List<Licence> licences) {
        accounts.insertOrganization(organization);
        licences.forEach(licence -> accounts.insertLicence(organization.id(), licence));
    }

    /** R3 holds for the demo too: a list address or a contact beyond the limit stops the start, saying which. */
    private void member(String email, String org, String name, boolean owner, boolean authorized, String hash) {
        if (authorized) {
            try {
                contacts.requireMayBecomeContact(org, email, ContactDesignation.By.VENDOR);
            } catch (Refusal refusal) {
                throw new IllegalStateException("The demo data breaks R3: " + email + " cannot be an authorized"
                        + " contact of " + org + " (" + refusal.code() + ", support.max-authorized-contacts and"
                        + " support.role-addresses)", refusal);
            }
        }
        accounts.insertMember(new Member(email, org, name, owner, authorized), hash, clock.instant());
    }

    private void staff(String id, String firstName, String lastName, List<String> groups) {
        if (identity.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identity.newUser(id);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEmail(id + "@support.example");
        user.setPassword(id);
        identity.saveUser(user);
        groups.forEach(group -> identity.createMembership(id, group));
    }
}
