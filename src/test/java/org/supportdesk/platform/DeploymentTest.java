package org.supportdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportdesk.SupportDeskTest;
import org.supportdesk.processes.EscalationDiagram;
import org.supportdesk.processes.MailDeliveryDiagram;
import org.supportdesk.processes.Sev1OutageDiagram;
import org.supportdesk.processes.SupportTicketDiagram;

/**
 * What the engine runs is what the analysts edit in {@code processes/} and {@code forms/}: the four processes and
 * the routing decision are deployed, every user task opens a Camunda Form of its own deployment, every call and
 * decision reference finds what it names, and history is cleaned up.
 */
@SupportDeskTest
class DeploymentTest {

    private static final List<String> PROCESSES =
            List.of(SupportTicketDiagram.PROCESS_KEY, Sev1OutageDiagram.PROCESS_KEY, EscalationDiagram.PROCESS_KEY,
                    MailDeliveryDiagram.PROCESS_KEY);
    private static final List<Path> MODEL_FOLDERS = List.of(Path.of("processes"), Path.of("forms"));

    @Autowired RepositoryService repository;
    @Autowired ProcessEngineConfiguration configuration;

    @Test
    void theFourProcessesAreDeployedAndActive() {
        List<ProcessDefinition> latest = repository.createProcessDefinitionQuery().latestVersion().list();

        assertThat(latest).extracting(ProcessDefinition::getKey).containsAll(PROCESSES);
        for (String key : PROCESSES) {
            ProcessDefinition process = latestProcess(key);
            assertThat(process.isSuspended()).as("%s suspended", key).isFalse();
            assertThat(process.getResourceName()).as("resource of %s", key).endsWith(key + ".bpmn");
        }
    }

    @Test
    void everyUserTaskOpensTheLatestDeployedCamundaFormOfItsReference() {
        List<String> forms = new ArrayList<>();
        for (String key : PROCESSES) {
            ProcessDefinition process = latestProcess(key);
            for (UserTask task : model(process).getModelElementsByType(UserTask.class)) {
                String where = key + "/" + task.getId();
                assertThat(task.getCamundaFormRef()).as("camunda:formRef of %s", where).isNotBlank();
                assertThat(task.getCamundaFormKey()).as("%s uses a Camunda Form, not a form key", where).isNull();
                // "latest": a diagram an analyst deploys alone from Modeler still finds its forms (issue #15)
                assertThat(task.getCamundaFormRefBinding()).as("camunda:formRefBinding of %s", where)
                        .isEqualTo("latest");

                CamundaFormDefinition form = deployedForm(task.getCamundaFormRef(), process.getDeploymentId());

                assertThat(form).as("Camunda Form %s for %s", task.getCamundaFormRef(), where).isNotNull();
                assertThat(form.getResourceName()).as("form file of %s", where).endsWith(".form");
                forms.add(form.getKey());
            }
        }

        assertThat(forms).as("the work form serves the Work task and R14's Pending task")
                .containsOnly("triage-ticket", "work-ticket", "assess-outage", "acknowledge-outage");
    }

    @Test
    void theRoutingDecisionIsDeployedAndEveryDecisionReferenceFindsItsTable() {
        DecisionDefinition routing = repository.createDecisionDefinitionQuery().decisionDefinitionKey("ticket-routing")
                .latestVersion().singleResult();
        assertThat(routing).as("decision ticket-routing").isNotNull();
        assertThat(routing.getResourceName()).endsWith("ticket-routing.dmn");

        List<String> references = new ArrayList<>();
        for (String key : PROCESSES) {
            for (BusinessRuleTask task : model(latestProcess(key)).getModelElementsByType(BusinessRuleTask.class)) {
                references.add(task.getCamundaDecisionRef());
                assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey(task.getCamundaDecisionRef())
                        .latestVersion().singleResult()).as("decision of %s/%s", key, task.getId()).isNotNull();
            }
        }
        assertThat(references).contains("ticket-routing");
    }

    @Test
    void everyCallActivityCallsADeployedProcess() {
        List<String> called = new ArrayList<>();
        for (String key : PROCESSES) {
            for (CallActivity call : model(latestProcess(key)).getModelElementsByType(CallActivity.class)) {
                called.add(call.getCalledElement());
                assertThat(latestProcess(call.getCalledElement())).as("process called by %s/%s", key, call.getId())
                        .isNotNull();
            }
        }
        assertThat(called).contains(Sev1OutageDiagram.PROCESS_KEY, EscalationDiagram.PROCESS_KEY);
    }

    @Test
    void everyProcessAndDecisionHasAHistoryTimeToLive() {
        List<ProcessDefinition> processes = repository.createProcessDefinitionQuery().latestVersion().list();
        List<DecisionDefinition> decisions = repository.createDecisionDefinitionQuery().latestVersion().list();

        assertThat(processes).extracting(ProcessDefinition::getKey).containsAll(PROCESSES);
        assertThat(processes).allSatisfy(p -> assertThat(p.getHistoryTimeToLive())
                .as("historyTimeToLive of %s", p.getKey()).isNotNull().isPositive());
        assertThat(decisions).isNotEmpty().allSatisfy(d -> assertThat(d.getHistoryTimeToLive())
                .as("historyTimeToLive of %s", d.getKey()).isNotNull().isPositive());
    }

    @Test
    void everyModelFileIsDeployedAsItIsOnDisk() throws IOException {
        Collection<Path> files = modelFiles();
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("support-ticket.bpmn",
                "ticket-routing.dmn", "work-ticket.form");

        for (Path file : files) {
            Optional<DeployedResource> deployed = latestDeployment(file.getFileName().toString());

            assertThat(deployed).as("%s in an engine deployment", file).isPresent();
            try (InputStream content = repository.getResourceAsStream(deployed.get().deploymentId(),
                    deployed.get().name())) {
                assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8))
                        .as("deployed %s is the file on disk", file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    /** The form the engine hands out for a task with this reference (the command the task form lookup runs). */
    private CamundaFormDefinition deployedForm(String key, String deploymentId) {
        return ((ProcessEngineConfigurationImpl) configuration).getCommandExecutorTxRequired()
                .execute(new GetCamundaFormDefinitionCmd(new CamundaFormRefImpl(key, "latest"), deploymentId));
    }

    private BpmnModelInstance model(ProcessDefinition process) {
        return repository.getBpmnModelInstance(process.getId());
    }

    private ProcessDefinition latestProcess(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    }

    private static List<Path> modelFiles() {
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

    private record DeployedResource(String deploymentId, String name) {
    }
}
