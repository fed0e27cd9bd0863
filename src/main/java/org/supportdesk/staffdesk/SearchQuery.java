package org.supportdesk.staffdesk;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.supportdesk.ticket.Priority;
import org.supportdesk.ticket.TicketStatus;
import org.supportdesk.ticket.TicketTerms;
import org.supportdesk.web.Refusal;
import org.supportdesk.web.Refusal.FieldError;

/**
 * What staff search for: words ({@code q}: every word must occur in the ticket's texts or conversation; ticket numbers
 * in it, such as {@code SD-1001}, find that ticket), a ticket number, organisation, requester, status, team, assignee,
 * priority and filing dates ({@code from}, {@code to}, inclusive, UTC days); pages numbered from 1. Parsed from the
 * request's parameters, every bad value refused at once.
 */
public record SearchQuery(Set<String> words, Set<Long> ids, String organization, String requester,
                          TicketStatus status, String team, String assignee, Priority priority, LocalDate from,
                          LocalDate to, int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;
    static final int Q_MAX = 200;
    static final int WORDS_MAX = 10;
    static final int VALUE_MAX = 254;
    private static final Pattern NUMBER = Pattern.compile("(?i)\\bSD-(\\d{1,18})\\b");

    /** The parameters this search reads, in the order the search page shows them. */
    public static final List<String> PARAMETERS = List.of("q", "number", "organization", "requester", "status",
            "team", "assignee", "priority", "from", "to", "page", "size");

    public static SearchQuery parse(Map<String, String> parameters) {
        List<FieldError> errors = new ArrayList<>();
        String q = text(parameters, "q", Q_MAX, errors);
        Set<Long> ids = new LinkedHashSet<>();
        Set<String> words = new LinkedHashSet<>();
        if (q != null) {
            Matcher numbers = NUMBER.matcher(q);
            while (numbers.find()) {
                ids.add(Long.parseLong(numbers.group(1)));
            }
            words.addAll(TicketTerms.words(NUMBER.matcher(q).replaceAll(" ")));
            if (words.size() > WORDS_MAX) {
                errors.add(FieldError.of("q", "too-many-words", WORDS_MAX));
            }
        }
        String number = text(parameters, "number", 30, errors);
        if (number != null) {
            Matcher m = Pattern.compile("(?i)(?:SD-)?(\\d{1,18})").matcher(number);
            if (m.matches()) {
                if (!ids.isEmpty() && !ids.contains(Long.parseLong(m.group(1)))) {
                    ids.clear();
                    ids.add(-1L); // two different numbers: nothing matches both
                } else {
                    ids.clear();
                    ids.add(Long.parseLong(m.group(1)));
                }
            } else {
                errors.add(FieldError.of("number", "not-a-ticket-number"));
            }
        }
        TicketStatus status = choice(parameters, "status", TicketStatus.class, errors);
        Priority priority = choice(parameters, "priority", Priority.class, errors);
        LocalDate from = date(parameters, "from", errors);
        LocalDate to = date(parameters, "to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(FieldError.of("to", "before-from"));
        }
        int page = integer(parameters, "page", 1, 1, 10_000, errors);
        int size = integer(parameters, "size", DEFAULT_SIZE, 1, MAX_SIZE, errors);
        SearchQuery query = new SearchQuery(words, ids, text(parameters, "organization", VALUE_MAX, errors),
                text(parameters, "requester", VALUE_MAX, errors), status, text(parameters, "team", VALUE_MAX, errors),
                text(parameters, "assignee", VALUE_MAX, errors), priority, from, to, page, size);
        if (!errors.isEmpty()) {
            throw Refusal.invalidFields(errors);
        }
        return query;
    }

    Instant filedFrom() {
        return from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant filedBefore() {
        return to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String text(Map<String, String> parameters, String name, int max, List<FieldError> errors) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            errors.add(FieldError.of(name, "too-long", max));
            return null;
        }
        return value.strip();
    }

    private static <E extends Enum<E>> E choice(Map<String, String> parameters, String name, Class<E> type,
                                                List<FieldError> errors) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.of(name, "not-one-of", Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", "))));
            return null;
        }
    }

    private static LocalDate date(Map<String, String> parameters, String name, List<FieldError> errors) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of(name, "not-a-date"));
            return null;
        }
    }

    private static int integer(Map<String, String> parameters, String name, int fallback, int min, int max,
                               List<FieldError> errors) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        errors.add(FieldError.of(name, "not-between", min, max));
        return fallback;
    }
}
