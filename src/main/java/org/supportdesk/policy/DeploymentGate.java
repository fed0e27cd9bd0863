package org.supportdesk.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment gate: every diagram, decision and form passes the policy vocabulary ({@link Vocabulary}) before the
 * engine accepts it — deployed from Modeler over the engine REST API, from {@code processes/} at start-up, by a test,
 * on any node — and again whenever a node loads a deployment into its cache (a model deployed before the gate
 * existed does not run either). A refused deployment is a {@link ParseException}: the engine REST API answers 400 with
 * each finding (file, element id, rule), and nothing of it is stored.
 * <p>
 * Behind the gate, the engine itself is narrowed to the same vocabulary, so that a model that got past it by any other
 * way still cannot run code: expressions resolve only the published beans ({@link PolicyExpressions}) and call only
 * the published functions, decisions are FEEL, no script engine exists, and a task can be read and worked only by the
 * desk's groups that work tasks ({@link TasksForTheDesk}).
 */
public class DeploymentGate extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(DeploymentGate.class);
    private static final int SHOWN = 20;

    private final ModelCheck check;
    private final Function<String, Object> beans;

    /**
     * @param applicationBean whether a name is a bean of the application (an expression naming one is refused)
     * @param beans           the application's bean of a name (asked only for the published ones)
     */
    public DeploymentGate(Predicate<String> applicationBean, Function<String, Object> beans) {
        this.check = new ModelCheck(applicationBean);
        this.beans = beans;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = new ArrayList<>();
        deployers.add(this::check);
        if (configuration.getCustomPreDeployers() != null) {
            deployers.addAll(configuration.getCustomPreDeployers());
        }
        configuration.setCustomPreDeployers(deployers);

        List<CommandInterceptor> interceptors = new ArrayList<>();
        interceptors.add(new ModelRefusals());
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);

        configuration.setExpressionManager(new PolicyExpressions(beans));
        configuration.setScriptEngineResolver(new NoScripts());
        configuration.setResourceAuthorizationProvider(new TasksForTheDesk());
        // decisions are FEEL: with the legacy behaviour, input expressions and output entries would default to JUEL
        configuration.setDmnFeelEnableLegacyBehavior(false);
    }

    /** Checks every file of a deployment (a new one, or one a node loads into its cache). */
    void check(DeploymentEntity deployment) {
        Map<String, ResourceEntity> resources = deployment.getResources();
        if (resources == null) {
            return;
        }
        List<Finding> findings = new ArrayList<>();
        for (ResourceEntity resource : resources.values()) {
            if (!resource.isGenerated()) {
                findings.addAll(check.check(resource.getName(), resource.getBytes()));
            }
        }
        if (!findings.isEmpty()) {
            throw refusal(deployment, findings);
        }
    }

    private static ParseException refusal(DeploymentEntity deployment, List<Finding> findings) {
        StringBuilder message = new StringBuilder("The deployment was refused: it uses what the policy vocabulary does "
                + "not allow (" + Vocabulary.DOCS + ").");
        findings.stream().limit(SHOWN).forEach(f -> message.append('\n').append(f.sentence()));
        if (findings.size() > SHOWN) {
            message.append("\n… and ").append(findings.size() - SHOWN).append(" more");
        }
        log.warn("Deployment {} refused by the gate{}: {}", deployment.getName(),
                deployment.isNew() ? "" : " while loading it into the cache", message);
        String resource = findings.get(0).resource();
        List<Problem> problems = findings.stream().filter(f -> f.resource().equals(resource))
                .map(f -> (Problem) new GateProblem(f)).toList();
        return new ParseException(message.toString(), resource, problems, List.of());
    }

    private record GateProblem(Finding finding) implements Problem {
        @Override
        public String getMessage() {
            return finding.sentence();
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return finding.elementId();
        }

        @Override
        public List<String> getElementIds() {
            return finding.elementId() == null ? List.of() : List.of(finding.elementId());
        }
    }
}
