package org.supportdesk.login;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Refused before the password was looked at: too many failures for this account and address. Answered with 429. */
public class TooManyFailedLogins extends AuthenticationException {

    private final Duration retryAfter;

    public TooManyFailedLogins(Duration retryAfter) {
        super("Too many failed sign-ins");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for the Retry-After header, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
