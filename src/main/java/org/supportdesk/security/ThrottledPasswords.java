package org.supportdesk.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.supportdesk.login.PasswordGate;
import org.supportdesk.login.Realm;

/**
 * A Spring Security password check behind the {@link PasswordGate}: refused pairs get
 * {@link org.supportdesk.login.TooManyFailedLogins} (429) without a password check, wrong passwords are counted.
 */
class ThrottledPasswords implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final PasswordGate gate;
    private final Realm realm;

    ThrottledPasswords(AuthenticationProvider passwords, PasswordGate gate, Realm realm) {
        this.passwords = passwords;
        this.gate = gate;
        this.realm = realm;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Authentication[] result = new Authentication[1];
        boolean right = gate.check(realm, authentication.getName(), address, () -> {
            try {
                result[0] = passwords.authenticate(authentication);
                return result[0] != null && result[0].isAuthenticated();
            } catch (BadCredentialsException wrong) {
                return false;
            }
        });
        if (!right) {
            throw new BadCredentialsException("Wrong account or password");
        }
        return result[0];
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
