package org.supportdesk.login;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * Refused before the password was looked at: too many failures for this account and address, or (when {@link #busy()})
 * too many attempts of this account waiting out their delay at once. Answered with 429 and Retry-After.
 */
public class TooManyFailedLogins extends AuthenticationException {

    private final Duration retryAfter;
    private final boolean busy;

    public TooManyFailedLogins(Duration retryAfter) {
        this(retryAfter, false);
    }

    private TooManyFailedLogins(Duration retryAfter, boolean busy) {
        super("Too many failed sign-ins");
        this.retryAfter = retryAfter;
        this.busy = busy;
    }

    /** No room to wait: as many attempts of this account (or of all accounts) as may wait at once are waiting. */
    public static TooManyFailedLogins busy(Duration retryAfter) {
        return new TooManyFailedLogins(retryAfter, true);
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Refused because too many attempts wait already, not because of this address's failures. */
    public boolean busy() {
        return busy;
    }

    /** Whole seconds for the Retry-After header, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
