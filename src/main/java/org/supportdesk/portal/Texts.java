package org.supportdesk.portal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.supportdesk.web.Refusal;

/**
 * The portal's texts from {@code messages.properties}: a refusal's title and detail, its field errors as form
 * errors, and the pages' own messages. Decisions are taken on a refusal's codes, never on its texts.
 */
@Component
class Texts {

    private final MessageSource messages;

    Texts(MessageSource messages) {
        this.messages = messages;
    }

    String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, locale());
    }

    /** A refusal's (or one of Spring's own refusals') {@code detail}, the text for people. */
    String detail(ErrorResponse refusal) {
        return refusal.updateAndGetBody(messages, locale()).getDetail();
    }

    String title(ErrorResponse refusal) {
        return refusal.updateAndGetBody(messages, locale()).getTitle();
    }

    /**
     * The refusal's field errors by form field: {@code form.field.<code>.<field>}, else {@code form.field.<code>},
     * else the API's message as a sentence. Several errors of one field are shown together.
     */
    Map<String, String> fieldErrors(Refusal refusal) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Refusal.FieldError error : refusal.fieldErrors()) {
            String text = messages.getMessage(new DefaultMessageSourceResolvable(
                    new String[]{"form.field." + error.code() + "." + error.field(), "form.field." + error.code()},
                    error.arguments().toArray(), sentence(error.message(messages, locale()))), locale());
            errors.merge(error.field(), text, (a, b) -> a + " " + b);
        }
        return errors;
    }

    /** "is not your current password" as "Is not your current password." (a form shows it under the field). */
    private static String sentence(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
