package org.supportdesk.account;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/** R3: an authorized contact is an individual, not a mailing list, distribution list or shared mailbox. */
@Component
public class ContactAddressPolicy {

    private final List<Pattern> rolePatterns;

    public ContactAddressPolicy(AccountProperties properties) {
        this.rolePatterns = properties.roleAddresses().stream().map(ContactAddressPolicy::glob).toList();
    }

    public boolean isRoleAddress(String email) {
        String local = localPart(email);
        return rolePatterns.stream().anyMatch(p -> p.matcher(local).matches());
    }

    /** The mailbox name without a {@code +tag}: {@code support+acme@x} is still the support list. */
    private static String localPart(String email) {
        String local = email.substring(0, Math.max(email.indexOf('@'), 0)).toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        return plus < 0 ? local : local.substring(0, plus);
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
