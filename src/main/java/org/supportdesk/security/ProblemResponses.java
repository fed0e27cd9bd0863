package org.supportdesk.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.supportdesk.login.TooManyFailedLogins;
import org.supportdesk.web.Refusal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sign-in failures of the customer and staff API answer with problem JSON like every other error. Staff and customers
 * are asked for their login in realms of their own: a browser reuses a login it stored for one realm without asking
 * only within that realm, so a customer's stored login is never offered to staff URLs, nor a staff login to the
 * customer API. The staff pages ({@code /staff/**}) and the staff API share the staff realm, so that a page's file
 * downloads from {@code /api/staff} need no second sign-in.
 */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The HTTP Basic realm of staff logins: staff API, staff pages, actuator. */
    static final String STAFF_REALM = "Support Desk staff";
    /** The HTTP Basic realm of customer logins: the customer API. */
    static final String CUSTOMER_REALM = "Support Desk customers";

    private final Problems problems;
    private final String realm;
    private final String signInText;

    private ProblemResponses(Problems problems, String realm, String signInText) {
        this.problems = problems;
        this.realm = realm;
        this.signInText = signInText;
    }

    static ProblemResponses staff(Problems problems) {
        return new ProblemResponses(problems, STAFF_REALM, "problem.sign-in-required.staff");
    }

    static ProblemResponses customers(Problems problems) {
        return new ProblemResponses(problems, CUSTOMER_REALM, "problem.sign-in-required");
    }

    /**
     * The desk's calls behind the Tasklist session: no {@code WWW-Authenticate}, so that a browser never prompts for
     * a password there; the answer says to sign in to Tasklist.
     */
    static ProblemResponses tasklist(Problems problems) {
        return new ProblemResponses(problems, null, "problem.sign-in-required.tasklist");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException authException) throws IOException {
        if (authException instanceof TooManyFailedLogins refused) {
            problems.tooManyFailedLogins(response, refused);
            return;
        }
        if (realm != null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        }
        problems.write(response, new Refusal(HttpStatus.UNAUTHORIZED, "sign-in-required").saying(signInText));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException accessDeniedException) throws IOException {
        problems.write(response, Refusal.forbidden("access-denied"));
    }
}
