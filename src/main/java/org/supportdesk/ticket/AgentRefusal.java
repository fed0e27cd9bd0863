package org.supportdesk.ticket;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A form an agent submitted in Tasklist is refused, with a message that says what to change. The engine REST API
 * answers this exception type with 400 and its message, which Tasklist shows on the form; any other exception is a
 * server error whose text is withheld ({@code web/ServerErrorsWithoutText}), so the agent would not learn why.
 * The type is outside the engine's public API, and deliberately so: the REST API's {@code submit-form} answers 400
 * for this type only (checked in 7.24's {@code TaskResourceImpl}); a public {@code BadUserRequestException} thrown
 * by a delegate becomes a 500 there.
 * <p>
 * The staff page and the staff API answer through the same form ({@link AgentAnswers}) and show the same message,
 * next to the form field it names ({@link #field()}, a key of the work form, with a stable {@link #code()}).
 */
final class AgentRefusal extends FormFieldValidationException {

    private final String field;
    private final String code;

    AgentRefusal(String message) {
        this(null, null, message);
    }

    /**
     * @param field the form field to change ({@code reply}, {@code note}, {@code duplicateOf}, {@code newPriority},
     *              {@code newTeam}, {@code action}, {@code answerFiles}), or null when it concerns none
     * @param code  what is wrong with it, as the API's field errors name it ({@code required}, {@code not-one-of}, …)
     */
    AgentRefusal(String field, String code, String message) {
        super(null, message);
        this.field = field;
        this.code = code;
    }

    String field() {
        return field;
    }

    String code() {
        return code;
    }
}
