package org.supportdesk.account;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * R3: an authorized contact is an individual, not a mailing list, distribution list or shared mailbox. Lists are
 * named as people write them: {@code support@}, {@code support-emea@}, {@code dev-team@}, {@code all_staff@},
 * {@code ops-list@}. A configured word matches the local part or any run of its parts between {@code -} and
 * {@code _}; an entry with {@code *} is a pattern for the whole local part. Dots are not separators: they join first
 * and last names ({@code dev.patel@} is a person).
 */
@Component
public class ContactAddressPolicy {

    private static final Pattern SEPARATORS = Pattern.compile("[-_]+");

    private final List<List<String>> words;
    private final List<Pattern> patterns;

    public ContactAddressPolicy(AccountProperties properties) {
        List<String> entries = properties.roleAddresses().stream().map(e -> e.strip().toLowerCase(Locale.ROOT))
                .filter(e -> !e.isEmpty()).toList();
        this.words = entries.stream().filter(e -> !e.contains("*")).map(ContactAddressPolicy::parts).toList();
        this.patterns = entries.stream().filter(e -> e.contains("*")).map(ContactAddressPolicy::glob).toList();
    }

    public boolean isRoleAddress(String email) {
        String local = localPart(email);
        if (patterns.stream().anyMatch(p -> p.matcher(local).matches())) {
            return true;
        }
        List<String> parts = parts(local);
        return words.stream().anyMatch(word -> Collections.indexOfSubList(parts, word) >= 0);
    }

    /** The mailbox name without a {@code +tag}: {@code support+acme@x} is still the support list. */
    private static String localPart(String email) {
        String local = email.substring(0, Math.max(email.indexOf('@'), 0)).toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        return plus < 0 ? local : local.substring(0, plus);
    }

    private static List<String> parts(String text) {
        return Arrays.stream(SEPARATORS.split(text)).filter(p -> !p.isEmpty()).toList();
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
