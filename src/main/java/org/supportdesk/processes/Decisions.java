package org.supportdesk.processes;

/** The decision tables the Java side evaluates or grants, by their key ({@code processes/*.dmn}). */
public final class Decisions {

    /** {@code processes/response-targets.dmn}: R11's first-response and next-reply targets per priority. */
    public static final String RESPONSE_TARGETS = "response-targets";

    private Decisions() {
    }
}
