package org.supportdesk.ticket;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A form an agent submitted in Tasklist is refused, with a message that says what to change. The engine REST API
 * answers this exception type with 400 and its message, which Tasklist shows on the form; any other exception is a
 * server error whose text is withheld ({@code web/ServerErrorsWithoutText}), so the agent would not learn why.
 * The type is outside the engine's public API, and deliberately so: the REST API's {@code submit-form} answers 400
 * for this type only (checked in 7.24's {@code TaskResourceImpl}); a public {@code BadUserRequestException} thrown
 * by a delegate becomes a 500 there.
 */
final class AgentRefusal extends FormFieldValidationException {

    AgentRefusal(String message) {
        super(null, message);
    }
}
