package org.supportdesk.portal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * What the portal's security filter chain (in {@code SecurityConfiguration}) is made of: the pages it covers, the
 * throttled password check, the sign-in failure messages and the answer to a refused form.
 */
@Component
public class PortalSecurity {

    /** Every page and file of the portal; {@code /api/**}, {@code /camunda/**} and the engine REST API are not. */
    public static final String[] PATHS = {"/", "/login", "/logout", "/requests", "/requests/**", "/tickets/**",
            "/activities", "/activities/**", "/organization", "/organization/**", "/invitations/**", "/css/**", "/js/**",
            "/images/**", "/favicon.ico"};
    /** Open without signing in. */
    public static final String[] PUBLIC_PATHS = {"/login", "/invitations/**", "/css/**", "/js/**", "/images/**",
            "/favicon.ico"};
    public static final String LOGIN_PAGE = "/login";
    public static final String EMAIL_PARAMETER = "email";
    public static final String PASSWORD_PARAMETER = "password";
    public static final String AFTER_LOGOUT = "/login?signedOut";
    /**
     * Nothing but the application's own scripts, styles and images; no inline script or style, so that text that
     * slipped through escaping still could not run. No framing, forms post only here.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private final LoginThrottle throttle;

    public PortalSecurity(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    /** The password check behind the login throttle. */
    public AuthenticationProvider throttled(AuthenticationProvider passwords) {
        return new ThrottledSignIn(passwords, throttle);
    }

    public AuthenticationFailureHandler signInFailures() {
        return new SignInFailures();
    }

    public AccessDeniedHandler refusedForms() {
        return new RefusedForms();
    }
}
