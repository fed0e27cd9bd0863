package org.supportdesk.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.supportdesk.EngineTime;
import org.supportdesk.RecordingSleeper;
import org.supportdesk.SupportDeskTest;

/**
 * The throttle's rules on the real database, with the engine clock moved instead of waiting, and delays recorded (or
 * held by a latch) instead of waited.
 */
@SupportDeskTest
class PasswordGateTest {

    @Autowired PasswordGate gate;
    @Autowired LoginThrottle throttle;
    @Autowired LoginProperties properties;
    @Autowired JdbcClient jdbc;
    @Autowired LoginThrottleRepository counts;
    @Autowired PlatformTransactionManager transactions;
    @Autowired java.time.Clock clock;
    @Autowired RecordingSleeper sleeper;

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

        PasswordGate otherNode = new PasswordGate(new LoginThrottle(counts, transactions, properties, clock), properties,
                sleeper);
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
    void pastTheAccountsLimitAnUnknownAddressWaitsLongerWithEveryFailureAndTheRightPasswordThenWorks() {
        EngineTime.setNewYork("2026-12-01T10:00");
        failFromManyAddresses(Realm.CUSTOMER, "bea@x.example", properties.failuresPerAccount());
        assertThat(sleeper.waits()).as("up to the limit nobody waits").isEmpty();
        int checked = passwordChecks.get();

        for (int i = 0; i < 7; i++) {
            assertThat(gate.check(Realm.CUSTOMER, "bea@x.example", "10.3.0." + i, this::wrong)).isFalse();
        }
        assertThat(gate.check(Realm.CUSTOMER, "bea@x.example", "10.2.0.1", this::right)).isTrue();

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(passwordChecks.get() - checked).as("every delayed attempt had its password checked").isEqualTo(8);
        sleeper.forget();
        assertThat(gate.check(Realm.CUSTOMER, "bea@x.example", "10.2.0.1", this::right)).isTrue();
        assertThat(sleeper.waits()).as("the address signed in: it is known now").isEmpty();
    }

