package org.supportdesk.account;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.supportdesk.web.Refusal;
import org.supportdesk.web.Refusal.FieldError;

/**
 * Customers' passwords: 12 to 128 characters, and no more than bcrypt can take (72 bytes in UTF-8: 72 plain
 * letters, fewer accented letters or other scripts). Anything else is a 400 that says which limit it broke, before
 * anything is hashed or stored.
 */
public final class PasswordPolicy {

    public static final int MIN_CHARACTERS = 12;
    public static final int MAX_CHARACTERS = 128;
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    /** @throws Refusal 400 naming the field and the rule */
    public static void check(String field, String password) {
        FieldError problem = problem(field, password);
        if (problem != null) {
            throw Refusal.invalidFields(List.of(problem));
        }
    }

    /** What is wrong with the password, or null. */
    public static FieldError problem(String field, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            return FieldError.of(field, "too-short", MIN_CHARACTERS);
        }
        if (password.codePointCount(0, password.length()) > MAX_CHARACTERS) {
            return FieldError.of(field, "too-long", MAX_CHARACTERS).saying("field.too-long.characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return FieldError.of(field, "too-many-bytes", MAX_BYTES);
        }
        return null;
    }
}
