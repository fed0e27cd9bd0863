package org.supportdesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

class RememberedLoginsTest {

    final AtomicInteger bcryptChecks = new AtomicInteger();
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    final RememberedLogins logins = new RememberedLogins(new SlowProvider(), new Clock() {
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    });

    @Test
    void repeatedLoginIsCheckedOnce() {
        logins.authenticate(login("alice@acme.example", "right"));

        Authentication again = logins.authenticate(login("alice@acme.example", "right"));

        assertThat(again.isAuthenticated()).isTrue();
        assertThat(again.getName()).isEqualTo("alice@acme.example");
        assertThat(bcryptChecks).hasValue(1);
    }

    @Test
    void wrongPasswordIsAlwaysChecked() {
        logins.authenticate(login("alice@acme.example", "right"));

        assertThatThrownBy(() -> logins.authenticate(login("alice@acme.example", "wrong")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(bcryptChecks).hasValue(2);
    }

    @Test
    void rememberedLoginExpires() {
        logins.authenticate(login("alice@acme.example", "right"));
        now = now.plus(Duration.ofMinutes(6));

        logins.authenticate(login("alice@acme.example", "right"));

        assertThat(bcryptChecks).hasValue(2);
    }

    private static Authentication login(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    private final class SlowProvider implements AuthenticationProvider {
        @Override
        public Authentication authenticate(Authentication authentication) {
            bcryptChecks.incrementAndGet();
            if (!"right".equals(authentication.getCredentials())) {
                throw new BadCredentialsException("wrong");
            }
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_CUSTOMER")));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    }
}
