package org.supportdesk.ticket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.supportdesk.web.Refusal;
import org.supportdesk.web.Refusal.FieldError;

/** Collects what is wrong with a request, field by field, and refuses it with all of them at once. */
final class FieldErrors {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;]+@[^@\\s<>,;]+\\.[^@\\s<>,;]+");

    private final List<FieldError> errors = new ArrayList<>();

    void add(String field, String code, Object... arguments) {
        errors.add(FieldError.of(field, code, arguments));
    }

    void add(FieldError error) {
        errors.add(error);
    }

    String text(String field, String value, boolean required, int maxLength) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "required");
            }
            return null;
        }
        if (value.length() > maxLength) {
            add(field, "too-long", maxLength);
        }
        return value.strip();
    }

    <E extends Enum<E>> E choice(String field, String value, Class<E> type, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(FieldError.of(field, "required", names(type)).saying("field.required-one-of"));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            add(field, "not-one-of", names(type));
            return null;
        }
    }

    /** What the customer says of the business impact, checked (R6). */
    record StatedImpact(BusinessImpact impact, String statement) {
    }

    /**
     * R6, the same on a request and a follow-up: the impact ({@code NORMAL} when not given) and its statement, which
     * a {@code HIGH} impact needs.
     */
    StatedImpact businessImpact(String impact, String statement) {
        BusinessImpact chosen = choice("businessImpact", impact, BusinessImpact.class, false);
        chosen = chosen == null ? BusinessImpact.NORMAL : chosen;
        return new StatedImpact(chosen, text("businessImpactStatement", statement, chosen == BusinessImpact.HIGH,
                CustomerText.TEXT_MAX));
    }

    boolean isEmail(String value) {
        return value != null && value.length() <= 254 && EMAIL.matcher(value.strip()).matches();
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw Refusal.invalidFields(errors);
        }
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
