package org.supportdesk.ticket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.supportdesk.web.Refusal;

/** Collects what is wrong with a request, field by field, and refuses it with all of them at once. */
final class FieldErrors {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;]+@[^@\\s<>,;]+\\.[^@\\s<>,;]+");

    private final List<Map<String, String>> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(Map.of("field", field, "message", message));
    }

    String text(String field, String value, boolean required, int maxLength) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "is required");
            }
            return null;
        }
        if (value.length() > maxLength) {
            add(field, "is longer than " + maxLength + " characters");
        }
        return value.strip();
    }

    <E extends Enum<E>> E choice(String field, String value, Class<E> type, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "is required; one of " + names(type));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            add(field, "must be one of " + names(type));
            return null;
        }
    }

    boolean isEmail(String value) {
        return value != null && value.length() <= 254 && EMAIL.matcher(value.strip()).matches();
    }

    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        String summary = errors.stream().map(e -> e.get("field") + " " + e.get("message"))
                .collect(Collectors.joining("; "));
        throw Refusal.badRequest("invalid-fields", "Some fields are not valid: " + summary + ".")
                .with("errors", List.copyOf(errors));
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
