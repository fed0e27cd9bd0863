package org.supportdesk.inbound;

import java.net.IDN;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether the receiving mail server vouches for the From address of a message: anyone can write any From header,
 * only the server that received the message over the internet can check SPF, DKIM and DMARC, and it reports what it
 * found in an {@code Authentication-Results} header (RFC 8601).
 * <p>
 * Only the topmost such header that carries one of our server's authserv-ids counts. The receiving server adds its
 * header on top of the message and, as RFC 8601 section 5 requires, removes any header with its own authserv-id
 * that arrived with the message; a header further down, or one naming another server, may have been written by
 * the sender and is ignored.
 * <p>
 * The sender is verified when that header says, for the From domain:
 * <ul>
 * <li>{@code dmarc=pass} with {@code header.from} aligned with it, or</li>
 * <li>{@code spf=pass} with the {@code smtp.mailfrom} domain aligned with it, or</li>
 * <li>{@code dkim=pass} with {@code header.d} (or the domain of {@code header.i}) aligned with it.</li>
 * </ul>
 * Aligned means relaxed alignment (RFC 7489): the same domain, or one a subdomain of the other. That approximates
 * the organizational domain without the public suffix list: a pass for a parent domain can only come from whoever
 * runs that domain, and single-label domains (top-level domains) never align.
 */
final class SenderAuthentication {

    static final String HEADER = "Authentication-Results";

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*");

    /** What the header says about the sender; {@code reason} says why, in words for staff. */
    record Verdict(boolean verified, String reason) {
    }

    /** One method's result ("dkim=pass header.d=example.com"), names and results in lower case. */
    record Result(String method, String result, Map<String, String> properties) {

        String property(String name) {
            return properties.get(name);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(method).append('=').append(result);
            properties.forEach((name, value) -> text.append(' ').append(name).append('=').append(value));
            return text.toString();
        }
    }

    /** One parsed header: who wrote it and what it found. */
    record Header(String authservId, List<Result> results) {
    }

    private final Set<String> trusted;

    SenderAuthentication(Collection<String> authservIds) {
        this.trusted = authservIds.stream().filter(id -> id != null && !id.isBlank())
                .map(id -> id.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /**
     * @param headers the message's Authentication-Results header values, topmost first (as the message has them)
     * @param from    every address of the message's From header(s)
     */
    Verdict check(List<String> headers, List<String> from) {
        if (trusted.isEmpty()) {
            return new Verdict(false, "no trusted authserv-id is configured"
                    + " (support.mail.inbound.authentication.authserv-ids)");
        }
        if (from.size() != 1) {
            return new Verdict(false, "the message has " + from.size() + " From addresses; only one can be verified");
        }
        String fromDomain = domainOf(from.get(0));
        if (fromDomain == null) {
            return new Verdict(false, "the From address " + from.get(0) + " has no usable domain");
        }
        Optional<Header> ours = headers.stream().map(SenderAuthentication::parse).flatMap(Optional::stream)
                .filter(header -> trusted.contains(header.authservId())).findFirst();
        if (ours.isEmpty()) {
            return new Verdict(false, "no " + HEADER + " from " + String.join(" or ", trusted));
        }
        Header header = ours.get();
        List<String> found = new ArrayList<>();
        for (Result result : header.results()) {
            String domain;
            switch (result.method()) {
                case "dmarc" -> domain = domainOf(result.property("header.from"));
                case "spf" -> domain = domainOf(result.property("smtp.mailfrom"));
                case "dkim" -> domain = Optional.ofNullable(domainOf(result.property("header.d")))
                        .orElseGet(() -> domainOf(result.property("header.i")));
                default -> {
                    continue; // arc, iprev, auth ...: say nothing about the From address
                }
            }
            boolean pass = result.result().equals("pass");
            if (pass && aligned(domain, fromDomain)) {
                return new Verdict(true, result.method() + "=pass for " + domain + " by " + header.authservId());
            }
            found.add(result.method() + "=" + result.result() + (!pass ? ""
                    : domain == null ? " without a domain" : " for " + domain + ", not aligned with " + fromDomain));
        }
        return new Verdict(false, (found.isEmpty() ? "none" : String.join(", ", found)) + " (" + HEADER + " from "
                + header.authservId() + ")");
    }

    /** Relaxed alignment: the same domain, or one a subdomain of the other; never a single-label domain. */
    static boolean aligned(String domain, String fromDomain) {
        String a = normalize(domain);
        String b = normalize(fromDomain);
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        String shorter = a.length() < b.length() ? a : b;
        String longer = a.length() < b.length() ? b : a;
        return shorter.contains(".") && longer.endsWith("." + shorter);
    }

    /** The domain of an address ("user@example.com", "@example.com") or of a bare domain, normalized; else null. */
    static String domainOf(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1);
        }
        int at = text.lastIndexOf('@');
        return normalize(at < 0 ? text : text.substring(at + 1));
    }