    @Test
    void pastTheAccountsLimitAnAddressThatSignedInBeforeIsNotDelayed() {
        EngineTime.setNewYork("2026-12-01T10:00");
        assertThat(gate.check(Realm.STAFF, "oncall-x", "192.0.2.10", this::right)).isTrue();
        failFromManyAddresses(Realm.STAFF, "oncall-x", properties.failuresPerAccount() + 10);
        sleeper.forget();

        assertThat(gate.check(Realm.STAFF, "oncall-x", "192.0.2.10", this::wrong)).isFalse();
        assertThat(gate.check(Realm.STAFF, "oncall-x", "192.0.2.10", this::right)).isTrue();

        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void theDelayIsRowsInTheDatabaseThatAnotherNodeReadsAndAnHourWithoutFailureEndsIt() {
        EngineTime.setNewYork("2026-12-01T10:00");
        failFromManyAddresses(Realm.STAFF, "backup-x", properties.failuresPerAccount() + 3);
        List<Duration> waited = new ArrayList<>();
        PasswordGate otherNode = new PasswordGate(new LoginThrottle(counts, transactions, properties, clock), properties,
                waited::add);

        assertThat(otherNode.check(Realm.STAFF, "backup-x", "10.4.0.1", this::right)).isTrue();
        EngineTime.setNewYork("2026-12-01T11:05");
        assertThat(otherNode.check(Realm.STAFF, "backup-x", "10.4.0.2", this::right)).isTrue();

        assertThat(waited).containsExactly(Duration.ofSeconds(8));
    }

    @Test
    void atMostSoManyAttemptsWaitAtOncePerAccountAndInTotalTheNextGet429WithTheDelay() throws Exception {
        EngineTime.setNewYork("2026-12-01T10:00");
        LoginProperties small = properties(2, 3);
        BlockingSleeper blocking = new BlockingSleeper();
        PasswordGate node = new PasswordGate(new LoginThrottle(counts, transactions, small, clock), small, blocking);
        failFromManyAddresses(Realm.CUSTOMER, "fay@x.example", small.failuresPerAccount());
        failFromManyAddresses(Realm.CUSTOMER, "gil@x.example", small.failuresPerAccount());
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Boolean>> waiting = new ArrayList<>();
            waiting.add(threads.submit(() -> node.check(Realm.CUSTOMER, "fay@x.example", "10.5.0.1", this::right)));
            waiting.add(threads.submit(() -> node.check(Realm.CUSTOMER, "fay@x.example", "10.5.0.2", this::right)));
            blocking.awaitWaiting(2);

            assertThat(refusal(() -> node.check(Realm.CUSTOMER, "fay@x.example", "10.5.0.3", this::right)))
                    .as("the account's two places are taken").satisfies(refused -> {
                        assertThat(refused.busy()).isTrue();
                        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                    });
            waiting.add(threads.submit(() -> node.check(Realm.CUSTOMER, "gil@x.example", "10.5.0.4", this::right)));
            blocking.awaitWaiting(3);
            assertThat(refusal(() -> node.check(Realm.CUSTOMER, "gil@x.example", "10.5.0.5", this::right)).busy())
                    .as("all three places are taken").isTrue();
            assertThat(node.check(Realm.CUSTOMER, "hal@x.example", "10.5.0.6", this::right))
                    .as("an account nobody guesses at does not wait").isTrue();

            blocking.release();
            for (Future<Boolean> attempt : waiting) {
                assertThat(attempt.get(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(node.check(Realm.CUSTOMER, "fay@x.example", "10.5.0.3", this::right))
                    .as("places are free again").isTrue();
        } finally {
            blocking.release();
            threads.shutdownNow();
        }
    }

    @Test
    void aWaitingAttemptDoesNotHoldUpAnotherAccountOfItsLockStripe() throws Exception {
        EngineTime.setNewYork("2026-12-01T10:00");
        BlockingSleeper blocking = new BlockingSleeper();
        PasswordGate node = new PasswordGate(new LoginThrottle(counts, transactions, properties, clock), properties,
                blocking);
        failFromManyAddresses(Realm.CUSTOMER, "ida@x.example", properties.failuresPerAccount());
        String neighbour = sameStripe("CUSTOMER" + "ida@x.example" + "|10.6.0.1", "10.6.0.2");
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> waiting = threads.submit(() -> node.check(Realm.CUSTOMER, "ida@x.example", "10.6.0.1",
                    this::right));
            blocking.awaitWaiting(1);

            assertThat(node.check(Realm.CUSTOMER, neighbour, "10.6.0.2", this::right)).isTrue();

            blocking.release();
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            blocking.release();
            threads.shutdownNow();
        }
    }

    @Test
    void parallelDelayedGuessesFromOneAddressAreCheckedOneAfterTheOtherAndTheLockStopsTheRest() throws Exception {
        EngineTime.setNewYork("2026-12-01T10:00");
        failFromManyAddresses(Realm.CUSTOMER, "jo@x.example", properties.failuresPerAccount());
        for (int i = 0; i < properties.failuresPerAccountAndAddress() - 1; i++) {
            assertThat(gate.check(Realm.CUSTOMER, "jo@x.example", "10.7.0.1", this::wrong)).isFalse();
        }
        BlockingSleeper held = new BlockingSleeper();
        PasswordGate burst = new PasswordGate(new LoginThrottle(counts, transactions, properties, clock), properties,
                held);
        int checked = passwordChecks.get();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Boolean>> guesses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                guesses.add(threads.submit(() -> burst.check(Realm.CUSTOMER, "jo@x.example", "10.7.0.1", this::wrong)));
            }
            held.awaitWaiting(3);
            held.release();

            int refused = 0;
            for (Future<Boolean> guess : guesses) {
                try {
                    assertThat(guess.get(10, TimeUnit.SECONDS)).isFalse();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(TooManyFailedLogins.class);
                    refused++;
                }
            }
            assertThat(passwordChecks.get() - checked).as("only the guess that reached the limit was checked")
                    .isEqualTo(1);
            assertThat(refused).isEqualTo(2);
        } finally {
            held.release();
            threads.shutdownNow();
        }
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

    /** Wrong passwords for the account, each from an address of its own. */
    private void failFromManyAddresses(Realm realm, String account, int failures) {
        for (int i = 0; i < failures; i++) {
            assertThat(gate.check(realm, account, "10.1." + (i / 200) + "." + (i % 200), this::wrong)).isFalse();
        }
    }

    /** The defaults, but past 3 failures of an account, and with room for so many waiting attempts. */
    private LoginProperties properties(int delayedPerAccount, int delayedInTotal) {
        return new LoginProperties(properties.failuresPerAccountAndAddress(), properties.failuresPerAddress(), 3,
                properties.firstLock(), properties.longestLock(), properties.forgetAfter(),
                properties.rememberAddressesFor(), properties.concurrentCheckWait(), properties.firstDelay(),
                properties.longestDelay(), delayedPerAccount, delayedInTotal);
    }

    /** A customer account whose checks from {@code address} share the lock stripe of {@code key}. */
    private static String sameStripe(String key, String address) {
        for (int i = 0; ; i++) {
            String account = "n" + i + "@x.example";
            if (Math.floorMod(("CUSTOMER" + account + "|" + address).hashCode(), 256)
                    == Math.floorMod(key.hashCode(), 256)) {
                return account;
            }
        }
    }

    private static TooManyFailedLogins refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable attempt) {
        return (TooManyFailedLogins) org.assertj.core.api.Assertions.catchThrowable(attempt);
    }

    /** Holds every waiting attempt until released; tells when so many wait. */
    static final class BlockingSleeper implements Sleeper {
        private final java.util.concurrent.Semaphore waiting = new java.util.concurrent.Semaphore(0);
        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            waiting.release();
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        }

        void awaitWaiting(int attempts) throws InterruptedException {
            assertThat(waiting.tryAcquire(attempts, 10, TimeUnit.SECONDS)).as(attempts + " attempts waiting").isTrue();
            waiting.release(attempts);
        }

        void release() {
            released.countDown();
        }
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
