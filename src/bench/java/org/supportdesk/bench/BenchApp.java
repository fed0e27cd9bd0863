package org.supportdesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportdesk.SupportDeskApplication;

/** The whole application in this JVM, on a fresh database, with the settings it ships with. */
final class BenchApp {

    private BenchApp() {
    }

    static ConfigurableApplicationContext start(BenchConfig config, List<String> extraProperties) throws Exception {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "support.mail.embedded.smtp-port=3525", "spring.mail.port=3525",
                "support.mail.embedded.imap-port=3643", "support.mail.inbound.port=3643",
                "support.mail.inbound.polling=false",
                "support.attachments.directory=target/bench/attachments",
                "logging.level.root=WARN",
                "logging.level.org.supportdesk.bench=INFO",
                "spring.main.banner-mode=off"));
        if (config.db().equals("postgres")) {
            properties.add("spring.datasource.url=" + recreatePostgres(System.getProperty("bench.pg.database", "supportdesk_bench")));
            properties.add("spring.profiles.active=postgres,demo");
        } else {
            Path dir = Path.of("target", "bench", "h2");
            deleteRecursively(dir);
            properties.add("spring.datasource.url=jdbc:h2:file:./target/bench/h2/bench;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256");
        }
        properties.addAll(extraProperties);
        // -Dbench.app="a=1;b=2": settings to compare (see docs/benchmarks.md)
        String more = System.getProperty("bench.app", "");
        for (String property : more.split(";")) {
            if (!property.isBlank()) {
                // a setting given here replaces the default above (the mail ports, for a second run beside another)
                String key = property.strip().split("=", 2)[0];
                properties.removeIf(p -> p.split("=", 2)[0].equals(key));
                properties.add(property.strip());
            }
        }
        // as command-line arguments: they must win over application.yaml (builder properties would not)
        return new SpringApplicationBuilder(SupportDeskApplication.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    private static String recreatePostgres(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        }
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