    private static String normalize(String domain) {
        if (domain == null) {
            return null;
        }
        String text = domain.strip().toLowerCase(Locale.ROOT);
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1); // the root: "example.com." is "example.com"
        }
        try {
            text = IDN.toASCII(text, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notADomain) {
            return null;
        }
        return !text.isEmpty() && text.length() <= 253 && DOMAIN.matcher(text).matches() ? text : null;
    }

    /**
     * Reads one header value (RFC 8601 section 2.2): {@code authserv-id [version] ( ";" "none" / 1*( ";" resinfo ) )}
     * where a resinfo is {@code method[/version]=result [reason=value] *(ptype.property=value)}. Comments in
     * parentheses (nested, with quoted pairs) count as white space, values may be quoted strings, and names are
     * case-insensitive. Empty when not even the authserv-id can be read; a resinfo that cannot be read is skipped.
     */
    static Optional<Header> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        List<List<Word>> segments = lex(value.replaceAll("\r?\n", ""));
        if (segments.isEmpty() || segments.get(0).isEmpty()) {
            return Optional.empty();
        }
        Word id = segments.get(0).get(0);
        if (id.value != null || id.name.isEmpty()) {
            return Optional.empty();
        }
        List<Result> results = new ArrayList<>();
        for (List<Word> resinfo : segments.subList(1, segments.size())) {
            if (resinfo.isEmpty() || resinfo.get(0).value == null) {
                continue; // "none", or nothing to read
            }
            Word method = resinfo.get(0);
            String name = method.name.toLowerCase(Locale.ROOT);
            int slash = name.indexOf('/');
            if (slash >= 0) {
                name = name.substring(0, slash);
            }
            String result = method.value.toLowerCase(Locale.ROOT);
            Map<String, String> properties = new LinkedHashMap<>();
            for (Word word : resinfo.subList(1, resinfo.size())) {
                if (word.value != null) {
                    properties.putIfAbsent(word.name.toLowerCase(Locale.ROOT), word.value);
                }
            }
            if (!name.isEmpty() && !result.isEmpty()) {
                results.add(new Result(name, result, properties));
            }
        }
        return Optional.of(new Header(id.name.toLowerCase(Locale.ROOT), List.copyOf(results)));
    }

    /** A word of a header: {@code name} alone, or {@code name=value}; quoted strings already unquoted. */
    private record Word(String name, String value) {
    }

    /**
     * Splits the header into segments at the semicolons and each segment into words at white space, outside
     * quoted strings. Comments count as white space; white space around "=", "." and "/" is dropped, so
     * "header . from = example.com" is one word like "header.from=example.com".
     */
    private static List<List<Word>> lex(String header) {
        String text = withoutComments(header);
        List<List<Word>> segments = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        StringBuilder value = null;
        boolean inWord = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                StringBuilder target = value != null ? value : name;
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    target.append(text.charAt(i));
                    i++;
                }
                i++; // the closing quote (or the end)
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                int next = i;
                while (next < n && Character.isWhitespace(text.charAt(next))) {
                    next++;
                }
                StringBuilder current = value != null ? value : name;
                boolean joins = inWord && (next < n && "=./".indexOf(text.charAt(next)) >= 0
                        || value != null && value.isEmpty()
                        || !current.isEmpty() && "./".indexOf(current.charAt(current.length() - 1)) >= 0);
                if (inWord && !joins) {
                    words.add(word(name, value));
                    name = new StringBuilder();
                    value = null;
                    inWord = false;
                }
                i = next;
            } else if (c == ';') {
                if (inWord) {
                    words.add(word(name, value));
                }
                segments.add(words);
                words = new ArrayList<>();
                name = new StringBuilder();
                value = null;
                inWord = false;
                i++;
            } else {
                if (c == '=' && value == null) {
                    value = new StringBuilder();
                } else {
                    (value != null ? value : name).append(c);
                }
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word(name, value));
        }
        segments.add(words);
        return segments;
    }

    private static Word word(StringBuilder name, StringBuilder value) {
        return new Word(name.toString().strip(), value == null ? null : value.toString().strip());
    }

    /**
     * The header with each comment (RFC 5322 section 3.2.2: parentheses, nested, with quoted pairs) replaced by a
     * space; quoted strings are kept as they are. An unclosed comment runs to the end.
     */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append(c);
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        out.append(text.charAt(i++));
                    }
                    out.append(text.charAt(i++));
                }
                if (i < n) {
                    out.append(text.charAt(i++));
                }
            } else if (c == '(') {
                int depth = 0;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == '\\') {
                        i += 2;
                        continue;
                    }
                    i++;
                    if (d == '(') {
                        depth++;
                    } else if (d == ')' && --depth == 0) {
                        break;
                    }
                }
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
