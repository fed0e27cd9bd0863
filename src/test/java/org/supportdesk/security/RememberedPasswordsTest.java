package org.supportdesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A successful bcrypt check is remembered for minutes, keyed by the stored hash; nothing else is. */
class RememberedPasswordsTest {

    final AtomicInteger bcryptChecks = new AtomicInteger();
    final AtomicLong nanos = new AtomicLong();
    final RememberedPasswords passwords = new RememberedPasswords(new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return "{test}" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            bcryptChecks.incrementAndGet();
            return encoded.equals("{test}" + raw);
        }
    }, nanos::get);

    @Test
    void aRepeatedRightPasswordIsCheckedOnce() {
        assertThat(passwords.matches("right password", "{test}right password")).isTrue();
        assertThat(passwords.matches("right password", "{test}right password")).isTrue();

        assertThat(bcryptChecks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsAlwaysChecked() {
        passwords.matches("right password", "{test}right password");

        assertThat(passwords.matches("wrong password", "{test}right password")).isFalse();
        assertThat(passwords.matches("wrong password", "{test}right password")).isFalse();
        assertThat(bcryptChecks).hasValue(3);
    }

    @Test
    void aChangedPasswordHashMatchesNothingRemembered() {
        passwords.matches("old password", "{test}old password");

        assertThat(passwords.matches("old password", "{test}new password")).isFalse();
        assertThat(bcryptChecks).hasValue(2);
    }

    @Test
    void aRememberedCheckExpiresAfterFiveMinutes() {
        passwords.matches("right password", "{test}right password");
        nanos.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());

        assertThat(passwords.matches("right password", "{test}right password")).isTrue();
        assertThat(bcryptChecks).hasValue(2);
    }

    @Test
    void whatBcryptCannotTakeIsWrongWithoutHashing() {
        assertThat(passwords.matches("x".repeat(100), "{test}" + "x".repeat(100))).isFalse();
        assertThat(passwords.matches("\u00e9".repeat(40), "{test}" + "\u00e9".repeat(40))).isFalse();
        assertThat(bcryptChecks).hasValue(0);
        assertThat(passwords.matches("x".repeat(72), "{test}" + "x".repeat(72))).isTrue();
    }
}
