package org.supportdesk.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docs/policy.md tells maintainers where each rule is implemented and tested; a citation of a class or method that
 * was renamed or deleted sends them looking for nothing. Every class it cites ({@code ticket/Ticket.java},
 * {@code processes/PolicyNumbersTest}) exists in src/main/java or src/test/java, every method it cites
 * ({@code ticket/TicketWorkflow.changeStatus}, {@code BusinessTime.firstResponseDue}, or a test method of a "tests"
 * row named alone after a method of its class) is declared in that class.
 */
class PolicyCitationsTest {

    private static final Path POLICY = Path.of("docs/policy.md");
    private static final List<Path> SOURCES = List.of(Path.of("src/main/java/org/supportdesk"),
            Path.of("src/test/java/org/supportdesk"));

    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    /** {@code pkg/Class.java}, {@code pkg/Class}, {@code pkg/Class.member}, {@code Class.java}, {@code Class.member}. */
    private static final Pattern CLASS_CITATION = Pattern.compile(
            "(?:((?:[a-z][a-z0-9]*/)+))?([A-Z][A-Za-z0-9]*)(?:\\.(java|[a-zA-Z_][A-Za-z0-9_]*))?");
    private static final Pattern MEMBER = Pattern.compile("[a-z][A-Za-z0-9_]*");

    private final Map<String, Optional<String>> sources = new HashMap<>();

    @Test
    void everyClassAndMethodThePolicyCitesExists() throws IOException {
        List<String> stale = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(POLICY, StandardCharsets.UTF_8)) {
            boolean testsRow = line.startsWith("| tests |");
            String currentClass = null;
            Matcher code = CODE.matcher(line);
            while (code.find()) {
                String cited = code.group(1).strip();
                Matcher citation = CLASS_CITATION.matcher(cited);
                if (citation.matches() && (citation.group(1) != null || citation.group(3) != null)
                        && !"package/".equals(citation.group(1))) { // the legend: "as `package/Class.method`"
                    String path = (citation.group(1) == null ? "" : citation.group(1)) + citation.group(2);
                    String member = citation.group(3);
                    checked++;
                    Optional<String> source = source(path);
                    if (source.isEmpty()) {
                        stale.add(cited + ": no class " + path + " in src/main/java or src/test/java");
                        currentClass = null;
                        continue;
                    }
                    // a name alone after `pkg/ClassTest.method` (or `pkg/ClassTest`) is another method of that class
                    currentClass = "java".equals(member) ? null : path;
                    if (member != null && !member.equals("java") && !declares(source.get(), member)) {
                        stale.add(cited + ": " + path + " declares no " + member);
                    }
                } else if (testsRow && currentClass != null && MEMBER.matcher(cited).matches()) {
                    checked++;
                    if (!declares(source(currentClass).orElseThrow(), cited)) {
                        stale.add(cited + ": " + currentClass + " declares no " + cited);
                    }
                }
            }
        }

        assertThat(checked).as("citations found in " + POLICY).isGreaterThan(300);
        assertThat(stale).as("citations in " + POLICY + " of code that does not exist").isEmpty();
    }

    @Test
    void aCitationOfAMissingMethodOrClassIsCaught() {
        String calendar = source("calendar/BusinessCalendar").orElseThrow();

        assertThat(declares(calendar, "plusBusinessDays")).isTrue();
        assertThat(declares(calendar, "plusBusinessWeeks")).isFalse();
        assertThat(source("calendar/BusinessWeek")).isEmpty();
        assertThat(declares(source("calendar/BusinessCalendarTest").orElseThrow(), "landsAtTheSameClockTime")).isTrue();
    }

    /** A method, record component, field or enum constant named {@code member} is declared in the source. */
    private static boolean declares(String source, String member) {
        String name = Pattern.quote(member);
        return Pattern.compile("[\\w>\\]]\\s+" + name + "\\s*[(,;)=]").matcher(source).find()
                || Pattern.compile("^\\s*" + name + "\\s*[,;(]", Pattern.MULTILINE).matcher(source).find();
    }

    /** The source of the class at {@code path} (with packages: under org/supportdesk; without: anywhere). */
    private Optional<String> source(String path) {
        return sources.computeIfAbsent(path, PolicyCitationsTest::read);
    }

    private static Optional<String> read(String path) {
        String file = path + ".java";
        for (Path root : SOURCES) {
            if (path.contains("/")) {
                Path candidate = root.resolve(file);
                if (Files.exists(candidate)) {
                    return Optional.of(text(candidate));
                }
            } else {
                try (Stream<Path> files = Files.walk(root)) {
                    Optional<Path> found = files.filter(f -> f.getFileName().toString().equals(file)).findFirst();
                    if (found.isPresent()) {
                        return Optional.of(text(found.get()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
