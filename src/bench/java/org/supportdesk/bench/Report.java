package org.supportdesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/** The benchmark's Markdown table: printed and written to target/bench/results.md. */
final class Report {

    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final BenchConfig config;

    Report(BenchConfig config) {
        this.config = config;
    }

    void row(String scenario, String parameters, String result, String target, Boolean met) {
        rows.add(new String[]{scenario, parameters, result, target, met == null ? "" : met ? "met" : "MISSED"});
        System.out.printf("[bench] %s | %s | %s | %s%n", scenario, parameters, result, target);
    }

    void note(String text) {
        notes.add(text);
        System.out.println("[bench] " + text);
    }

    static String latencies(Histogram h) {
        return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)),
                ms(h.getMaxValue()), h.getTotalCount());
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n")
                .append("- run: ").append(Instant.now()).append('\n')
                .append("- database: ").append(config.db()).append(config.smoke() ? " (smoke run)" : "").append('\n')
                .append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB, Java ")
                .append(System.getProperty("java.version")).append("\n\n")
                .append("| scenario | parameters | result | target | |\n|---|---|---|---|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown());
        System.out.println();
        System.out.println(markdown());
        System.out.println("[bench] written to " + file.toAbsolutePath());
    }
}
