package org.supportdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.SupportDeskTest;

/**
 * What the analysts edit in {@code processes/} and {@code forms/} is what the engine runs: every file is deployed
 * with the content on disk, and every process and decision in them can be started or evaluated.
 */
@SupportDeskTest
class DeploymentTest {

    private static final List<Path> MODEL_FOLDERS = List.of(Path.of("processes"), Path.of("forms"));

    @Autowired RepositoryService repository;

    @Test
    void theProjectHasDiagramsDecisionsAndForms() {
        List<Path> files = modelFiles();

        assertThat(files).anyMatch(f -> f.toString().endsWith(".bpmn"));
        assertThat(files).anyMatch(f -> f.toString().endsWith(".dmn"));
        assertThat(files).anyMatch(f -> f.toString().endsWith(".form"));
    }

    @Test
    void everyModelFileIsDeployedAsItIsOnDisk() throws IOException {
        for (Path file : modelFiles()) {
            Optional<DeployedResource> deployed = latestDeployment(file.getFileName().toString());

            assertThat(deployed).as("%s in an engine deployment", file).isPresent();
            try (InputStream content = repository.getResourceAsStream(deployed.get().deploymentId(),
                    deployed.get().name())) {
                assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8))
                        .as("deployed %s is the file on disk", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void everyProcessOfEveryDiagramIsDeployed() {
        List<String> keys = new ArrayList<>();
        for (Path file : modelFiles()) {
            if (file.toString().endsWith(".bpmn")) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                model.getModelElementsByType(Process.class).stream().filter(Process::isExecutable)
                        .map(Process::getId).forEach(keys::add);
            }
        }

        assertThat(keys).contains("support-ticket", "mail-delivery");
        for (String key : keys) {
            assertThat(latestProcess(key)).as("process definition %s", key).isNotNull();
            assertThat(latestProcess(key).isSuspended()).as("%s suspended", key).isFalse();
        }
    }

    @Test
    void everyDecisionOfEveryTableIsDeployed() {
        List<String> keys = new ArrayList<>();
        for (Path file : modelFiles()) {
            if (file.toString().endsWith(".dmn")) {
                Dmn.readModelFromFile(file.toFile()).getModelElementsByType(Decision.class).stream()
                        .map(Decision::getId).forEach(keys::add);
            }
        }

        assertThat(keys).contains("ticket-routing");
        for (String key : keys) {
            assertThat(latestDecision(key)).as("decision definition %s", key).isNotNull();
        }
    }

    @Test
    void everyProcessAndDecisionHasAHistoryTimeToLive() {
        List<ProcessDefinition> processes = repository.createProcessDefinitionQuery().latestVersion().list();
        List<DecisionDefinition> decisions = repository.createDecisionDefinitionQuery().latestVersion().list();

        assertThat(processes).isNotEmpty();
        assertThat(processes).allSatisfy(p -> assertThat(p.getHistoryTimeToLive())
                .as("historyTimeToLive of %s", p.getKey()).isNotNull().isPositive());
        assertThat(decisions).allSatisfy(d -> assertThat(d.getHistoryTimeToLive())
                .as("historyTimeToLive of %s", d.getKey()).isNotNull().isPositive());
    }

    private List<Path> modelFiles() {
        List<Path> files = new ArrayList<>();
        for (Path folder : MODEL_FOLDERS) {
            assertThat(folder).as("run from the project root").isDirectory();
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(bpmn|dmn|form)$"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private Optional<DeployedResource> latestDeployment(String fileName) {
        return repository.createDeploymentQuery().list().stream()
                .sorted(Comparator.comparing(Deployment::getDeploymentTime).reversed())
                .flatMap(d -> repository.getDeploymentResourceNames(d.getId()).stream()
                        .filter(name -> name.equals(fileName) || name.endsWith("/" + fileName))
                        .map(name -> new DeployedResource(d.getId(), name)))
                .findFirst();
    }

    private ProcessDefinition latestProcess(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    }

    private DecisionDefinition latestDecision(String key) {
        return repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
    }

    private record DeployedResource(String deploymentId, String name) {
    }
}
