package org.supportdesk.portal;

import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * What the portal's security filter chain (in {@code SecurityConfiguration}) is made of: the pages it covers, the
 * sign-in failure messages and the answer to a refused form.
 */
@Component
public class PortalSecurity {

    /** Every page and file of the portal; {@code /api/**}, {@code /camunda/**} and the engine REST API are not. */
    public static final String[] PATHS = {"/", "/login", "/login/**", "/logout", "/requests", "/requests/**",
            "/tickets/**", "/activities", "/activities/**", "/organization", "/organization/**", "/account",
            "/account/**", "/invitations/**", "/password-reset", "/password-reset/**", "/css/**", "/js/**",
            "/images/**", "/favicon.ico", "/survey/**"};
    /** Open without signing in. */
    public static final String[] PUBLIC_PATHS = {"/login", "/login/**", "/invitations/**", "/password-reset",
            "/password-reset/**", "/css/**", "/js/**", "/images/**", "/favicon.ico", "/survey/**"};
    /** Forms anyone may send: their bodies are small, and are refused unread when they are not (docs/security.md). */
    public static final String[] ANONYMOUS_FORMS = {"/login", "/invitations/*", "/password-reset",
            "/password-reset/*", "/survey/*"};
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

    private final Texts texts;

    PortalSecurity(Texts texts) {
        this.texts = texts;
    }

    public AuthenticationFailureHandler signInFailures() {
        return new SignInFailures(texts);
    }

    public AccessDeniedHandler refusedForms() {
        return new RefusedForms(texts);
    }
}
