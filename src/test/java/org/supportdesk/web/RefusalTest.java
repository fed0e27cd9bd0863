package org.supportdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A refusal is a value: codes and arguments; its texts are whatever the messages say. */
class RefusalTest {

    private final StaticMessageSource messages = new StaticMessageSource();

    {
        messages.setAlwaysUseMessageFormat(true);
        messages.addMessage("problem.title.400", Locale.ENGLISH, "Falsche Anfrage");
        messages.addMessage("problem.invalid-fields", Locale.ENGLISH, "Bitte prüfen: {0}.");
        messages.addMessage("field.required", Locale.ENGLISH, "fehlt");
        messages.addMessage("field.too-long", Locale.ENGLISH, "hat mehr als {0,number,#} Zeichen");
        messages.addMessage("problem.title.409", Locale.ENGLISH, "Konflikt");
        messages.addMessage("problem.ticket-closed", Locale.ENGLISH, "{0} ist geschlossen.");
    }

    @Test
    void fieldErrorsKeepTheirCodesAndTakeTheirTextsFromTheMessages() {
        Refusal refusal = Refusal.invalidFields(List.of(Refusal.FieldError.of("summary", "required"),
                Refusal.FieldError.of("description", "too-long", 20000)));

        ProblemDetail problem = refusal.updateAndGetBody(messages, Locale.ENGLISH);

        assertThat(problem.getType().toString()).isEqualTo("urn:support-desk:problem:invalid-fields");
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getTitle()).isEqualTo("Falsche Anfrage");
        assertThat(problem.getDetail()).isEqualTo("Bitte prüfen: summary fehlt; description hat mehr als 20000 Zeichen.");
        assertThat(problem.getProperties()).containsEntry("errors", List.of(
                Map.of("field", "summary", "message", "fehlt", "code", "required"),
                Map.of("field", "description", "message", "hat mehr als 20000 Zeichen", "code", "too-long")));
        assertThat(refusal.fieldErrors()).extracting(Refusal.FieldError::code).containsExactly("required", "too-long");
    }

    @Test
    void theDetailIsTheCodesMessageWithItsArguments() {
        Refusal refusal = Refusal.conflict("ticket-closed", "SD-1001").with("followUp", "/api/tickets/SD-1001/follow-ups");

        ProblemDetail problem = refusal.updateAndGetBody(messages, Locale.ENGLISH);

        assertThat(refusal.code()).isEqualTo("ticket-closed");
        assertThat(refusal.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(problem.getTitle()).isEqualTo("Konflikt");
        assertThat(problem.getDetail()).isEqualTo("SD-1001 ist geschlossen.");
        assertThat(problem.getProperties()).containsEntry("followUp", "/api/tickets/SD-1001/follow-ups");
    }

    @Test
    void aMissingTextShowsTheCodeNeverAKeyOrAnException() {
        ProblemDetail problem = Refusal.forbidden("something-new").updateAndGetBody(messages, Locale.ENGLISH);

        assertThat(problem.getDetail()).isEqualTo("something-new");
        assertThat(problem.getTitle()).isEqualTo("Forbidden");
    }
}
