package org.supportdesk.ticket;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** R9: human-readable ticket numbers, {@code SD-1001}, … ; the number is the process business key. */
public final class TicketNumber {

    private static final String PREFIX = "SD-";
    private static final Pattern NUMBER = Pattern.compile("SD-(\\d{1,18})", Pattern.CASE_INSENSITIVE);
    /** A number as it appears in a mail subject: {@code [SD-1234]}. */
    public static final Pattern SUBJECT_REFERENCE = Pattern.compile("\\[SD-(\\d{1,18})]", Pattern.CASE_INSENSITIVE);

    private TicketNumber() {
    }

    public static String of(long id) {
        return PREFIX + id;
    }

    public static Optional<Long> parse(String number) {
        if (number == null) {
            return Optional.empty();
        }
        Matcher matcher = NUMBER.matcher(number.strip());
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }
}
