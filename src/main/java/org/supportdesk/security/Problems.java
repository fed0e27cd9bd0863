package org.supportdesk.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.supportdesk.login.TooManyFailedLogins;
import org.supportdesk.web.Refusal;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

/** RFC 7807 answers written by filters, before any controller runs. */
@Component
class Problems {

    private final ObjectMapper json;

    Problems(ObjectMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, HttpStatus status, String code, String title, String detail)
            throws IOException {
        write(response, new Refusal(status, code, title, detail).getBody());
    }

    /** 429 with Retry-After: the password was not looked at. */
    void tooManyFailedLogins(HttpServletResponse response, TooManyFailedLogins refused) throws IOException {
        response.setHeader("Retry-After", String.valueOf(refused.retryAfterSeconds()));
        ProblemDetail problem = new Refusal(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-sign-ins",
                "Too many failed sign-ins", "Too many wrong passwords for this account from your address. Try again in "
                + refused.retryAfterSeconds() + " seconds; the password was not checked this time.").getBody();
        problem.setProperty("retryAfterSeconds", refused.retryAfterSeconds());
        write(response, problem);
    }

    void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
