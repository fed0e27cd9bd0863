package org.supportdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Process coverage across the whole test run: the unit-test phase writes one camunda-process-test-coverage report
 * per test class; this check (integration-test phase, so it runs after them) unites them and requires every
 * diagram in processes/ to have at least 90% of its flow nodes executed by some test. It prints the table and
 * writes it to target/process-test-coverage/summary.md.
 */
class ProcessCoverageIT {

    static final double MINIMUM = 0.90;
    static final Path REPORTS = Path.of("target", "process-test-coverage");
    static final Set<String> FLOW_NODES = Set.of("startEvent", "endEvent", "intermediateCatchEvent",
            "intermediateThrowEvent", "boundaryEvent", "task", "serviceTask", "userTask", "businessRuleTask", "sendTask",
            "receiveTask", "scriptTask", "manualTask", "callActivity", "subProcess", "exclusiveGateway",
            "parallelGateway", "eventBasedGateway", "inclusiveGateway");

    @Test
    void everyDiagramIsCoveredByTheTests() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(REPORTS), "no coverage reports: run the unit tests first (mvn verify)");
        Map<String, Set<String>> covered = coveredFlowNodes();
        Map<String, Set<String>> nodes = new TreeMap<>();
        try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
            for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                nodes.putAll(flowNodes(diagram));
            }
        }
        StringBuilder table = new StringBuilder("| process | flow nodes | covered | coverage | not covered |\n"
                + "|---|---|---|---|---|\n");
        Map<String, Double> coverage = new HashMap<>();
        nodes.forEach((process, all) -> {
            Set<String> hit = new HashSet<>(covered.getOrDefault(process, Set.of()));
            hit.retainAll(all);
            Set<String> missing = new java.util.TreeSet<>(all);
            missing.removeAll(hit);
            double share = all.isEmpty() ? 1 : (double) hit.size() / all.size();
            coverage.put(process, share);
            table.append(String.format("| %s | %d | %d | %.1f%% | %s |%n", process, all.size(), hit.size(), share * 100,
                    String.join(", ", missing)));
        });
        System.out.println("Process coverage (flow nodes, all test classes):\n" + table);
        Files.writeString(REPORTS.resolve("summary.md"), "# Process coverage\n\n" + table);
        assertThat(coverage).allSatisfy((process, share) -> assertThat(share)
                .as("flow-node coverage of %s", process).isGreaterThanOrEqualTo(MINIMUM));
    }

    private static Map<String, Set<String>> coveredFlowNodes() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Set<String>> covered = new HashMap<>();
        try (Stream<Path> files = Files.walk(REPORTS)) {
            for (Path report : files.filter(p -> p.getFileName().toString().equals("report.json")).toList()) {
                for (JsonNode suite : json.readTree(report.toFile()).path("suites")) {
                    for (JsonNode run : suite.path("runs")) {
                        for (JsonNode event : run.path("events")) {
                            if ("FLOW_NODE".equals(event.path("source").asText())) {
                                covered.computeIfAbsent(event.path("modelKey").asText(), k -> new HashSet<>())
                                        .add(event.path("definitionKey").asText());
                            }
                        }
                    }
                }
            }
        }
        return covered;
    }

    private static Map<String, Set<String>> flowNodes(Path diagram) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList processes = factory.newDocumentBuilder().parse(diagram.toFile())
                .getElementsByTagNameNS("http://www.omg.org/spec/BPMN/20100524/MODEL", "process");
        Map<String, Set<String>> result = new HashMap<>();
        for (int i = 0; i < processes.getLength(); i++) {
            Element process = (Element) processes.item(i);
            Set<String> ids = new HashSet<>();
            NodeList all = process.getElementsByTagNameNS("*", "*");
            for (int j = 0; j < all.getLength(); j++) {
                Element element = (Element) all.item(j);
                if (FLOW_NODES.contains(element.getLocalName()) && element.hasAttribute("id")) {
                    ids.add(element.getAttribute("id"));
                }
            }
            result.put(process.getAttribute("id"), ids);
        }
        return result;
    }

}
