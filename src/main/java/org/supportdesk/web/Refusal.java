package org.supportdesk.web;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request the rules refuse. Becomes an RFC 7807 problem whose {@code type} names the rule and whose
 * {@code detail} tells the caller what to do; nothing has been changed when it is thrown.
 */
public class Refusal extends ErrorResponseException {

    private static final String TYPE_PREFIX = "urn:support-desk:problem:";

    public Refusal(HttpStatus status, String code, String title, String detail) {
        super(status, problem(status, code, title, detail), null);
    }

    public Refusal with(String property, Object value) {
        getBody().setProperty(property, value);
        return this;
    }

    public Refusal with(Map<String, ?> properties) {
        properties.forEach(getBody()::setProperty);
        return this;
    }

    public static Refusal notFound(String what) {
        return new Refusal(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " was not found.");
    }

    public static Refusal forbidden(String code, String detail) {
        return new Refusal(HttpStatus.FORBIDDEN, code, "Not allowed", detail);
    }

    public static Refusal conflict(String code, String detail) {
        return new Refusal(HttpStatus.CONFLICT, code, "Conflict", detail);
    }

    public static Refusal unprocessable(String code, String detail) {
        return new Refusal(HttpStatus.UNPROCESSABLE_ENTITY, code, "Refused", detail);
    }

    public static Refusal badRequest(String code, String detail) {
        return new Refusal(HttpStatus.BAD_REQUEST, code, "Bad request", detail);
    }

    public String code() {
        return getBody().getType().toString().substring(TYPE_PREFIX.length());
    }

    private static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(title);
        return problem;
    }
}
