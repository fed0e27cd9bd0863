package org.supportdesk.attachment;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.supportdesk.web.Refusal;

/** An upload too big for the server to accept at all still gets a problem that states the limits (R8). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitHandling {

    private final AttachmentPolicy policy;
    private final AttachmentProperties properties;
    private final MessageSource messages;

    UploadLimitHandling(AttachmentPolicy policy, AttachmentProperties properties, MessageSource messages) {
        this.policy = policy;
        this.properties = properties;
        this.messages = messages;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        ProblemDetail problem = new Refusal(HttpStatus.PAYLOAD_TOO_LARGE, "attachment-too-large")
                .saying("problem.attachment-too-large.upload", policy.limitsText(properties.web()))
                .updateAndGetBody(messages, LocaleContextHolder.getLocale());
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }
}
