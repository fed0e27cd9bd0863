package org.supportdesk.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures and verdicts of one run, written as Markdown to target/reliability/results.md after each scenario. */
final class Results {

    static final class Scenario {
        final String title;
        final Map<String, Object> figures = new LinkedHashMap<>();
        final List<String[]> checks = new ArrayList<>();
        String error;

        Scenario(String title) {
            this.title = title;
        }

        Scenario figure(String name, Object value) {
            figures.put(name, value);
            return this;
        }

        /** A property that must hold; recorded with what was observed. */
        Scenario check(String property, boolean holds, Object observed) {
            checks.add(new String[]{property, String.valueOf(observed), holds ? "PASS" : "FAIL"});
            return this;
        }

        boolean passed() {
            return error == null && !checks.isEmpty() && checks.stream().allMatch(c -> c[2].equals("PASS"));
        }
    }

    private final Path file;
    private final String header;
    private final List<Scenario> scenarios = new ArrayList<>();

    Results(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    Scenario start(String title) {
        Scenario scenario = new Scenario(title);
        scenarios.add(scenario);
        return scenario;
    }

    boolean allPassed() {
        return scenarios.stream().allMatch(Scenario::passed);
    }

    List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            if (scenario.error != null) {
                failures.add(scenario.title + ": " + scenario.error);
            }
            for (String[] check : scenario.checks) {
                if (check[2].equals("FAIL")) {
                    failures.add(scenario.title + ": " + check[0] + " (observed " + check[1] + ")");
                }
            }
        }
        return failures;
    }

    void write() {
        StringBuilder md = new StringBuilder("# Two nodes and real faults: results\n\n").append(header)
                .append("\n\nWritten ").append(Instant.now()).append(".\n");
        for (Scenario scenario : scenarios) {
            md.append("\n## ").append(scenario.title).append(": ").append(scenario.passed() ? "PASS" : "FAIL")
                    .append("\n\n| figure | value |\n|---|---|\n");
            scenario.figures.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value)
                    .append(" |\n"));
            md.append("\n| what must hold | observed | verdict |\n|---|---|---|\n");
            for (String[] check : scenario.checks) {
                md.append("| ").append(check[0]).append(" | ").append(check[1]).append(" | ").append(check[2])
                        .append(" |\n");
            }
            if (scenario.error != null) {
                md.append("| the scenario ran to its end | ")
                        .append(scenario.error.replace('|', '/').replace('\n', ' '))
                        .append(" | FAIL |\n");
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
