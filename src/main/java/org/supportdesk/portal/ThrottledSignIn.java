package org.supportdesk.portal;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The portal's password check with {@link LoginThrottle} in front: a locked account or address is refused before
 * the password is looked at; a wrong password counts; the right one clears the account's count.
 */
class ThrottledSignIn implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledSignIn(AuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    /** Refused because of earlier failures; says how long to wait. */
    static class Locked extends AuthenticationException {
        private final Duration wait;

        Locked(Duration wait) {
            super("Too many failed sign-ins");
            this.wait = wait;
        }

        Duration waitFor() {
            return wait;
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String account = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        var locked = throttle.lockedFor(account, address);
        if (locked.isPresent()) {
            throw new Locked(locked.get());
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            if (result != null && result.isAuthenticated()) {
                throttle.succeeded(account);
            }
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(account, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
