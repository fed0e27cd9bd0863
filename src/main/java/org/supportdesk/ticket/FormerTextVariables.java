package org.supportdesk.ticket;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.supportdesk.engine.AsSystem;
import org.supportdesk.engine.StartupTask;

/**
 * Earlier versions of the desk copied the ticket's texts into process variables (the request, the conversation, the
 * notes, the file list, the requester, what an agent wrote). At start, every node removes what is left of them from
 * running processes and from the history, so that a database of an earlier version holds them only in the ticket's
 * tables too. Idempotent and cheap once done: two queries that find nothing.
 */
@Component
@Order(40)
class FormerTextVariables implements StartupTask {

    private static final Logger log = LoggerFactory.getLogger(FormerTextVariables.class);

    /** The names earlier versions wrote texts under. */
    static final String[] NAMES = {"request", "conversation", "attachmentList", "internalNotes", "requester",
            "requesterName", "requesterEmail", "agentMessage", "sev1DowngradeReason", TicketVariables.REPLY,
            TicketVariables.NOTE, TicketVariables.ENGINEER_NOTE};
    private static final int PAGE = 500;

    private final RuntimeService runtime;
    private final HistoryService history;
    private final org.camunda.bpm.engine.TaskService tasks;
    private final AsSystem asSystem;

    FormerTextVariables(RuntimeService runtime, HistoryService history, org.camunda.bpm.engine.TaskService tasks,
                        AsSystem asSystem) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
        this.asSystem = asSystem;
    }

    @Override
    public void setUp() {
        asSystem.run(() -> {
            int removed = 0;
            for (List<VariableInstance> page = running(); !page.isEmpty(); page = running()) {
                for (VariableInstance variable : page) {
                    if (variable.getTaskId() != null) {
                        tasks.removeVariableLocal(variable.getTaskId(), variable.getName());
                    } else {
                        runtime.removeVariableLocal(variable.getExecutionId(), variable.getName());
                    }
                }
                removed += page.size();
            }
            int forgotten = 0;
            for (List<HistoricVariableInstance> page = historic(); !page.isEmpty(); page = historic()) {
                page.forEach(variable -> history.deleteHistoricVariableInstance(variable.getId()));
                forgotten += page.size();
            }
            if (removed + forgotten > 0) {
                log.info("Removed {} ticket texts from running processes and {} from their history: the ticket's "
                        + "tables hold them", removed, forgotten);
            }
        });
    }

    private List<VariableInstance> running() {
        return runtime.createVariableInstanceQuery().variableNameIn(NAMES).disableBinaryFetching()
                .disableCustomObjectDeserialization().listPage(0, PAGE);
    }

    private List<HistoricVariableInstance> historic() {
        return history.createHistoricVariableInstanceQuery().variableNameIn(NAMES).disableBinaryFetching()
                .disableCustomObjectDeserialization().listPage(0, PAGE);
    }
}
