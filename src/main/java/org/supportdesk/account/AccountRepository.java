package org.supportdesk.account;

import org.supportdesk.catalog.Product;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {

    private static final String MEMBER_COLUMNS = "email, organization_id, name, owner, authorized_contact";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Organization> findOrganization(String id) {
        return jdbc.sql("select id, name, time_zone, holiday_region from organization where id = ?")
                .param(id)
                .query(AccountRepository::organization)
                .optional();
    }

    /** Locks the organisation row so that concurrent contact designations count correctly. */
    public Optional<Organization> lockOrganization(String id) {
        return jdbc.sql("select id, name, time_zone, holiday_region from organization where id = ? for update")
                .param(id)
                .query(AccountRepository::organization)
                .optional();
    }

    public void insertOrganization(Organization organization) {
        jdbc.sql("insert into organization (id, name, time_zone, holiday_region) values (?, ?, ?, ?)")
                .params(organization.id(), organization.name(), organization.timeZone().getId(),
                        organization.holidayRegion())
                .update();
    }

    /** R20: counts one more downgraded SEV-1 report and returns the new count. */
    public int incrementSev1Downgrades(String organizationId) {
        jdbc.sql("update organization set sev1_downgrades = sev1_downgrades + 1 where id = ?")
                .param(organizationId).update();
        return sev1Downgrades(organizationId);
    }

    public int sev1Downgrades(String organizationId) {
        return jdbc.sql("select sev1_downgrades from organization where id = ?")
                .param(organizationId).query(Integer.class).single();
    }

    /** Every organisation with its downgrade count, for managers. */
    public List<java.util.Map.Entry<Organization, Integer>> organizationsWithDowngrades() {
        return jdbc.sql("select id, name, time_zone, holiday_region, sev1_downgrades from organization order by id")
                .query((rs, row) -> java.util.Map.entry(organization(rs, row), rs.getInt("sev1_downgrades")))
                .list();
    }

    public List<Licence> licences(String organizationId) {
        return jdbc.sql("""
                        select product, licence_key, expires_on, support_level, extended_support_expires_on
                        from licence where organization_id = ? order by product, expires_on""")
                .param(organizationId)
                .query(AccountRepository::licence)
                .list();
    }

    /** The licence with this key, if it belongs to this organisation. */
    public Optional<Licence> findLicence(String organizationId, String key) {
        return jdbc.sql("""
                        select product, licence_key, expires_on, support_level, extended_support_expires_on
                        from licence where organization_id = ? and licence_key = ?""")
                .params(organizationId, key)
                .query(AccountRepository::licence)
                .optional();
    }

    /** The organisation a licence key belongs to, if any. */
    public Optional<String> organizationOfLicence(String key) {
        return jdbc.sql("select organization_id from licence where licence_key = ?").param(key).query(String.class)
                .optional();
    }

    /** A renewal: the licence's own terms; its Extended Support add-on keeps its term (R21). */
    public void updateLicence(Licence licence) {
        jdbc.sql("update licence set product = ?, expires_on = ?, support_level = ? where licence_key = ?")
                .params(licence.product().name(), licence.expiresOn(), licence.supportLevel().name(), licence.key())
                .update();
    }

    public void insertLicence(String organizationId, Licence licence) {
        jdbc.sql("""
                        insert into licence (organization_id, product, licence_key, expires_on, support_level,
                                             extended_support_expires_on)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(organizationId, licence.product().name(), licence.key(), licence.expiresOn(),
                        licence.supportLevel().name(), licence.extendedSupportExpiresOn())
                .update();
    }

    /** R21: records or renews the Extended Support add-on of a licence until (and including) {@code expiresOn}. */
    public void setExtendedSupport(String key, java.time.LocalDate expiresOn) {
        jdbc.sql("update licence set extended_support_expires_on = ? where licence_key = ?")
                .params(expiresOn, key).update();
    }

    public Optional<Member> findMember(String email) {
        return jdbc.sql("select " + MEMBER_COLUMNS + " from org_member where email = ?")
                .param(email)
                .query(AccountRepository::member)
                .optional();
    }

    /** What a sign-in checks: the password hash and the version of the credentials (a session holds the version). */
    public record Credentials(String passwordHash, long version) {
    }

    public Optional<Credentials> credentials(String email) {
        return jdbc.sql("select password_hash, credentials_version from org_member where email = ? and password_hash is not null")
                .param(email)
                .query((rs, row) -> new Credentials(rs.getString("password_hash"), rs.getLong("credentials_version")))
                .optional();
    }

    /** Empty when there is no such member any more. */
    public java.util.OptionalLong credentialsVersion(String email) {
        return jdbc.sql("select credentials_version from org_member where email = ?").param(email)
                .query(Long.class).optional().map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty());
    }

    public Optional<String> passwordHash(String email) {
        return jdbc.sql("select password_hash from org_member where email = ? and password_hash is not null")
                .param(email)
                .query(String.class)
                .optional();
    }

    public List<Member> members(String organizationId) {
        return jdbc.sql("select " + MEMBER_COLUMNS + " from org_member where organization_id = ? order by email")
                .param(organizationId)
                .query(AccountRepository::member)
                .list();
    }

    public List<Member> authorizedContacts(String organizationId) {
        return jdbc.sql("select " + MEMBER_COLUMNS
                        + " from org_member where organization_id = ? and authorized_contact order by email")
                .param(organizationId)
                .query(AccountRepository::member)
                .list();
    }

    public int countAuthorizedContacts(String organizationId) {
        return jdbc.sql("select count(*) from org_member where organization_id = ? and authorized_contact")
                .param(organizationId)
                .query(Integer.class)
                .single();
    }

    public void insertMember(Member member, String passwordHash, Instant joinedAt) {
        jdbc.sql("""
                        insert into org_member (email, organization_id, name, password_hash, owner, authorized_contact, joined_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(member.email(), member.organizationId(), member.name(), passwordHash, member.owner(),
                        member.authorizedContact(), java.sql.Timestamp.from(joinedAt))
                .update();
    }

    /** A new password: every session signed in with the old one ends. Returns the new credentials version. */
    public long changePassword(String email, String passwordHash) {
        jdbc.sql("update org_member set password_hash = ?, credentials_version = credentials_version + 1 where email = ?")
                .params(passwordHash, email).update();
        return credentialsVersion(email).orElseThrow();
    }

    /** The first password of an invited member; false when they have one already (a second link, a race). */
    public boolean setFirstPassword(String email, String passwordHash) {
        return jdbc.sql("update org_member set password_hash = ? where email = ? and password_hash is null")
                .params(passwordHash, email).update() == 1;
    }

    public void setOwner(String email, boolean owner) {
        jdbc.sql("update org_member set owner = ? where email = ?").params(owner, email).update();
    }

    public int countOwners(String organizationId) {
        return jdbc.sql("select count(*) from org_member where organization_id = ? and owner")
                .param(organizationId).query(Integer.class).single();
    }

    /** Removes the member and their one-time links; their tickets keep their address as requester. */
    public void deleteMember(String email) {
        jdbc.sql("delete from account_token where email = ?").param(email).update();
        jdbc.sql("delete from org_member where email = ?").param(email).update();
    }

    public void setAuthorizedContact(String email, boolean authorized) {
        jdbc.sql("update org_member set authorized_contact = ? where email = ?")
                .params(authorized, email)
                .update();
    }

    /** R20: an organisation whose SEV-1 reports were downgraded, and how often (the manager dashboard). */
    public record Downgrades(String organizationId, String name, long downgrades) {
    }

    /** Organisations with downgraded SEV-1 reports, most downgrades first. */
    public List<Downgrades> sev1Downgrades() {
        return jdbc.sql("""
                        select id, name, sev1_downgrades from organization where sev1_downgrades > 0
                        order by sev1_downgrades desc, id""")
                .query((rs, row) -> new Downgrades(rs.getString("id"), rs.getString("name"),
                        rs.getLong("sev1_downgrades")))
                .list();
    }

    /** An organisation's business calendar (R12): its time zone and holiday region. */
    public record Calendar(String organizationId, String timeZone, String holidayRegion) {
    }

    /** The calendars of these organisations, read 500 at a time. */
    public List<Calendar> calendars(List<String> organizationIds) {
        List<Calendar> calendars = new java.util.ArrayList<>();
        for (int from = 0; from < organizationIds.size(); from += 500) {
            calendars.addAll(jdbc.sql("select id, time_zone, holiday_region from organization where id in (:ids)")
                    .param("ids", organizationIds.subList(from, Math.min(organizationIds.size(), from + 500)))
                    .query((rs, row) -> new Calendar(rs.getString("id"), rs.getString("time_zone"),
                            rs.getString("holiday_region")))
                    .list());
        }
        return calendars;
    }

    private static Organization organization(ResultSet rs, int row) throws SQLException {
        return new Organization(rs.getString("id"), rs.getString("name"), ZoneId.of(rs.getString("time_zone")),
                rs.getString("holiday_region"));
    }

    private static Licence licence(ResultSet rs, int row) throws SQLException {
        java.sql.Date extendedSupport = rs.getDate("extended_support_expires_on");
        return new Licence(Product.valueOf(rs.getString("product")), rs.getString("licence_key"),
                rs.getDate("expires_on").toLocalDate(), SupportLevel.valueOf(rs.getString("support_level")),
                extendedSupport == null ? null : extendedSupport.toLocalDate());
    }

    private static Member member(ResultSet rs, int row) throws SQLException {
        return new Member(rs.getString("email"), rs.getString("organization_id"), rs.getString("name"),
                rs.getBoolean("owner"), rs.getBoolean("authorized_contact"));
    }
}
