package org.supportdesk.ticket;

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

    UploadLimitHandling(AttachmentPolicy policy, AttachmentProperties properties) {
        this.policy = policy;
        this.properties = properties;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        ProblemDetail problem = new Refusal(HttpStatus.PAYLOAD_TOO_LARGE, "attachment-too-large",
                "Attachment too large", "The upload is too large. Attachments may be at most "
                + policy.limitsText(properties.web()) + " on the web form. Compress large logs, or split them over"
                + " several requests.").getBody();
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }
}
