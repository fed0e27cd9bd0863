package org.supportdesk.outage;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;

final class OutageDecisions {

    private OutageDecisions() {
    }

    /** An engineer's decision on an outage is its first response (R11, R18). */
    static void markFirstResponse(DelegateExecution execution, Instant now) {
        if (execution.getVariable("firstRespondedAt") == null) {
            execution.setVariable("firstRespondedAt", Date.from(now));
        }
    }
}
