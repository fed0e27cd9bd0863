package org.supportdesk.ticket;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * What agents write on a form — the answer to the customer, an internal note, an engineer's note
 * ({@link TicketVariables#AGENT_INPUTS}) — reaches the engine as form variables, because that is how Tasklist submits a
 * Camunda Form; the step after the task records it in the ticket's tables. It must not stay in the process: variables
 * are read by whoever reads the process (Cockpit, the engine REST API) and kept in the history for a year. So every
 * user task's form takes these fields as transient variables: the rest of the transaction (the steps and mails right
 * after the task) reads them, and nothing is stored, in the runtime tables or the history (which would record the
 * submitted fields too). A completion that sends
 * them any other way ({@code POST /task/{id}/complete} with variables) is refused, saying to submit the form.
 */
@Component
public class AgentWordsLeaveNoTrace extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPreBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPreBPMNParseListeners());
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                task.setTaskFormHandler(new TransientInputs(task.getTaskFormHandler()));
                task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, new AgentInputsOnlyThroughTheForm());
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
        List<CommandInterceptor> interceptors = new ArrayList<>();
        interceptors.add(new RefusalsReachTheCaller());
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    /** The engine wraps what a task listener throws; the refusal above is the caller's to read (400, not 500). */
    private static final class RefusalsReachTheCaller extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (ProcessEngineException wrapped) {
                for (Throwable cause = wrapped.getCause(); cause != null; cause = cause.getCause()) {
                    if (cause instanceof AgentRefusal refused) {
                        throw refused;
                    }
                }
                throw wrapped;
            }
        }
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new WithoutAgentWords(configuration.getHistoryEventHandler()));
    }

    /** The task's form handler, submitting the agent inputs as transient variables. */
    private record TransientInputs(TaskFormHandler form) implements TaskFormHandler {
        @Override
        public void submitFormVariables(VariableMap properties, VariableScope scope) {
            VariableMap submitted = Variables.createVariables();
            properties.forEach((name, value) -> {
                TypedValue typed = properties.getValueTyped(name);
                submitted.put(name, TicketVariables.AGENT_INPUTS.contains(name)
                        ? Variables.untypedValue(typed == null ? null : typed.getValue(), true) : typed);
            });
            form.submitFormVariables(submitted, scope);
        }

        @Override
        public TaskFormData createTaskForm(TaskEntity task) {
            return form.createTaskForm(task);
        }

        @Override
        public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
                                       ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
            form.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
        }
    }

    /**
     * The engine's history, less the agent inputs: the form's fields as submitted (the engine records them as "form
     * properties" at every history level) and their variable events (none arise from the form; others would).
     */
    private record WithoutAgentWords(HistoryEventHandler history) implements HistoryEventHandler {
        @Override
        public void handleEvent(HistoryEvent event) {
            if (!agentWords(event)) {
                history.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            history.handleEvents(events.stream().filter(e -> !agentWords(e)).toList());
        }

        private static boolean agentWords(HistoryEvent event) {
            return event instanceof HistoricVariableUpdateEventEntity variable
                    && TicketVariables.AGENT_INPUTS.contains(variable.getVariableName())
                    || event instanceof HistoricFormPropertyEventEntity field
                    && TicketVariables.AGENT_INPUTS.contains(field.getPropertyId());
        }
    }
}
