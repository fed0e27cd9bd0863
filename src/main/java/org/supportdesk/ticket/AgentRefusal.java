package org.supportdesk.ticket;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A form an agent submitted in Tasklist is refused, with a message that says what to change. The engine REST API
 * answers this exception type with 400 and its message, which Tasklist shows on the form; any other exception is a
 * server error whose text is withheld ({@code web/ServerErrorsWithoutText}), so the agent would not learn why.
 */
final class AgentRefusal extends FormFieldValidationException {

    AgentRefusal(String message) {
        super(null, message);
    }
}
