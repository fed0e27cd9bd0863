package org.supportdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The throttle's arithmetic, on a clock the test moves. */
class LoginThrottleTest {

    MovableClock clock = new MovableClock();
    LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void theFifthFailureLocksTheAccountForThirtySeconds() {
        fail("a@x.example", "1.1.1.1", 4);
        assertThat(throttle.lockedFor("a@x.example", "1.1.1.1")).isEmpty();

        fail("a@x.example", "1.1.1.1", 1);

        assertThat(throttle.lockedFor("a@x.example", "2.2.2.2")).contains(Duration.ofSeconds(30));
        assertThat(throttle.lockedFor("A@X.example ", null)).contains(Duration.ofSeconds(30));
        assertThat(throttle.lockedFor("b@x.example", "2.2.2.2")).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.lockedFor("a@x.example", "1.1.1.1")).isEmpty();
    }

    @Test
    void locksDoubleUpToFifteenMinutes() {
        assertThat(LoginThrottle.lock(0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(LoginThrottle.lock(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(LoginThrottle.lock(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(LoginThrottle.lock(5)).isEqualTo(Duration.ofMinutes(15));
        assertThat(LoginThrottle.lock(1000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aSuccessStartsTheAccountAfresh() {
        fail("a@x.example", "1.1.1.1", 4);
        throttle.succeeded("a@x.example");
        fail("a@x.example", "1.1.1.1", 4);

        assertThat(throttle.lockedFor("a@x.example", "1.1.1.1")).isEmpty();
    }

    @Test
    void failuresAreForgottenAfterAnHourWithoutOne() {
        fail("a@x.example", "1.1.1.1", 4);
        clock.advance(Duration.ofMinutes(61));
        fail("a@x.example", "1.1.1.1", 1);

        assertThat(throttle.lockedFor("a@x.example", "1.1.1.1")).isEmpty();
    }

    @Test
    void manyAccountsGuessedFromOneAddressLockTheAddress() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES_TO_LOCK; i++) {
            throttle.failed("user" + i + "@x.example", "6.6.6.6");
        }

        assertThat(throttle.lockedFor("someone-new@x.example", "6.6.6.6")).isPresent();
        assertThat(throttle.lockedFor("someone-new@x.example", "7.7.7.7")).isEmpty();
    }

    @Test
    void theMessageSaysHowLongToWait() {
        assertThat(SignInFailures.wait(Duration.ofSeconds(30))).isEqualTo("30 seconds");
        assertThat(SignInFailures.wait(Duration.ofMillis(200))).isEqualTo("1 second");
        assertThat(SignInFailures.wait(Duration.ofMinutes(8))).isEqualTo("8 minutes");
    }

    private void fail(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, address);
        }
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T15:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
