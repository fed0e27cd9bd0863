package org.supportdesk.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.lang.Nullable;
import org.springframework.web.ErrorResponseException;

/**
 * A request the rules refuse, as a domain value: a stable {@link #code() code} (the problem's {@code type}), a
 * message key with its arguments for the customer-facing text, and the {@link FieldError field errors}, each with a
 * stable code of its own. Nothing has been changed when it is thrown.
 *
 * <p>The texts live in {@code messages.properties}: {@code problem.<code>} is the {@code detail} (or the key given
 * with {@link #saying}), {@code problem.<code>.title} or else {@code problem.title.<status>} the {@code title}, and
 * {@code field.<code>} a field error's message. The API renders the refusal as an RFC 7807 problem
 * ({@link #updateAndGetBody}); the portal maps its field errors, by code, to form errors.
 */
public class Refusal extends ErrorResponseException {

    private static final String TYPE_PREFIX = "urn:support-desk:problem:";

    private final String code;
    private String messageKey;
    private Object[] arguments;
    private final List<FieldError> fieldErrors = new ArrayList<>();
    private final Map<String, MessageSourceResolvable> texts = new LinkedHashMap<>();

    /**
     * What is wrong with one field: a stable {@code code} ({@code required}, {@code too-long}, {@code not-one-of},
     * {@code not-an-email}, …) with its arguments; its text is {@code field.<code>} unless a {@code messageKey} says
     * otherwise.
     */
    public record FieldError(String field, String code, String messageKey, List<Object> arguments) {

        public FieldError {
            arguments = List.copyOf(arguments);
        }

        public static FieldError of(String field, String code, Object... arguments) {
            return new FieldError(field, code, "field." + code, Arrays.asList(arguments));
        }

        /** The same code, said differently (for instance {@code required} of a choice names the options). */
        public FieldError saying(String key) {
            return new FieldError(field, code, key, arguments);
        }

        /** The message the API shows ("is required", "must be one of A, B"). */
        public String message(MessageSource messages, Locale locale) {
            return Refusal.text(messages, locale, messageKey, arguments.toArray(), code);
        }
    }

    public Refusal(HttpStatus status, String code, Object... arguments) {
        this(List.of(), status, code, arguments);
    }

    private Refusal(List<FieldError> fieldErrors, HttpStatus status, String code, Object[] arguments) {
        super(status, problem(status, code), null);
        this.code = code;
        this.messageKey = "problem." + code;
        this.arguments = arguments;
        this.fieldErrors.addAll(fieldErrors);
    }

    /** A property of the problem that is a value (a limit, a list of addresses): shown as it is. */
    public Refusal with(String property, Object value) {
        getBody().setProperty(property, value);
        return this;
    }

    /** A field error that comes with a refusal of its own (a file of a discouraged format, for instance). */
    public Refusal withFieldError(String field, String code, Object... arguments) {
        fieldErrors.add(FieldError.of(field, code, arguments));
        return this;
    }

    /** A property of the problem that is a text for people, from the messages. */
    public Refusal withText(String property, String key, Object... arguments) {
        texts.put(property, new DefaultMessageSourceResolvable(new String[]{key}, arguments));
        return this;
    }

    /** Another text for the same refusal (the {@code detail} from {@code key} instead of {@code problem.<code>}). */
    public Refusal saying(String key, Object... arguments) {
        this.messageKey = key;
        this.arguments = arguments;
        return this;
    }

    /** {@code what}: the thing's key in {@code problem.not-found.<what>}, such as {@code ticket}. */
    public static Refusal notFound(String what, Object... arguments) {
        return new Refusal(HttpStatus.NOT_FOUND, "not-found").saying("problem.not-found." + what, arguments);
    }

    public static Refusal forbidden(String code, Object... arguments) {
        return new Refusal(HttpStatus.FORBIDDEN, code, arguments);
    }

    public static Refusal conflict(String code, Object... arguments) {
        return new Refusal(HttpStatus.CONFLICT, code, arguments);
    }

    public static Refusal unprocessable(String code, Object... arguments) {
        return new Refusal(HttpStatus.UNPROCESSABLE_ENTITY, code, arguments);
    }

    public static Refusal badRequest(String code, Object... arguments) {
        return new Refusal(HttpStatus.BAD_REQUEST, code, arguments);
    }

    /** 400 {@code invalid-fields}: every field error at once. */
    public static Refusal invalidFields(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("A refusal of fields names at least one");
        }
        return new Refusal(errors, HttpStatus.BAD_REQUEST, "invalid-fields", new Object[0]);
    }

    public static Refusal invalidField(String field, String code, Object... arguments) {
        return invalidFields(List.of(FieldError.of(field, code, arguments)));
    }

    public String code() {
        return code;
    }

    public String messageKey() {
        return messageKey;
    }

    public List<Object> arguments() {
        return Arrays.asList(arguments);
    }

    public List<FieldError> fieldErrors() {
        return List.copyOf(fieldErrors);
    }

    /** The {@code detail} in the current locale. */
    public String detail(MessageSource messages) {
        return updateAndGetBody(messages, LocaleContextHolder.getLocale()).getDetail();
    }

    /** The {@code title} in the current locale. */
    public String title(MessageSource messages) {
        return updateAndGetBody(messages, LocaleContextHolder.getLocale()).getTitle();
    }

    /**
     * The RFC 7807 problem with its texts: {@code title}, {@code detail}, the text properties, and {@code errors}
     * as {@code field}, {@code message}, {@code code} for each field error. Spring's exception handling calls it.
     */
    @Override
    public ProblemDetail updateAndGetBody(@Nullable MessageSource messages, Locale locale) {
        ProblemDetail problem = getBody();
        if (messages == null) {
            return problem;
        }
        Object[] detailArguments = arguments;
        if (!fieldErrors.isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (FieldError error : fieldErrors) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("field", error.field());
                json.put("message", error.message(messages, locale));
                json.put("code", error.code());
                errors.add(json);
            }
            problem.setProperty("errors", errors);
            if (arguments.length == 0) {
                detailArguments = new Object[]{errors.stream().map(e -> e.get("field") + " " + e.get("message"))
                        .distinct().collect(Collectors.joining("; "))};
            }
        }
        String title = messages.getMessage(new DefaultMessageSourceResolvable(
                new String[]{"problem." + code + ".title", "problem.title." + problem.getStatus()}, null, ""), locale);
        problem.setTitle(title.isEmpty() ? HttpStatus.valueOf(problem.getStatus()).getReasonPhrase() : title);
        problem.setDetail(text(messages, locale, messageKey, detailArguments, code));
        texts.forEach((property, text) -> problem.setProperty(property, messages.getMessage(text, locale)));
        return problem;
    }

    /** A text from the messages; a missing key (a mistake, caught by the tests) shows the code, never a key. */
    static String text(MessageSource messages, Locale locale, String key, Object[] arguments, String code) {
        return messages.getMessage(key, arguments, code, locale);
    }

    private static ProblemDetail problem(HttpStatus status, String code) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_PREFIX + code));
        return problem;
    }
}
