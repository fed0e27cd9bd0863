package org.supportdesk.ticket;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The built-in completion listener {@link AgentWordsLeaveNoTrace} adds to every user task: a completion that brought
 * agent inputs other than through the form would store them, so it is refused.
 */
class AgentInputsOnlyThroughTheForm implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        for (String name : TicketVariables.AGENT_INPUTS) {
            TypedValue value = task.getVariableTyped(name);
            if (value != null && !value.isTransient()) {
                throw new AgentRefusal("'" + name + "' is what an agent writes: submit it with the task's "
                        + "form (POST /task/{id}/submit-form), which keeps it out of the process's variables, not "
                        + "with /complete or as a variable of its own.");
            }
        }
    }
}
