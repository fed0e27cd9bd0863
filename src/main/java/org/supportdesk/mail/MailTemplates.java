package org.supportdesk.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * Mail texts are Mustache files in {@code src/main/resources/mail/templates/NAME.txt}: header lines
 * ({@code Subject:} and optionally {@code Auto-Submitted:}), a blank line, then the plain-text body.
 */
@Component
public class MailTemplates {

    private static final String LOCATION = "mail/templates/";
    private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).emptyStringIsFalse(true).defaultValue("");
    private final Map<String, Parsed> cache = new ConcurrentHashMap<>();

    public RenderedMail render(String name, Map<String, ?> model) {
        Parsed parsed = cache.computeIfAbsent(name, this::load);
        Map<String, String> headers = new LinkedHashMap<>();
        parsed.headers.forEach((header, template) -> headers.put(header, template.execute(model).strip()));
        String subject = headers.remove("Subject");
        return new RenderedMail(name, subject, parsed.body.execute(model), headers.get("Auto-Submitted"));
    }

    private Parsed load(String name) {
        ClassPathResource resource = new ClassPathResource(LOCATION + name + ".txt");
        if (!resource.exists()) {
            throw new IllegalArgumentException("No mail template " + LOCATION + name + ".txt");
        }
        try {
            return parse(name, resource.getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Parsed parse(String name, String text) {
        String normalized = text.replace("\r\n", "\n");
        int blank = normalized.indexOf("\n\n");
        if (blank < 0) {
            throw new IllegalArgumentException("Mail template " + name + " needs headers, a blank line and a body");
        }
        Map<String, Template> headers = new LinkedHashMap<>();
        for (String line : normalized.substring(0, blank).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip(), compiler.compile(line.substring(colon + 1)));
            }
        }
        if (!headers.containsKey("Subject")) {
            throw new IllegalArgumentException("Mail template " + name + " has no Subject: line");
        }
        return new Parsed(headers, compiler.compile(normalized.substring(blank + 2)));
    }

    private record Parsed(Map<String, Template> headers, Template body) {
    }
}
