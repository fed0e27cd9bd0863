package org.supportdesk.portal;

import java.io.IOException;
import java.time.Duration;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * A failed sign-in goes back to the sign-in page with a message that says what happened and the address the person
 * typed. Wrong password and unknown address read the same, so the form does not tell who has an account.
 */
class SignInFailures implements AuthenticationFailureHandler {

    static final String MESSAGE = SignInFailures.class.getName() + ".message";
    static final String EMAIL = SignInFailures.class.getName() + ".email";

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        HttpSession session = request.getSession();
        session.setAttribute(MESSAGE, message(exception));
        String email = request.getParameter(PortalSecurity.EMAIL_PARAMETER);
        session.setAttribute(EMAIL, email == null ? "" : email.strip());
        response.sendRedirect(request.getContextPath() + PortalSecurity.LOGIN_PAGE + "?error");
    }

    static String message(AuthenticationException exception) {
        if (exception instanceof ThrottledSignIn.Locked locked) {
            return "Too many failed sign-ins. For your account's safety, wait " + wait(locked.waitFor())
                    + " and try again. If you forgot your password, ask an owner of your organisation.";
        }
        return "Wrong email address or password. Check both and try again; after several failed attempts you will"
                + " have to wait before the next one.";
    }

    static String wait(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        if (seconds < 90) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + " minutes";
    }
}
