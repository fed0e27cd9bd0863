package org.supportdesk.policy;

/** One thing a model does that the policy vocabulary does not allow: where, and which rule. */
record Finding(String resource, String elementId, String rule) {

    /** "support-ticket.bpmn: Task_X: camunda:expression may only call …" */
    String sentence() {
        return resource + ": " + (elementId == null ? "" : elementId + ": ") + rule;
    }
}
