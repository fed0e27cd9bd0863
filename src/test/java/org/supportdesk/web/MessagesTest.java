package org.supportdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every text the code asks for is in {@code messages.properties}, and every text there is a valid pattern: a
 * refusal whose text is missing would show its bare code.
 */
class MessagesTest {

    private static final Pattern KEY = Pattern.compile("\"((?:problem|field|form|attachments|eligibility|page|api)\\.[A-Za-z0-9.-]*[A-Za-z0-9])\"");
    private static final Pattern PROBLEM = Pattern.compile(
            "Refusal\\.(?:forbidden|conflict|unprocessable|badRequest)\\(\"([a-z0-9-]+)\"(?=[,)])"
            + "|new Refusal\\(HttpStatus\\.\\w+, \"([a-z0-9-]+)\"(?=[,)])");
    private static final Pattern NOT_FOUND = Pattern.compile("Refusal\\.notFound\\(\"([a-z0-9-]+)\"");
    private static final Pattern REQUIRE = Pattern.compile("check\\.require\\(\"[A-Za-z]+\",[^;]*?, \"([a-z0-9-]+)\"[,)]",
            Pattern.DOTALL);

    @Test
    void everyTextTheCodeUsesExists() throws IOException {
        Properties messages = messages();
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                expect(missing, messages, KEY, source, "");
                expect(missing, messages, PROBLEM, source, "problem.");
                expect(missing, messages, NOT_FOUND, source, "problem.not-found.");
                expect(missing, messages, REQUIRE, source, "field.");
                Matcher field = Pattern.compile("(?:FieldError\\.of|invalidField|withFieldError|errors\\.add)"
                        + "\\(\"[A-Za-z]+\", \"([a-z0-9-]+)\"").matcher(source);
                while (field.find()) {
                    check(missing, messages, "field." + field.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyTextIsAValidPattern() throws IOException {
        Properties messages = messages();
        for (String key : messages.stringPropertyNames()) {
            String text = messages.getProperty(key);
            assertThat(new MessageFormat(text).format(new Object[]{1, 2, 3, 4, 5})).as(key).doesNotContain("{");
        }
    }

    private static void expect(Set<String> missing, Properties messages, Pattern pattern, String source,
                               String prefix) {
        Matcher matcher = pattern.matcher(source);
        while (matcher.find()) {
            for (int group = 1; group <= matcher.groupCount(); group++) {
                if (matcher.group(group) != null) {
                    check(missing, messages, prefix + matcher.group(group));
                }
            }
        }
    }

    private static void check(Set<String> missing, Properties messages, String key) {
        if (!messages.containsKey(key)) {
            missing.add(key);
        }
    }

    static Properties messages() throws IOException {
        Properties messages = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/messages.properties")) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return messages;
    }
}
