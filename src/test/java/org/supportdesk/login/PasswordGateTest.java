package org.supportdesk.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.supportdesk.EngineTime;
import org.supportdesk.SupportDeskTest;

/** The throttle's rules on the real database, with the engine clock moved instead of waiting. */
@SupportDeskTest
class PasswordGateTest {

    @Autowired PasswordGate gate;
    @Autowired LoginThrottle throttle;
    @Autowired LoginProperties properties;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;
    @Autowired java.time.Clock clock;

    final AtomicInteger passwordChecks = new AtomicInteger();

    @Test
    void aRefusedAttemptNeverReachesThePasswordCheck() {
        EngineTime.setNewYork("2026-12-01T10:00");
        for (int i = 0; i < 5; i++) {
            assertThat(gate.check(Realm.CUSTOMER, "ann@x.example", "10.0.0.1", this::wrong)).isFalse();
        }

        assertThatThrownBy(() -> gate.check(Realm.CUSTOMER, "ann@x.example", "10.0.0.1", this::right))
                .isInstanceOf(TooManyFailedLogins.class)
                .extracting(e -> ((TooManyFailedLogins) e).retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(passwordChecks).hasValue(5);
    }

    @Test
    void locksDoubleWithEachFurtherFailureUpToFifteenMinutes() {
        assertThat(throttle.lock(0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.lock(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.lock(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(throttle.lock(5)).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.lock(1000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aRestartedNodeOrAnotherNodeSeesTheSameCounts() {
        EngineTime.setNewYork("2026-12-01T10:00");
        for (int i = 0; i < 5; i++) {
            gate.check(Realm.STAFF, "oncall", "10.0.0.2", this::wrong);
        }

        PasswordGate otherNode = new PasswordGate(new LoginThrottle(jdbc, transactions, properties, clock), properties);
        assertThatThrownBy(() -> otherNode.check(Realm.STAFF, "oncall", "10.0.0.2", this::right))
                .isInstanceOf(TooManyFailedLogins.class);
        assertThat(otherNode.check(Realm.STAFF, "oncall", "10.0.0.3", this::right)).isTrue();
    }

    @Test
    void customersAndStaffAreCountedApart() {
        EngineTime.setNewYork("2026-12-01T10:00");
        for (int i = 0; i < 5; i++) {
            gate.check(Realm.STAFF, "max", "10.0.0.4", this::wrong);
        }

        assertThat(gate.check(Realm.CUSTOMER, "max", "10.0.0.4", this::right)).isTrue();
    }

    @Test
    void anAttackFromManyAddressesRefusesOnlyAddressesTheAccountNeverSignedInFrom() {
        EngineTime.setNewYork("2026-12-01T10:00");
        assertThat(gate.check(Realm.CUSTOMER, "bea@x.example", "192.0.2.10", this::right)).isTrue();
        for (int i = 0; i < properties.failuresPerAccount(); i++) {
            gate.check(Realm.CUSTOMER, "bea@x.example", "10.1." + (i / 200) + "." + (i % 200), this::wrong);
        }

        assertThatThrownBy(() -> gate.check(Realm.CUSTOMER, "bea@x.example", "10.2.0.1", this::right))
                .isInstanceOf(TooManyFailedLogins.class);
        assertThat(gate.check(Realm.CUSTOMER, "bea@x.example", "192.0.2.10", this::right)).isTrue();
    }

    @Test
    void ipv6AddressesCountByTheirNetwork() {
        EngineTime.setNewYork("2026-12-01T10:00");
        for (int i = 0; i < 5; i++) {
            gate.check(Realm.CUSTOMER, "cy@x.example", "2001:db8:1:2::" + Integer.toHexString(i + 1), this::wrong);
        }

        assertThatThrownBy(() -> gate.check(Realm.CUSTOMER, "cy@x.example", "2001:db8:1:2:ffff::9", this::right))
                .isInstanceOf(TooManyFailedLogins.class);
        assertThat(gate.check(Realm.CUSTOMER, "cy@x.example", "2001:db8:1:3::1", this::right)).isTrue();
    }

    @Test
    void countsWithoutFailureForAnHourAreForgottenAndDeleted() {
        EngineTime.setNewYork("2026-12-01T10:00");
        for (int i = 0; i < 4; i++) {
            gate.check(Realm.CUSTOMER, "dee@x.example", "10.0.0.5", this::wrong);
        }
        EngineTime.setNewYork("2026-12-01T11:01");

        throttle.forgetOld();

        assertThat(jdbc.sql("select count(*) from login_failure where throttle_key like ?").param("%dee@x.example%")
                .query(Integer.class).single()).isZero();
        for (int i = 0; i < 4; i++) {
            assertThat(gate.check(Realm.CUSTOMER, "dee@x.example", "10.0.0.5", this::wrong)).isFalse();
        }
    }

    @Test
    void anAbsurdlyLongAccountNameIsStoredAsItsHash() {
        String huge = "x".repeat(10_000) + "@x.example";

        gate.check(Realm.CUSTOMER, huge, "10.0.0.6", this::wrong);

        assertThat(jdbc.sql("select max(length(throttle_key)) from login_failure").query(Integer.class).single())
                .isLessThan(120);
    }

    private boolean wrong() {
        passwordChecks.incrementAndGet();
        return false;
    }

    private boolean right() {
        passwordChecks.incrementAndGet();
        return true;
    }
}
