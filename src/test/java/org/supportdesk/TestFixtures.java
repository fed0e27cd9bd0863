package org.supportdesk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.supportdesk.account.AccountRepository;
import org.supportdesk.account.Licence;
import org.supportdesk.account.Member;
import org.supportdesk.account.Organization;
import org.supportdesk.catalog.Product;
import org.supportdesk.account.SupportLevel;

/** Fresh organisations per test, so tests that change accounts never see each other's changes. */
@TestComponent
public class TestFixtures {

    public static final String PASSWORD = "secret";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final AccountRepository accounts;
    private final String passwordHash;

    TestFixtures(AccountRepository accounts, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.passwordHash = passwords.encode(PASSWORD);
    }

    public OrgFixture organization(String zone, String region) {
        String id = "org" + SEQUENCE.incrementAndGet();
        accounts.insertOrganization(new Organization(id, "Org " + id, ZoneId.of(zone), region));
        return new OrgFixture(id);
    }

    public OrgFixture organization() {
        return organization("America/New_York", "US");
    }

    public class OrgFixture {
        private final String id;

        OrgFixture(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public String email(String localPart) {
            return localPart + "@" + id + ".example";
        }

        /** A licence; with {@code extendedSupport} its Extended Support add-on expires with it (R21). */
        public OrgFixture licence(Product product, LocalDate expiresOn, boolean extendedSupport) {
            return licence(product, expiresOn, extendedSupport ? expiresOn : null);
        }

        /** A licence whose Extended Support add-on (R21) ends on {@code extendedSupportUntil} (null: none). */
        public OrgFixture licence(Product product, LocalDate expiresOn, LocalDate extendedSupportUntil) {
            accounts.insertLicence(id, new Licence(product, id + "-" + product + "-" + expiresOn, expiresOn,
                    SupportLevel.STANDARD, extendedSupportUntil));
            return this;
        }

        public OrgFixture activeLicence(Product product) {
            return licence(product, LocalDate.of(2099, 1, 1), false);
        }

        /** Adds a member with password {@link #PASSWORD}; returns the address. */
        public String member(String localPart, boolean owner, boolean authorizedContact) {
            String email = email(localPart);
            accounts.insertMember(new Member(email, id, localPart, owner, authorizedContact), passwordHash,
                    Instant.now());
            return email;
        }

        public String owner(String localPart) {
            return member(localPart, true, true);
        }

        public String contact(String localPart) {
            return member(localPart, false, true);
        }
    }
}
