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

    private final Texts texts;

    SignInFailures(Texts texts) {
        this.texts = texts;
    }

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

    private String message(AuthenticationException exception) {
        if (exception instanceof TooManyFailedLogins refused) {
            return texts.text("form.sign-in.too-many", wait(texts, refused.retryAfter()));
        }
        return texts.text("form.sign-in.wrong");
    }

    /** "30 seconds", "2 minutes". */
    static String wait(Texts texts, Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        if (seconds < 90) {
            return texts.text("form.wait.seconds", seconds);
        }
        return texts.text("form.wait.minutes", (seconds + 59) / 60);
    }
}
