package org.supportdesk.web;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.validation.ConstraintViolationException;

/**
 * Every error of the customer API is an RFC 7807 problem that says what was wrong. A {@link Refusal} gets its texts
 * from the messages here (Spring's handling calls {@link Refusal#updateAndGetBody}); Bean Validation's field errors
 * become the same {@code invalid-fields} refusal, each with a code.
 */
@RestControllerAdvice(basePackages = "org.supportdesk")
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 10)
class ProblemHandling extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Refusal.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(error -> validated(error.getField(), error.getCode(), String.valueOf(error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(problem(Refusal.invalidFields(errors)));
    }

    /** Unreadable JSON: say which field, when Jackson can tell. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            org.springframework.http.converter.HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return ResponseEntity.badRequest().body(problem(Refusal.invalidField(field, "wrong-type")));
        }
        return ResponseEntity.badRequest().body(problem(Refusal.badRequest("unreadable-body")));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
        List<Refusal.FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> validated(lastNode(v.getPropertyPath().toString()),
                        v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(), v.getMessage()))
                .sorted(Comparator.comparing(Refusal.FieldError::field))
                .toList();
        return ResponseEntity.badRequest().body(problem(Refusal.invalidFields(errors)));
    }

    private ProblemDetail problem(Refusal refusal) {
        return refusal.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
    }

    /**
     * A Bean Validation error: its constraint as one of the refusal's codes, with the validator's message (the
     * constraint's own, or the key in its {@code message}, which the validator resolves from the messages).
     */
    private static Refusal.FieldError validated(String field, String constraint, String message) {
        String code = switch (String.valueOf(constraint)) {
            case "NotBlank", "NotNull", "NotEmpty" -> "required";
            case "Size" -> "wrong-length";
            case "Email" -> "not-an-email";
            default -> "invalid";
        };
        return new Refusal.FieldError(field, code, "field.as-validated", List.of(message));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
