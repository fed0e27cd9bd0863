package org.supportdesk.security;

import java.io.IOException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
    private final MessageSource messages;

    Problems(ObjectMapper json, MessageSource messages) {
        this.json = json;
        this.messages = messages;
    }

    /** The refusal as a problem, with its texts from the messages. */
    void write(HttpServletResponse response, Refusal refusal) throws IOException {
        write(response, refusal.updateAndGetBody(messages, LocaleContextHolder.getLocale()));
    }

    /** The refusal's {@code detail}, for a page. */
    String detail(Refusal refusal) {
        return refusal.detail(messages);
    }

    /** 429 with Retry-After: the password was not looked at. */
    void tooManyFailedLogins(HttpServletResponse response, TooManyFailedLogins refused) throws IOException {
        response.setHeader("Retry-After", String.valueOf(refused.retryAfterSeconds()));
        Refusal refusal = new Refusal(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-sign-ins",
                refused.retryAfterSeconds()).with("retryAfterSeconds", refused.retryAfterSeconds());
        write(response, refused.busy()
                ? refusal.saying("problem.too-many-failed-sign-ins.busy", refused.retryAfterSeconds()) : refusal);
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
