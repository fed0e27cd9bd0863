package org.supportdesk.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each table of the desk belongs to one feature, and SQL naming it is written only in that feature's package: the
 * dashboard and the metrics read tickets, ratings and mail through the owners' read methods
 * ({@code ticket/TicketReportRepository}, {@code survey/RatingRepository}, …), not with SQL of their own. The tables
 * are the Flyway migrations' ({@code src/main/resources/db/migration}); the SQL is every string literal and text block
 * in {@code src/main/java} that names a table after {@code from}, {@code join}, {@code into}, {@code update} or
 * {@code table}.
 */
class TablesHaveOwnersTest {

    /**
     * Table → the top-level packages whose code may write SQL on it (one, except where noted). A new table needs an
     * entry here: the test says so.
     */
    static final Map<String, Set<String>> OWNERS = Map.ofEntries(
            Map.entry("organization", Set.of("account")),
            Map.entry("licence", Set.of("account")),
            Map.entry("org_member", Set.of("account")),
            Map.entry("invitation", Set.of("account")),
            Map.entry("account_token", Set.of("account")),
            Map.entry("ticket", Set.of("ticket")),
            Map.entry("ticket_cc", Set.of("ticket")),
            Map.entry("ticket_message", Set.of("ticket")),
            Map.entry("ticket_note", Set.of("ticket")),
            Map.entry("ticket_next_reply", Set.of("ticket")),
            Map.entry("ticket_routing_change", Set.of("ticket")),
            Map.entry("ticket_term", Set.of("ticket")),
            Map.entry("idempotency_key", Set.of("ticket")),
            // a ticket's files are rows of the ticket, written with its messages (ticket/TicketRepository); the
            // shared directory's token is the attachment store's
            Map.entry("attachment", Set.of("ticket")),
            Map.entry("attachment_directory", Set.of("attachment")),
            Map.entry("ticket_rating", Set.of("survey")),
            Map.entry("app_secret", Set.of("survey")),
            Map.entry("outbound_mail", Set.of("mail")),
            Map.entry("outbound_mail_file", Set.of("mail")),
            Map.entry("inbound_mail", Set.of("inbound")),
            Map.entry("login_failure", Set.of("login")),
            Map.entry("login_known_address", Set.of("login")),
            Map.entry("cluster_node", Set.of("cluster")),
            Map.entry("startup_lock", Set.of("engine")),
            Map.entry("process_migration", Set.of("migration")),
            Map.entry("process_migration_skip", Set.of("migration")),
            // Spring Session's JDBC store, set up by the security package
            Map.entry("spring_session", Set.of("security")),
            Map.entry("spring_session_attributes", Set.of("security")));

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");
    private static final Pattern TABLE_REFERENCE = Pattern.compile("(?i)\\b(?:from|join|into|update|table)\\s+(\\w+)");

    @Test
    void everyTableHasAnOwner() throws IOException {
        assertThat(OWNERS).as("the owners of the tables of " + MIGRATIONS).containsOnlyKeys(tables());
    }

    @Test
    void sqlNamingATableIsInItsOwnersPackage() throws IOException {
        Set<String> tables = tables();
        List<String> strays = new ArrayList<>();
        for (Path source : sources()) {
            String feature = feature(source);
            for (String literal : literals(Files.readString(source, StandardCharsets.UTF_8))) {
                Matcher reference = TABLE_REFERENCE.matcher(literal);
                while (reference.find()) {
                    String table = reference.group(1).toLowerCase();
                    if (tables.contains(table) && !OWNERS.getOrDefault(table, Set.of()).contains(feature)) {
                        strays.add(SOURCES.relativize(source) + " names " + table + " (owned by "
                                + OWNERS.get(table) + ") in \"" + literal.strip().replaceAll("\\s+", " ") + "\"");
                    }
                }
            }
        }
        assertThat(strays).as("SQL on another feature's table: call that feature's read method instead").isEmpty();
    }

    /** The check sees SQL at all: the ticket's own repository names its table. */
    @Test
    void theCheckFindsSql() throws IOException {
        String repository = Files.readString(SOURCES.resolve("org/supportdesk/ticket/TicketRepository.java"));
        assertThat(literals(repository).stream().flatMap(l -> TABLE_REFERENCE.matcher(l).results())
                .map(m -> m.group(1))).contains("ticket", "ticket_cc", "ticket_message");
    }

    static Set<String> tables() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path migration : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher create = CREATE_TABLE.matcher(Files.readString(migration, StandardCharsets.UTF_8));
                while (create.find()) {
                    tables.add(create.group(1).toLowerCase());
                }
            }
        }
        return tables;
    }

    /** The string literals and text blocks of a Java source (not what comments and character literals say). */
    static List<String> literals(String java) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < java.length()) {
            if (java.startsWith("//", i)) {
                i = endOf(java, "\n", i + 2);
            } else if (java.startsWith("/*", i)) {
                i = endOf(java, "*/", i + 2);
            } else if (java.startsWith("\"\"\"", i)) {
                int end = java.indexOf("\"\"\"", i + 3);
                literals.add(java.substring(i + 3, end));
                i = end + 3;
            } else if (java.charAt(i) == '"' || java.charAt(i) == '\'') {
                char quote = java.charAt(i);
                int end = i + 1;
                while (java.charAt(end) != quote) {
                    end += java.charAt(end) == '\\' ? 2 : 1;
                }
                if (quote == '"') {
                    literals.add(java.substring(i + 1, end));
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static int endOf(String java, String end, int from) {
        int at = java.indexOf(end, from);
        return at < 0 ? java.length() : at + end.length();
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The top-level package under org/supportdesk of a source file ("" for the application class). */
    private static String feature(Path source) {
        Path relative = SOURCES.resolve("org/supportdesk").relativize(source);
        return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
    }
}
