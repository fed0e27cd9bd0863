package org.supportdesk.login;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The counts of {@link LoginThrottle}: failed password checks per key ({@code login_failure}) and the addresses an
 * account signed in from ({@code login_known_address}).
 */
@Repository
class LoginThrottleRepository {

    private final JdbcClient jdbc;

    LoginThrottleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A key's failures, its last failure and until when it is locked (null: not locked). */
    record Count(int failures, Instant lastFailure, Instant lockedUntil) {
    }

    /** The counts of those keys that have one. */
    Map<String, Count> counts(String... keys) {
        return jdbc.sql("""
                        select throttle_key, failures, last_failure_at, locked_until from login_failure
                        where throttle_key in (?, ?, ?)""")
                .params((Object[]) keys)
                .query((rs, row) -> Map.entry(rs.getString("throttle_key"), new Count(rs.getInt("failures"),
                        rs.getObject("last_failure_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("locked_until", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant).orElse(null))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** One more failure of the key (the first again after {@code forgetBefore}); 0 when it has no row yet. */
    int addFailure(String key, Instant forgetBefore, Instant now) {
        return jdbc.sql("""
                        update login_failure
                        set failures = case when last_failure_at < ? then 1 else failures + 1 end, last_failure_at = ?
                        where throttle_key = ?""")
                .params(utc(forgetBefore), utc(now), key).update();
    }

    /** The key's first failure; fails with a {@link org.springframework.dao.DuplicateKeyException} if it has a row. */
    void insertFailure(String key, Instant now) {
        jdbc.sql("insert into login_failure (throttle_key, failures, last_failure_at) values (?, 1, ?)")
                .params(key, utc(now)).update();
    }

    int failures(String key) {
        return jdbc.sql("select failures from login_failure where throttle_key = ?").param(key)
                .query(Integer.class).single();
    }

    void lockUntil(String key, Instant until) {
        jdbc.sql("update login_failure set locked_until = ? where throttle_key = ?")
                .params(utc(until), key).update();
    }

    void deleteFailures(String key) {
        jdbc.sql("delete from login_failure where throttle_key = ?").param(key).update();
    }

    /** The account signed in from the address at {@code now}; 0 when the address was not known to it. */
    int touchKnownAddress(String account, String address, Instant now) {
        return jdbc.sql("update login_known_address set last_success_at = ? where account = ? and address = ?")
                .params(utc(now), account, address).update();
    }

    /** Fails with a {@link org.springframework.dao.DuplicateKeyException} when the pair is known already. */
    void insertKnownAddress(String account, String address, Instant now) {
        jdbc.sql("insert into login_known_address (account, address, last_success_at) values (?, ?, ?)")
                .params(account, address, utc(now)).update();
    }

    boolean knownAddress(String account, String address, Instant successSince) {
        return jdbc.sql("select count(*) from login_known_address where account = ? and address = ? and last_success_at > ?")
                .params(account, address, utc(successSince))
                .query(Integer.class).single() > 0;
    }

    /** Deletes counts last failed before {@code failedBefore} and not locked at {@code now}. */
    void forgetFailures(Instant failedBefore, Instant now) {
        jdbc.sql("delete from login_failure where last_failure_at < ? and (locked_until is null or locked_until < ?)")
                .params(utc(failedBefore), utc(now)).update();
    }

    void forgetAddresses(Instant lastSuccessBefore) {
        jdbc.sql("delete from login_known_address where last_success_at < ?")
                .param(utc(lastSuccessBefore)).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
