package org.supportdesk.portal;

import java.io.IOException;
import java.time.Duration;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import org.springframework.http.HttpStatus;
import org.supportdesk.login.TooManyFailedLogins;

import jakarta.servlet.ServletException;
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

    /** Where a throttled sign-in is answered: the sign-in page, with 429 and Retry-After. */
    static final String TOO_MANY = "/login/too-many";

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException, ServletException {
        if (exception instanceof TooManyFailedLogins refused) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", String.valueOf(refused.retryAfterSeconds()));
            request.setAttribute(MESSAGE, message(exception));
            request.setAttribute(EMAIL, email(request));
            request.getRequestDispatcher(TOO_MANY).forward(request, response);
            return;
        }
        HttpSession session = request.getSession();
        session.setAttribute(MESSAGE, message(exception));
        session.setAttribute(EMAIL, email(request));
        response.sendRedirect(request.getContextPath() + PortalSecurity.LOGIN_PAGE + "?error");
    }

    private static String email(HttpServletRequest request) {
        String email = request.getParameter(PortalSecurity.EMAIL_PARAMETER);
        return email == null ? "" : email.strip();
    }

    static String message(AuthenticationException exception) {
        if (exception instanceof TooManyFailedLogins refused) {
            return "Too many failed sign-ins. For your account's safety, wait " + wait(refused.retryAfter())
                    + " and try again. If you forgot your password, choose \"Forgot your password?\" below.";
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
