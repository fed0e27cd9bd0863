package org.supportdesk.web;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A failure nobody foresaw is a 500 problem that carries a reference and nothing of the exception: its text can name
 * tables, files or addresses. The log has the exception under the same reference, for whoever investigates.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class UnexpectedErrors {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

    private final MessageSource messages;

    UnexpectedErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) throws Exception {
        if (failure instanceof org.springframework.web.ErrorResponse
                || failure instanceof org.springframework.security.access.AccessDeniedException
                || failure instanceof org.springframework.security.core.AuthenticationException) {
            throw failure;
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure {}", reference, failure);
        ProblemDetail problem = new Refusal(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected", reference)
                .updateAndGetBody(messages, LocaleContextHolder.getLocale());
        problem.setProperty("reference", reference);
        return ResponseEntity.internalServerError().body(problem);
    }
}
