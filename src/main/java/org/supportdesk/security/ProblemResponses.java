package org.supportdesk.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.supportdesk.login.TooManyFailedLogins;
import org.supportdesk.web.Refusal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Sign-in failures of the customer and staff API answer with problem JSON like every other error. */
@Component
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final Problems problems;

    ProblemResponses(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException authException) throws IOException {
        if (authException instanceof TooManyFailedLogins refused) {
            problems.tooManyFailedLogins(response, refused);
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Support Desk\"");
        problems.write(response, new Refusal(HttpStatus.UNAUTHORIZED, "sign-in-required"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException accessDeniedException) throws IOException {
        problems.write(response, Refusal.forbidden("access-denied"));
    }
}
