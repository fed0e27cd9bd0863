package org.supportdesk.account;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.supportdesk.web.Refusal;

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
        String problem = problem(password);
        if (problem != null) {
            throw Refusal.badRequest("invalid-fields", "Some fields are not valid: " + field + " " + problem + ".")
                    .with("errors", List.of(Map.of("field", field, "message", problem)));
        }
    }

    /** What is wrong with the password, or null. */
    public static String problem(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            return "must have at least " + MIN_CHARACTERS + " characters";
        }
        if (password.codePointCount(0, password.length()) > MAX_CHARACTERS) {
            return "must have at most " + MAX_CHARACTERS + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "is longer than the " + MAX_BYTES + " bytes the password hash (bcrypt) can take: use at most "
                    + MAX_BYTES + " plain letters, digits and punctuation, or fewer accented letters or other scripts";
        }
        return null;
    }
}
