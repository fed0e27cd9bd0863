package org.supportdesk.ticket;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.supportdesk.processes.Decisions;

/**
 * R11's first-response targets, read from the decision table {@code processes/response-targets.dmn} (its latest
 * deployed version: an analyst who deploys a changed table changes the targets of tickets filed or re-triaged from
 * then on). Staff groups may evaluate it (their task completions compute due dates): see the staff set-up.
 */
@Component
public class ResponseTargets {

    private final DecisionService decisions;

    ResponseTargets(DecisionService decisions) {
        this.decisions = decisions;
    }

    /** How long the first response may take, and whether that counts business hours or hours on the clock. */
    public record Target(Duration time, boolean businessHours) {
    }

    /**
     * The target of {@code priority}. Within one transaction the table is read once per priority: filing a ticket asks
     * for its target for the triage task's due date and for the waiting timer, and the table deployed last cannot
     * change under a running transaction's feet in a way that matters (the next transaction reads it again).
     */
    public Target of(Priority priority) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return evaluate(priority);
        }
        @SuppressWarnings("unchecked")
        Map<Priority, Target> read = (Map<Priority, Target>) TransactionSynchronizationManager.getResource(this);
        if (read == null) {
            read = new EnumMap<>(Priority.class);
            TransactionSynchronizationManager.bindResource(this, read);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ResponseTargets.this);
                }
            });
        }
        return read.computeIfAbsent(priority, this::evaluate);
    }

    private Target evaluate(Priority priority) {
        DmnDecisionResultEntries row = decisions.evaluateDecisionByKey(Decisions.RESPONSE_TARGETS)
                .variables(Variables.putValue("priority", priority.name()))
                .evaluate().getSingleResult();
        if (row == null) {
            throw new IllegalStateException("The decision " + Decisions.RESPONSE_TARGETS + " has no row for priority " + priority);
        }
        Number hours = row.getEntry("targetHours");
        Boolean business = row.getEntry("businessHours");
        if (hours == null || business == null) {
            throw new IllegalStateException("The decision " + Decisions.RESPONSE_TARGETS + " gives no targetHours or businessHours"
                    + " for priority " + priority);
        }
        return new Target(Duration.ofMinutes(Math.round(hours.doubleValue() * 60)), business);
    }
}
